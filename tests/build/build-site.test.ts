import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { buildSite } from "../../lib/build/build-site.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

const page = (title: string, body = "Some text.\n") => `---\ntitle: ${title}\n---\n\n${body}`;

describe("buildSite, in this process", () => {
  it("builds two sites with different settings at the same time, each with its own", async () => {
    const contentDir = makeContentDir("build-site-twice", {
      "index.md": page("Home"),
      "guides/one.md": page("One"),
      "guides/draft.md": `---\ntitle: Draft\ndraft: true\n---\n\nNot yet.\n`,
    });
    const build = (name: string, env: NodeJS.ProcessEnv) => {
      const outputDir = path.join(testOutputDir, "build-site", name);
      const settings = readSettings({
        CONTENT_DIR: shown(contentDir, ""),
        OUTPUT_DIR: outputDir,
        SITE_TODAY: "2026-01-15",
        ...env,
      });
      return buildSite({ settings, projectRoot, outputDir }).then((result) => ({ result, outputDir }));
    };
    const [root, prefixed] = await Promise.all([
      build("root", {}),
      build("prefixed", { PATH_PREFIX: "/manual/", INCLUDE_DRAFTS: "true" }),
    ]);
    for (const { result } of [root, prefixed]) assert.ok(result.ok, result.lines.map((line) => line.text).join("\n"));
    assert.equal(root.result.pageCount, 2);
    assert.equal(prefixed.result.pageCount, 3);
    assert.deepEqual(root.result.lines.at(-1), { stream: "stdout", text: `Built 2 pages into ${root.outputDir}/` });
    const canonical = async (outputDir: string, url: string) =>
      /<link rel="canonical" href="([^"]+)">/.exec(
        await readFile(path.join(outputDir, url, "index.html"), "utf8"),
      )?.[1];
    assert.match((await canonical(root.outputDir, "guides/one/"))!, /^https?:\/\/[^/]+\/guides\/one\/$/);
    assert.match((await canonical(prefixed.outputDir, "guides/one/"))!, /^https?:\/\/[^/]+\/manual\/guides\/one\/$/);
    assert.match(await readFile(path.join(prefixed.outputDir, "guides", "draft", "index.html"), "utf8"), /Not yet\./);
  });

  it("returns the errors and keeps the last output instead of exiting", async () => {
    const contentDir = makeContentDir("build-site-broken", { "index.md": "---\ntitle: [unclosed\n---\n\nText.\n" });
    const outputDir = path.join(testOutputDir, "build-site", "broken");
    const settings = readSettings({ CONTENT_DIR: shown(contentDir, ""), OUTPUT_DIR: outputDir });
    const result = await buildSite({ settings, projectRoot, outputDir });
    assert.equal(result.ok, false);
    assert.ok(
      result.diagnostics.some(
        (diagnostic) => diagnostic.severity === "error" && diagnostic.file === shown(contentDir, "index.md"),
      ),
    );
    assert.equal(result.lines.at(-1)?.text, `\nThe build failed, so ${outputDir}/ was left as it was.`);
  });
});

describe("buildSite on a content folder that is not there", () => {
  it("says the folder does not exist, with no error code or stack, and fails", async () => {
    const outputDir = path.join(testOutputDir, "build-site", "missing-content");
    const settings = readSettings({ CONTENT_DIR: "tests/fixtures/no-such-folder", OUTPUT_DIR: outputDir });
    const result = await buildSite({ settings, projectRoot, outputDir });
    assert.equal(result.ok, false);
    const printed = result.lines.map((line) => line.text).join("\n");
    assert.match(printed, /tests\/fixtures\/no-such-folder does not exist: CONTENT_DIR/);
    assert.doesNotMatch(printed, /ENOENT|scandir|^\s+at /m);
  });
});
