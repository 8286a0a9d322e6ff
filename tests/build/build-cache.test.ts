import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { openBuildCache } from "../../lib/build/build-cache.ts";
import { loadContent } from "../../lib/content/load-content.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

describe("the build cache's pruning (lib/build/build-cache.ts)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "build-cache-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

  it("removes old entries and what a process stopped mid-write left, and keeps the rest", async () => {
    const contentDir = makeContentDir("build-cache-prune", { "index.md": "---\ntitle: Home\n---\n\nText.\n" });
    const cacheDir = path.join(dir, "cache");
    const files: Record<string, number> = {
      // Entries: a fortnight is how long they are kept.
      "markdown/ab/old.json": 20,
      "markdown/ab/new.json": 1,
      "pages/cd/old.json": 20,
      "pages/cd/old.html": 20,
      "pages/cd/new.json": 2,
      "pages/cd/new.html": 2,
      // Left by a stopped process: a part-written file, and a page's HTML whose entry was never written.
      "markdown/ab/lost.json.1234.k3j2h1": 2,
      "pages/cd/lost.html": 2,
      // The same, but only minutes old: a write another build may still be making.
      "markdown/ab/writing.json.5678.a1b2c3": 0,
      "pages/cd/writing.html": 0,
    };
    for (const [file, days] of Object.entries(files)) {
      const full = path.join(cacheDir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, "{}");
      utimesSync(full, daysAgo(days), daysAgo(days));
    }
    const settings = readSettings({ BUILD_CACHE_DIR: cacheDir, CONTENT_DIR: shown(contentDir, "") });
    const cache = await openBuildCache(settings, projectRoot, contentDir);
    await cache!.prune();
    const left = Object.keys(files).filter((file) => existsSync(path.join(cacheDir, file)));
    assert.deepEqual(left, [
      "markdown/ab/new.json",
      "pages/cd/new.json",
      "pages/cd/new.html",
      "markdown/ab/writing.json.5678.a1b2c3",
      "pages/cd/writing.html",
    ]);
  });
});

describe("pages the last build parsed (lib/build/build-cache.ts parsedPages, lib/content/load-content.ts)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parsed-pages-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const PAGE = "---\ntitle: A guide\n\ndescription: What the guide is for.\norder: 2\n---\n\nIts body.\n";
  const contentDir = makeContentDir("parsed-pages", {
    "guides/a-guide.md": PAGE,
    "guides/guides.11tydata.json": '{ "layout": "side-nav" }\n',
    // Two spaces after the title: trimmed, with a warning.
    "guides/padded.md": "---\ntitle: Padded  \ndescription: A title with spaces after it.\n---\n\nText.\n",
  });
  const settings = readSettings({ BUILD_CACHE_DIR: path.join(dir, "cache"), CONTENT_DIR: shown(contentDir, "") });
  const guide = path.join(contentDir, "guides", "a-guide.md");

  /** Loads the content with the cache's parsed pages, as a build does; counts the pages it found there. */
  const load = async () => {
    const kept = await (await openBuildCache(settings, projectRoot, contentDir))!.parsedPages();
    let found = 0;
    const counting = { ...kept, find: (key: string) => (kept.find(key) && found++, kept.find(key)) };
    const loaded = await loadContent(contentDir, projectRoot, { parsed: new Map(), kept: counting });
    await kept.write();
    return {
      ...loaded,
      found,
      page: (file: string) => loaded.pages.find((page) => page.file === shown(contentDir, file))!,
    };
  };

  it("gives a page the same front matter and body as reading it, and the same lines for its fields", async () => {
    const fresh = await loadContent(contentDir, projectRoot);
    await load();
    const again = await load();
    // Each page but the one with a warning: its warning is made again, with its line, every build.
    assert.equal(again.found, again.pages.length - 1);
    const [read, kept] = [fresh, again].map(({ pages }) =>
      pages.find((page) => page.file === shown(contentDir, "guides/a-guide.md"))!,
    );
    assert.deepEqual(kept.frontMatter, read.frontMatter);
    assert.equal(kept.body, read.body);
    assert.equal(kept.bodyLine, read.bodyLine);
    assert.equal(kept.locate(["description"]).line, 4);
    assert.deepEqual(kept.locate(["order"]), read.locate(["order"]));
    // A default is found in its folder's data file, without reading the page again.
    assert.deepEqual(kept.locate(["layout"]), read.locate(["layout"]));
    assert.equal(kept.locate(["layout"]).file, shown(contentDir, "guides/guides.11tydata.json"));
  });

  it("keeps a page as it was read: what the build does to it afterwards does not reach the next build", async () => {
    const kept = await (await openBuildCache(settings, projectRoot, contentDir))!.parsedPages();
    const loaded = await loadContent(contentDir, projectRoot, { parsed: new Map(), kept });
    const page = loaded.pages.find((item) => item.file === shown(contentDir, "guides/a-guide.md"))!;
    page.frontMatter.title = "Changed by the build";
    await kept.write();
    assert.equal((await load()).page("guides/a-guide.md").frontMatter.title, "A guide");
  });

  it("still reports a page's warnings, every build", async () => {
    for (let build = 0; build < 2; build++) {
      const { diagnostics } = await load();
      assert.ok(
        diagnostics.some(
          (diagnostic) => diagnostic.file === shown(contentDir, "guides/padded.md") && diagnostic.line === 2,
        ),
        JSON.stringify(diagnostics),
      );
    }
  });

  it("reads a page again when its bytes or its folder's defaults change", async () => {
    await load();
    writeFileSync(guide, PAGE.replace("order: 2", "order: 3"));
    const edited = await load();
    assert.equal(edited.page("guides/a-guide.md").frontMatter.order, 3);
    assert.equal(edited.found, edited.pages.length - 2, "the edited page and the one with a warning are read");
    writeFileSync(path.join(contentDir, "guides", "guides.11tydata.json"), '{ "layout": "full-width" }\n');
    const defaulted = await load();
    assert.equal(defaulted.page("guides/a-guide.md").frontMatter.layout, "full-width");
    assert.equal(defaulted.found, defaulted.pages.length - 2, "both pages under the folder are read");
  });
});
