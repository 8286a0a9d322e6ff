import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * A command's options, or its usage: an option it does not have (or a missing value) is named, with
 * the usage under it, and the process exits 2, never with a stack trace; `--help` prints the usage.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as Record<string, unknown>).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}
