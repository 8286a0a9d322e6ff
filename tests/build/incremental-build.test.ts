import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { openBuildCache, type BuildCache } from "../../lib/build/build-cache.ts";
import { buildSite, type BuildResult } from "../../lib/build/build-site.ts";
import { readSettings } from "../../lib/settings.ts";

const repositoryRoot = path.resolve(import.meta.dirname, "../..");

/**
 * Files whose bytes Pagefind itself does not repeat from one build of the same documents to the next
 * (the order of its filter chunks, and so their names and the entry naming them): two cold builds differ
 * there too. These are compared by how many there are; every other file byte for byte.
 */
const PAGEFIND_UNSTABLE = /^pagefind(?:-\d+)?\/(?:filter\/|pagefind\.[^/]+\.pf_meta$|pagefind-entry\.json$)/;

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((item) => item.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join("/"), await readFile(file));
  }
  return files;
}

/** Asserts the two sites hold the same files with the same bytes (Pagefind's unstable files by count). */
async function assertSameSite(warm: string, cold: string): Promise<void> {
  const [a, b] = await Promise.all([filesOf(warm), filesOf(cold)]);
  const stable = (files: Map<string, Buffer>) => [...files.keys()].filter((name) => !PAGEFIND_UNSTABLE.test(name));
  assert.deepEqual(stable(a).sort(), stable(b).sort(), "the same files");
  for (const name of stable(a)) assert.ok(a.get(name)!.equals(b.get(name)!), `${name} differs from a cold build's`);
  const unstable = (files: Map<string, Buffer>) => [...files.keys()].filter((name) => PAGEFIND_UNSTABLE.test(name));
  assert.equal(unstable(a).length, unstable(b).length, "as many of Pagefind's filter files");
  const counts = async (dir: string) =>
    JSON.parse(await readFile(path.join(dir, "pagefind", "pagefind-entry.json"), "utf8")).languages;
  const [warmCounts, coldCounts] = await Promise.all([counts(warm), counts(cold)]);
  assert.deepEqual(
    Object.values(warmCounts).map((language) => (language as { page_count: number }).page_count),
    Object.values(coldCounts).map((language) => (language as { page_count: number }).page_count),
  );
}

describe("a build with the cache of the last one", { timeout: 900_000 }, () => {
  let work: string;
  /** A project root of its own (links to the real code, a copy of the layouts), so a test can edit a layout. */
  let projectRoot: string;
  let contentDir: string;
  const cacheDir = () => path.join(work, "cache");

  const build = async (name: string, cache: boolean): Promise<BuildResult & { dir: string }> => {
    const dir = path.join(work, name);
    const settings = readSettings({
      CONTENT_DIR: contentDir,
      OUTPUT_DIR: dir,
      SITE_TODAY: "2026-03-02",
      SEARCH_BUNDLE_PAGES: "10",
      BUILD_CACHE_DIR: cache ? cacheDir() : "off",
    });
    // The builds with the cache render in runs of three pages, so each comparison with a cold build
    // (one run) also shows a site rendered in parts is the same site.
    const result = await buildSite({ settings, projectRoot, outputDir: dir, pagesPerRender: cache ? 3 : undefined });
    assert.ok(result.ok, result.lines.map((line) => line.text).join("\n"));
    return { ...result, dir };
  };

  /** Builds with the cache and without it, and asserts the two are the same site. */
  const warmAndCold = async (step: string) => {
    const warm = await build(`${step}-warm`, true);
    const cold = await build(`${step}-cold`, false);
    await assertSameSite(warm.dir, cold.dir);
    return warm;
  };

  /** The first build, into an empty cache: a cold build, which the first test compares with. */
  let first: BuildResult & { dir: string };

  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "incremental-build-"));
    projectRoot = path.join(work, "project");
    await mkdir(projectRoot);
    for (const name of ["lib", "assets", "node_modules", "package.json", "package-lock.json"])
      await symlink(path.join(repositoryRoot, name), path.join(projectRoot, name));
    await cp(path.join(repositoryRoot, "layouts"), path.join(projectRoot, "layouts"), { recursive: true });
    contentDir = path.join(work, "content");
    await cp(path.join(repositoryRoot, "tests/fixtures/findability"), contentDir, { recursive: true });
    first = await build("first", true);
    assert.equal(first.reused.pages, 0, "an empty cache reuses nothing");
  });

  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test("a build with nothing changed reuses every page and every search bundle", async () => {
    const again = await build("unchanged", true);
    await assertSameSite(again.dir, first.dir);
    assert.equal(again.reused.pages, again.pageCount);
    assert.ok(again.reused.searchBundles >= 2, `reused ${again.reused.searchBundles} search bundles`);
  });

  test("without the list of the last build's pages, each page's own entry is read instead", async () => {
    await rm(path.join(cacheDir(), "pages-manifest.json"));
    const again = await build("without-manifest", true);
    await assertSameSite(again.dir, first.dir);
    assert.equal(again.reused.pages, again.pageCount);
  });

  test("a page or search file changed where the last build wrote it is not reused: the output shares the cache's files", async () => {
    const sameSize = (text: string) => text.replace(/[a-z]/, (letter) => (letter === "x" ? "y" : "x"));
    const page = path.join(first.dir, "guides", "index.html");
    const fragments = path.join(first.dir, "pagefind", "fragment");
    const fragment = path.join(fragments, (await readdir(fragments))[0]);
    // In place, as the dev server writes a page: the same file, not a new one renamed over it.
    for (const file of [page, fragment]) await writeFile(file, sameSize(await readFile(file, "latin1")), "latin1");
    const warm = await warmAndCold("changed-in-output");
    assert.equal(warm.reused.pages, warm.pageCount - 1, "every page but the changed one is reused");
    const bundles = (await readdir(warm.dir)).filter((name) => /^pagefind(-\d+)?$/.test(name)).length;
    assert.equal(warm.reused.searchBundles, bundles - 1, "every search bundle but the changed one is reused");
  });

  test("after a page's body is edited, only that page is rendered again and the other bundles are reused", async () => {
    const file = path.join(contentDir, "guides", "index.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, `${text}\nA sentence added to the body after the first build.\n`);
    const warm = await warmAndCold("edited");
    assert.equal(warm.reused.pages, warm.pageCount - 1);
    const html = await readFile(path.join(warm.dir, "guides", "index.html"), "utf8");
    assert.match(html, /A sentence added to the body after the first build\./);
    assert.ok(warm.reused.searchBundles >= 1, "the bundles without the page are reused");
  });

  test("a deleted page is gone, and the pages that listed it are drawn without it", async () => {
    const pages = (await readdir(path.join(contentDir, "reference"))).filter((name) => name.endsWith(".md"));
    const leaf = pages.includes("short-page.md") ? "short-page.md" : pages.find((name) => name !== "index.md")!;
    await rm(path.join(contentDir, "reference", leaf));
    const warm = await warmAndCold("deleted");
    assert.ok(warm.reused.pages < warm.pageCount, "pages that listed it are rendered again");
  });

  test("an added page is built, and the pages that list it show it", async () => {
    await writeFile(
      path.join(contentDir, "guides", "added-after-the-first-build.md"),
      "---\ntitle: Added after the first build\ndescription: A page added between two builds.\n---\n\nIts body.\n",
    );
    const warm = await warmAndCold("added");
    const html = await readFile(path.join(warm.dir, "guides", "added-after-the-first-build", "index.html"), "utf8");
    assert.match(html, /Added after the first build/);
  });

  test("pages whose text the reading repaired (line endings, a byte order mark) build as a cold build does, each time", async () => {
    const repaired = {
      "windows-line-endings.md": "---\r\ntitle: Written on Windows\r\n---\r\n\r\nA body\r\nin two lines.\r\n",
      "byte-order-mark.md": "\ufeff---\ntitle: Saved with a mark\n---\n\nIts body ends here.\n",
    };
    for (const [name, text] of Object.entries(repaired)) await writeFile(path.join(contentDir, "guides", name), text);
    for (const step of ["repaired", "repaired-again"]) {
      const warm = await warmAndCold(step);
      const text = (name: string) =>
        readFile(path.join(warm.dir, "guides", name.replace(/\.md$/, ""), "index.html"), "utf8");
      const windows = await text("windows-line-endings.md");
      assert.match(windows, /A body<br>\s*in two lines\./);
      assert.doesNotMatch(windows, /\r/);
      assert.match(await text("byte-order-mark.md"), /Its body ends here\./);
      assert.ok(
        warm.diagnostics.some((diagnostic) => /CRLF/.test(diagnostic.message)) &&
          warm.diagnostics.some((diagnostic) => /byte order mark/.test(diagnostic.message)),
        "the repairs are reported on every build, not only the first",
      );
    }
  });

  test("builds into one folder again and again, in the last site but one's folders, are each the cold build's site", async () => {
    const same = path.join(work, "same");
    const again = async () => {
      const settings = readSettings({
        CONTENT_DIR: contentDir,
        OUTPUT_DIR: same,
        SITE_TODAY: "2026-03-02",
        SEARCH_BUNDLE_PAGES: "10",
        BUILD_CACHE_DIR: cacheDir(),
      });
      const result = await buildSite({ settings, projectRoot, outputDir: same });
      assert.ok(result.ok, result.lines.map((line) => line.text).join("\n"));
      return result;
    };
    await again();
    await again();
    const page = path.join(contentDir, "guides", "built-again-and-again.md");
    const fileLike = path.join(contentDir, "guides", "named-like-a-file.html.md");
    const steps: [string, () => Promise<void>][] = [
      [
        "added",
        () =>
          writeFile(page, "---\ntitle: Built again and again\ndescription: A page for one folder.\n---\n\nFirst.\n"),
      ],
      ["edited", async () => writeFile(page, `${await readFile(page, "utf8")}\nSecond.\n`)],
      ["deleted", () => rm(page)],
      // A folder of the last site but one where this build writes a file: the page's folder, then its redirect.
      [
        "named like a file",
        () =>
          writeFile(
            fileLike,
            "---\ntitle: Named like a file\ndescription: A page whose name ends in .html.\n---\n\nIts body.\n",
          ),
      ],
      ["named like a file, again", async () => writeFile(fileLike, `${await readFile(fileLike, "utf8")}\nMore.\n`)],
      [
        "moved, leaving a redirect at that name",
        async () => {
          await rm(fileLike);
          await writeFile(
            path.join(contentDir, "guides", "named-plainly.md"),
            "---\ntitle: Named plainly\ndescription: The page that was named like a file.\nredirectFrom:\n  - /guides/named-like-a-file.html\n---\n\nIts body.\n",
          );
        },
      ],
    ];
    for (const [step, change] of steps) {
      await change();
      const result = await again();
      assert.ok(result.reused.pages > 0, `${step}: the unchanged pages are reused`);
      const cold = await build(`same-${step}-cold`, false);
      await assertSameSite(same, cold.dir);
    }
    assert.equal(
      existsSync(path.join(same, "guides", "built-again-and-again")),
      false,
      "its folder, left empty, is gone",
    );
    assert.ok(
      existsSync(path.join(cacheDir(), "spare-folders")),
      "the last site but one is kept for the next build's folders",
    );
  });

  test("a build fails, naming the page, when a page it restored is written where the last site has it as it builds", async () => {
    const settings = readSettings({
      CONTENT_DIR: contentDir,
      OUTPUT_DIR: path.join(work, "written-alongside"),
      SITE_TODAY: "2026-03-02",
      SEARCH_BUNDLE_PAGES: "10",
      BUILD_CACHE_DIR: cacheDir(),
    });
    const cache = (await openBuildCache(settings, projectRoot, contentDir))!;
    let written = "";
    // As the dev server would, on the same folder: in place, into a file this build restored.
    const alongside: BuildCache = {
      ...cache,
      async restorePages(pages, folders) {
        const kept = await cache.restorePages(pages, folders);
        const index = kept.findIndex(Boolean);
        if (index >= 0 && !written) {
          written = pages[index].file;
          await writeFile(written, `${await readFile(written, "utf8")}<!-- a draft -->`);
        }
        return kept;
      },
    };
    const result = await buildSite({ settings, projectRoot, outputDir: settings.outputDir, cache: alongside });
    assert.ok(written, "a page was restored");
    assert.equal(result.ok, false);
    const text = result.lines.map((line) => line.text).join("\n");
    assert.match(text, /1 page in .* changed while the site was built/);
    assert.match(text, /npm start/);
    assert.equal(existsSync(settings.outputDir), false, "nothing is published");
  });

  test("a change to site.json renders every page again", async () => {
    const file = path.join(contentDir, "_data", "site.json");
    const site = JSON.parse(await readFile(file, "utf8"));
    site.serviceName = `${site.serviceName ?? "Manual"} changed`;
    await writeFile(file, `${JSON.stringify(site, null, 2)}\n`);
    const warm = await warmAndCold("site-data");
    assert.equal(warm.reused.pages, 0);
  });

  test("a change to a layout renders every page again", async () => {
    const file = path.join(projectRoot, "layouts", "base.njk");
    await writeFile(file, `${await readFile(file, "utf8")}{# changed after the first build #}\n`);
    // A comment changes no page, so only what was reused tells; the next test compares the site this leaves.
    const warm = await build("layout-warm", true);
    assert.equal(warm.reused.pages, 0);
  });

  test("a change to the navigation renders every page again", async () => {
    const file = path.join(contentDir, "_data", "navigation.json");
    const navigation = {
      sectionNav: { guides: [{ title: "In this section", items: [{ text: "Guides", href: "/guides" }] }] },
    };
    await writeFile(file, `${JSON.stringify(navigation, null, 2)}\n`);
    const warm = await warmAndCold("navigation");
    assert.equal(warm.reused.pages, 0);
  });
});
