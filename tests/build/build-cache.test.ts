import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { openBuildCache } from "../../lib/build/build-cache.ts";
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
