import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runScript } from "../helpers/content-dir.ts";

describe("the test command (scripts/test.ts)", () => {
  it("names a test file that does not exist and exits 2, without a stack trace", async () => {
    const run = await runScript("test", ["tests/no-such-file.test.ts"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim(), "No such test file: tests/no-such-file.test.ts");
  });

  it("says what it runs when asked for a file that is not a test", async () => {
    const run = await runScript("test", ["README.md"]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim(), "No test files among README.md.");
  });
});
