import path from "node:path";

/**
 * A node:test reporter that writes how long each test file took, in seconds, as JSON: scripts/test.ts reads it
 * to spread the next run's files evenly over its processes. A file run in a group is the suite named after it;
 * a file run on its own is its top-level tests, added up. Plain JavaScript: node --test loads reporters
 * before the TypeScript loader is in place.
 * @param {AsyncIterable<{ type: string, data: { name: string, nesting: number, file?: string, details?: { duration_ms?: number } } }>} source
 */
export default async function* fileDurations(source) {
  /** @type {Record<string, number>} */
  const seconds = {};
  for await (const { type, data } of source) {
    if ((type !== "test:pass" && type !== "test:fail") || data.nesting !== 0) continue;
    const file = data.name.endsWith(".test.ts") ? data.name : data.file && path.relative(process.cwd(), data.file);
    if (file) seconds[file] = (seconds[file] ?? 0) + (data.details?.duration_ms ?? 0) / 1000;
  }
  yield `${JSON.stringify(Object.fromEntries(Object.entries(seconds).map(([file, s]) => [file, Math.round(s * 10) / 10])), null, 2)}\n`;
}
