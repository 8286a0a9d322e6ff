import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { buildInProcess, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, printedDiagnostics, runScript, shown } from "../helpers/content-dir.ts";
import { leftOutOfFastRun } from "../helpers/fast-run.ts";

/** Every file under a folder with the SHA-256 of its bytes, so two snapshots compare byte for byte. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort()
      .map((file) => [path.relative(dir, file), createHash("sha256").update(readFileSync(file)).digest("hex")]),
  );
}

const good = "---\ntitle: A good page\n---\n\nAll fine.\n";

describe("a failed build", () => {
  it("exits non-zero, names the problem and leaves the previous output byte for byte as it was", async () => {
    const dir = makeContentDir("failed-build", {
      "index.md": good,
      "guides/one.md": "---\ntitle: One\n---\n\nText.\n",
    });
    const output = path.join(testOutputDir, "content-model", "failed-build-site");
    rmSync(output, { recursive: true, force: true });
    const env = { CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: output };

    // In this process: what is proved is what the build leaves behind, not how a child process exits.
    const first = await buildInProcess(env);
    assert.equal(first.code, 0, first.stderr);
    const before = snapshot(output);
    assert.ok(Object.keys(before).includes(path.join("guides", "one", "index.html")));

    // Change a page that built before (so a partial write would show) and add one with an error.
    writeFileSync(path.join(dir, "guides", "one.md"), "---\ntitle: One, changed\n---\n\nNew text.\n");
    writeFileSync(path.join(dir, "guides", "two.md"), "---\ntitle: Two\npublished: someday\n---\n");
    const second = await buildInProcess(env);
    assert.equal(second.code, 1);
    assert.deepEqual(
      printedDiagnostics(second.stderr).map((d) => [d.file, d.line, d.field, d.severity]),
      [[shown(dir, "guides/two.md"), 3, "published", "error"]],
    );
    assert.match(second.stderr, /left as it was/);
    assert.doesNotMatch(second.stderr, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
    assert.deepEqual(snapshot(output), before);
    const parent = readdirSync(path.dirname(output));
    assert.deepEqual(
      parent.filter((name) => name.startsWith(`.${path.basename(output)}-building-`)),
      [],
      "no staging folder is left behind",
    );
  });
});

describe("a very large page (5 MB)", () => {
  // Through the real script, with the heap limits it sets: a crash here would be the process's.
  const skip = leftOutOfFastRun("renders 5 MB of Markdown through the real script");
  it("builds, rather than crashing or being dropped", { skip }, async () => {
    const paragraph =
      "A long paragraph about delivery groups, governance and the [governance model](/) with `code` and *emphasis*. ".repeat(
        8,
      );
    const sections = Array.from(
      { length: 1200 },
      (_, index) => `## Section ${index + 1}\n\n${paragraph}\n\n- one\n- two\n\n${paragraph}\n`,
    );
    const sectionsText = sections.join("\n");
    const padding = Math.ceil((5 * 1024 * 1024 - sectionsText.length) / (paragraph.length + 2));
    const body = `${sectionsText}${`\n${paragraph}\n`.repeat(Math.max(0, padding))}`;
    const dir = makeContentDir("large-page", {
      "index.md": good,
      "large.md": `---\ntitle: A very large page\n---\n\n${body}`,
    });
    const output = path.join(testOutputDir, "content-model", "large-page-site");
    assert.ok(Buffer.byteLength(body) >= 5 * 1024 * 1024);
    const result = await runScript("build.ts", [], { CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: output });
    assert.equal(result.code, 0, result.stderr);
    const $ = readPage(output, "/large/");
    assert.equal($("h1").text(), "A very large page");
    assert.equal($("main h2").length >= 1200, true);
  });
});
