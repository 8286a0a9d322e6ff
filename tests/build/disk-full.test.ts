import assert from "node:assert/strict";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { stageSearchDocuments, writeSearchIndex } from "../../lib/search/search-index.ts";
import type { PageView } from "../../lib/model/site-model.ts";

const pages = [
  { url: "/a/", title: "A", bodyHtml: "<p>Text</p>" },
  { url: "/b/", title: "B", bodyHtml: "<p>More</p>" },
] as PageView[];
const DISK_FULL = /the disk is full \(ENOSPC\) while writing (\S+): free some space and build again/;

/** A stand-in for Pagefind's program: a shell script that does what Pagefind does when the disk fills. */
async function fakePagefind(dir: string, script: string): Promise<string> {
  const program = path.join(dir, "pagefind");
  const readOutputPath =
    'while [ $# -gt 0 ]; do if [ "$1" = "--output-path" ]; then out="$2"; fi; shift; done\nmkdir -p "$out"\n';
  await writeFile(program, `#!/bin/sh\n${readOutputPath}${script}\n`);
  await chmod(program, 0o755);
  return program;
}

describe("a full disk while the search index is written", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "disk-full-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("names the search document being written, not just ENOSPC", async () => {
    const outputDir = await mkdtemp(path.join(dir, "site-"));
    // /dev/full takes the open and refuses every write with ENOSPC, as a full disk does.
    const staged = await stageSearchDocuments(outputDir, pages, 1000, (_file, data) => writeFile("/dev/full", data));
    const error = await writeSearchIndex(staged).then(
      () => undefined,
      (caught: Error) => caught,
    );
    assert.ok(error, "writing to a full disk fails the build");
    const match = DISK_FULL.exec(error.message);
    assert.ok(match, error.message);
    assert.match(match[1], /\.search-documents-[^/]+\/1\/(a|b)\/index\.html$/);
    assert.ok(!error.message.includes("Unexpected end of JSON input"), error.message);
  });

  it("names the bundle when Pagefind itself runs out of space", async () => {
    const outputDir = await mkdtemp(path.join(dir, "site-"));
    const pagefindBinaryPath = await fakePagefind(
      dir,
      'echo "Error: Failed to write file: No space left on device (os error 28)" >&2\nexit 1',
    );
    const staged = await stageSearchDocuments(outputDir, pages, 1000);
    const error = await writeSearchIndex(staged, { pagefindBinaryPath }).then(
      () => undefined,
      (caught: Error) => caught,
    );
    const match = DISK_FULL.exec(error?.message ?? "");
    assert.ok(match, error?.message);
    assert.equal(match[1], path.join(outputDir, "pagefind/"));
  });

  it("says the disk may be full, not `Unexpected end of JSON input`, when Pagefind's output is cut short", async () => {
    const outputDir = await mkdtemp(path.join(dir, "site-"));
    const pagefindBinaryPath = await fakePagefind(
      dir,
      `printf '{"version":"1.5.2","languages":{"en":{"hash":"en_1' > "$out/pagefind-entry.json"`,
    );
    const staged = await stageSearchDocuments(outputDir, pages, 1000);
    const error = await writeSearchIndex(staged, { pagefindBinaryPath }).then(
      () => undefined,
      (caught: Error) => caught,
    );
    assert.ok(error, "a cut-short index fails the build");
    assert.match(
      error.message,
      new RegExp(
        `${path.join(outputDir, "pagefind", "pagefind-entry.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is cut short`,
      ),
    );
    assert.match(error.message, /the disk may be full: free some space and build again/);
    assert.ok(!error.message.includes("Unexpected end of JSON input"), error.message);
  });
});

describe("a full disk while pages or styles are written", () => {
  it("is said as such, naming the file, whatever wrote it", async () => {
    const { explainBuildError } = await import("../../lib/eleventy/run-eleventy.ts");
    const failure = await writeFile("/dev/full", "page").catch((error: unknown) => error);
    // Eleventy wraps the writer's error in its own.
    const wrapped = Object.assign(new Error("Having trouble writing to /dev/full"), { originalError: failure });
    assert.equal(
      explainBuildError(wrapped),
      "the disk is full (ENOSPC) while writing /dev/full: free some space and build again",
    );
  });
});
