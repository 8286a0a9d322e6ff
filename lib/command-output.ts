import type { PrintedLine } from "./build/build-site.ts";

/** What a command printed, in order, and the code its process exits with. */
export interface CommandResult {
  exitCode: number;
  lines: PrintedLine[];
}

/** Where a command's body is started from: the arguments, environment and folder a script would have. */
export interface CommandContext {
  env: NodeJS.ProcessEnv;
  /** The folder relative settings (OUTPUT_DIR, CONTENT_DIR) and files such as CODEOWNERS are found from. */
  cwd: string;
  /** Each line as it is printed, so a long run's log shows its progress; the result holds them all regardless. */
  print?: (line: PrintedLine) => void;
}

/** Collects what a command's body prints, passing each line on as it comes. */
export function commandOutput(print?: (line: PrintedLine) => void) {
  const lines: PrintedLine[] = [];
  const add = (stream: PrintedLine["stream"]) => (text: string) => {
    const line = { stream, text };
    lines.push(line);
    print?.(line);
  };
  return {
    out: add("stdout"),
    err: add("stderr"),
    exit: (exitCode: number): CommandResult => ({ exitCode, lines }),
  };
}

/** Prints a line as a script would, with console.log or console.error. */
export function printLine(line: PrintedLine): void {
  if (line.stream === "stdout") console.log(line.text);
  else console.error(line.text);
}

/** One stream of what a command printed, as its process would have written it. */
export function printedText(result: CommandResult, stream: PrintedLine["stream"]): string {
  return result.lines
    .filter((line) => line.stream === stream)
    .map((line) => `${line.text}\n`)
    .join("");
}

/**
 * Runs a command's body as its script: with this process's arguments, environment and folder, printing as it
 * goes, and exiting as the body says.
 */
export async function runAsScript(
  command: (args: string[], context: CommandContext) => Promise<CommandResult>,
): Promise<void> {
  const { exitCode } = await command(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    print: printLine,
  });
  process.exitCode = exitCode;
}
