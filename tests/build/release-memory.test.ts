import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { projectRoot } from "../helpers/built-site.ts";

// In a process of its own, so the heap holds only what the script makes: a test run's would blur it.
// Many small objects with one in three kept, as what a build keeps outlives the pages' HTML made
// beside it: each heap page is left a third full unless the collection compacts the heap.
const SCRIPT = `
import { releaseMemory } from "./lib/build/release-memory.ts";
const kept = [];
let all = [];
for (let i = 0; i < 400_000; i++) {
  const made = { text: "x".repeat(200) + i, numbers: [i, i + 1, i + 2] };
  all.push(made);
  if (i % 3 === 0) kept.push(made);
}
const start = process.memoryUsage().heapUsed - 150 * 1024 * 1024;
all = undefined;
const collected = await releaseMemory(start);
const { heapTotal, heapUsed } = process.memoryUsage();
console.log(JSON.stringify({ collected, heapTotal, heapUsed, kept: kept.length }));
`;

describe("releasing a large build's memory before indexing", () => {
  it("gives back the heap pages the freed objects were scattered over, not only the objects", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "--eval", SCRIPT],
      { cwd: projectRoot },
    );
    const result = JSON.parse(stdout) as { collected: boolean; heapTotal: number; heapUsed: number; kept: number };
    assert.equal(result.collected, true);
    assert.equal(result.kept, 133_334);
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    // About 195 MB is made and 53 MB stays live: compacted, the heap keeps about 87 MB; not, about 165 MB.
    assert.ok(
      result.heapTotal - result.heapUsed < result.heapUsed,
      `the heap kept ${mb(result.heapTotal)} MB for ${mb(result.heapUsed)} MB live`,
    );
  });
});
