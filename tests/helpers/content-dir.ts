import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot, testOutputDir } from "./built-site.ts";

/**
 * A content folder for one test, with the real site's content/_data and the given files (path → text or bytes),
 * and a home page unless the files give one or `homePage` is false: without one the site makes its own, with a
 * warning that every test about something else would have to expect.
 */
export function makeContentDir(
  name: string,
  files: Record<string, string | Uint8Array>,
  { homePage = true }: { homePage?: boolean } = {},
): string {
  const dir = path.join(testOutputDir, "content-model", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "_data"), { recursive: true });
  for (const data of ["site.json", "navigation.json"])
    copyFileSync(path.join(projectRoot, "content", "_data", data), path.join(dir, "_data", data));
  if (homePage && !("index.md" in files))
    writeFileSync(path.join(dir, "index.md"), "---\ntitle: Home\n---\n\nThe home page.\n");
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), contents);
  }
  return dir;
}

/** What a script printed and how it exited. */
export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a script under scripts/ as editors do (a child process from the project root), never throwing on a non-zero exit. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join("scripts", "run.mjs"), script.replace(/\.ts$/, ""), ...args],
      { cwd: projectRoot, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** One `file:line: severity: field: message` line, as the build and `npm run check` print them. */
export interface PrintedDiagnostic {
  file: string;
  line?: number;
  severity: "error" | "warning";
  field?: string;
  message: string;
}

/** Reads every diagnostic line out of a script's output. */
export function printedDiagnostics(output: string): PrintedDiagnostic[] {
  return output.split("\n").flatMap((text) => {
    const match = /^(\S.*?)(?::(\d+))?: (error|warning):(?: ([\w.-]+):)? (.*)$/.exec(text);
    if (!match) return [];
    const [, file, line, severity, field, message] = match;
    return [{ file, line: line ? Number(line) : undefined, severity: severity as "error" | "warning", field, message }];
  });
}

/** The project-relative path diagnostics use for a file in a test content folder. */
export const shown = (dir: string, file: string) => path.relative(projectRoot, path.join(dir, file));
