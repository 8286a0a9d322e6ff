import assert from "node:assert/strict";
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
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

describe("buildSite when the indexer or a layout fails", () => {
  let work: string;
  let contentDir: string;
  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "build-site-search-"));
    contentDir = makeContentDir("build-site-search", { "index.md": page("Home"), "guides/one.md": page("One") });
  });
  after(() => rm(work, { recursive: true, force: true }));

  /** A stand-in for Pagefind's program that runs this shell script, writing `started` and then `finished` beside it. */
  const fakePagefind = async (name: string, script: string) => {
    const dir = path.join(work, name);
    const program = path.join(dir, "pagefind");
    await mkdir(dir, { recursive: true });
    await writeFile(program, `#!/bin/sh\ntouch "${dir}/started"\n${script}\ntouch "${dir}/finished"\n`);
    await chmod(program, 0o755);
    return program;
  };

  /** Builds into `outputDir`, with the project's code and a project root of `root`. */
  const build = async (outputDir: string, root = projectRoot, pagefind?: string, env: NodeJS.ProcessEnv = {}) => {
    const settings = readSettings({
      ...env,
      CONTENT_DIR: path.resolve(contentDir),
      OUTPUT_DIR: outputDir,
      SITE_TODAY: "2026-01-15",
      // A kept index of the same pages would be copied, not written, and the indexer never run.
      BUILD_CACHE_DIR: "off",
      ...(pagefind ? { PAGEFIND_BINARY_PATH: pagefind } : {}),
    });
    return buildSite({ settings, projectRoot: root, outputDir });
  };

  const printed = (result: { lines: { text: string }[] }) => result.lines.map((line) => line.text).join("\n");
  const stagingLeft = async (outputDir: string) =>
    (await readdir(path.dirname(outputDir))).filter((name) =>
      name.startsWith(`.${path.basename(outputDir)}-building-`),
    );

  it("fails with Pagefind's error when the indexer fails, keeping the last good site", async () => {
    const outputDir = path.join(work, "pagefind-fails", "_site");
    const first = await build(outputDir);
    assert.ok(first.ok, printed(first));
    const home = await readFile(path.join(outputDir, "index.html"), "utf8");
    const program = await fakePagefind("failing", 'echo "the index could not be written" >&2; exit 3');
    const result = await build(outputDir, projectRoot, program);
    assert.equal(result.ok, false);
    assert.match(printed(result), /Pagefind could not index the pages \(exit code 3\): the index could not be written/);
    assert.equal(await readFile(path.join(outputDir, "index.html"), "utf8"), home);
    assert.deepEqual(await stagingLeft(outputDir), []);
  });

  /** A project root of its own (links to the real code, a copy of the layouts) whose base layout does not compile. */
  const projectWithBrokenLayout = async () => {
    const root = path.join(work, "project");
    if (existsSync(root)) return root;
    await mkdir(root);
    for (const name of ["lib", "assets", "node_modules", "package.json"])
      await symlink(path.join(projectRoot, name), path.join(root, name));
    await cp(path.join(projectRoot, "layouts"), path.join(root, "layouts"), { recursive: true });
    const base = path.join(root, "layouts", "base.njk");
    await writeFile(base, `${await readFile(base, "utf8")}{% if %}\n`);
    return root;
  };

  it("names the layout, line and column that do not compile, each time, however far Eleventy's copy of the assets got, saying it once", async (t) => {
    const root = await projectWithBrokenLayout();
    // What reaches the console besides the build's own lines: Eleventy's log of the failure, stack trace and all.
    const consoleErrors = t.mock.method(console, "error", () => {});
    const consoleLogs = t.mock.method(console, "log", () => {});
    for (let attempt = 1; attempt <= 3; attempt++) {
      const outputDir = path.join(work, `layout-breaks-${attempt}`, "_site");
      // Each page's search in a bundle of its own: more than one bundle is indexed after the rendering, not beside it.
      const result = await build(outputDir, root, undefined, { SEARCH_BUNDLE_PAGES: "1" });
      assert.equal(result.ok, false);
      assert.match(printed(result), /Having trouble rendering/);
      assert.match(printed(result), /base\.njk\) \[Line \d+, Column \d+\]\s+unexpected token/);
      assert.deepEqual(await stagingLeft(outputDir), []);
    }
    assert.deepEqual(
      consoleErrors.mock.calls.map((call) => call.arguments.join(" ")),
      [],
      "the failure is said once, by the build, without a stack trace",
    );
    assert.deepEqual(
      consoleLogs.mock.calls.map((call) => call.arguments.join(" ")).filter((line) => /Wrote \d+ files/.test(line)),
      [],
      "no word of files written by a build that failed",
    );
  });

  it("reports Eleventy's error when a layout breaks, once the indexer reading the staged pages has finished", async () => {
    const root = await projectWithBrokenLayout();
    // Slow, so the rendering fails while it still runs.
    const program = await fakePagefind("slow", "sleep 1");
    const outputDir = path.join(work, "layout-breaks", "_site");
    const result = await build(outputDir, root, program);
    assert.equal(result.ok, false);
    assert.match(printed(result), /base\.njk/);
    assert.doesNotMatch(printed(result), /Pagefind/);
    const indexer = await readdir(path.dirname(program));
    assert.ok(indexer.includes("started"), "a site whose search is one bundle is indexed while its pages render");
    assert.ok(
      indexer.includes("finished"),
      "the build returned while the indexer was still reading the staging folder",
    );
    assert.deepEqual(await stagingLeft(outputDir), []);
  });
});
