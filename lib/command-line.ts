import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * A command's options, or its usage: an option it does not have (or a missing value) is named, with
 * the usage under it, and the process exits 2, never with a stack trace. Every command takes `--help`,
 * which prints the usage; its own options need not list it.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs({
      ...config,
      options: { ...config.options, help: { type: "boolean", default: false } },
    }) as ReturnType<typeof parseArgs<T>>;
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
