import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import {
  BUNDLE_LIST_FILE,
  pagesPerBundle,
  searchBundlePaths,
  searchDocument,
  splitIntoBundles,
  stageSearchDocuments,
  writeSearchIndex,
} from "../../lib/search/search-index.ts";
import type { PageView } from "../../lib/model/site-model.ts";

const view = (url: string, title: string, bodyHtml: string, extra: Partial<PageView> = {}) =>
  ({ url, title, bodyHtml, ...extra }) as PageView;

describe("search bundles", () => {
  it("keeps a site of up to one bundle's pages in one bundle, at pagefind/", () => {
    assert.deepEqual(searchBundlePaths(0, 1000), ["pagefind/"]);
    assert.deepEqual(searchBundlePaths(1000, 1000), ["pagefind/"]);
    assert.deepEqual(searchBundlePaths(1001, 1000), ["pagefind/", "pagefind-2/"]);
    assert.deepEqual(searchBundlePaths(10_000, 1000).length, 10);
  });

  it("splits pages evenly, in order, each page once", () => {
    const pages = Array.from({ length: 1001 }, (_, index) => index);
    const bundles = splitIntoBundles(pages, 1000);
    assert.deepEqual(
      bundles.map((bundle) => bundle.length),
      [500, 501],
    );
    assert.deepEqual(bundles.flat(), pages);
    assert.deepEqual(splitIntoBundles(["a", "b", "c", "d", "e", "f", "g"], 3), [
      ["a", "b"],
      ["c", "d"],
      ["e", "f", "g"],
    ]);
  });

  it("reads SEARCH_BUNDLE_PAGES, and refuses a value that is not a whole number of pages", () => {
    assert.equal(pagesPerBundle({}), 1000);
    assert.equal(pagesPerBundle({ SEARCH_BUNDLE_PAGES: " 250 " }), 250);
    for (const bad of ["0", "-3", "2.5", "many"]) {
      assert.throws(
        () => pagesPerBundle({ SEARCH_BUNDLE_PAGES: bad }),
        new RegExp(`SEARCH_BUNDLE_PAGES must be a whole number of pages, at least 1, found "${bad}"`),
      );
    }
  });
});

describe("search documents", () => {
  it("hold the caption, the title weighted highest, the summary and the body, with text escaped", () => {
    const html = searchDocument(
      view("/a/", "Fish & <chips>", '<h2 id="x">Body</h2><p class="govuk-body">Text</p>', {
        caption: 'Food "guides"',
        description: "Cod < haddock",
      }),
    );
    assert.equal(
      html,
      '<!doctype html><html lang="en"><head><title>Fish &amp; &lt;chips&gt;</title></head><body>' +
        "<p>Food &quot;guides&quot;</p>" +
        '<h1 data-pagefind-meta="title" data-pagefind-weight="10">Fish &amp; &lt;chips&gt;</h1>' +
        "<p>Cod &lt; haddock</p>" +
        '<h2 id="x">Body</h2><p class="govuk-body">Text</p>' +
        "</body></html>",
    );
  });

  it("leave out a caption and summary the page does not have", () => {
    assert.equal(
      searchDocument(view("/b/", "Plain", "<p>Body</p>")),
      '<!doctype html><html lang="en"><head><title>Plain</title></head><body><h1 data-pagefind-meta="title" data-pagefind-weight="10">Plain</h1><p>Body</p></body></html>',
    );
  });
});

describe("search filters in the documents", () => {
  it("give the page's section and tags as Pagefind filters, escaped, that search never matches as words", () => {
    const html = searchDocument(view("/a/b/", "Plain", "<p>Body</p>"), "en", {
      section: "Fish & chips",
      tags: ["one", "two <words>"],
    });
    assert.equal(
      html,
      '<!doctype html><html lang="en"><head><title>Plain</title></head><body>' +
        "<div data-pagefind-ignore>" +
        '<span data-pagefind-filter="section">Fish &amp; chips</span>' +
        '<span data-pagefind-filter="tag">one</span><span data-pagefind-filter="tag">two &lt;words&gt;</span>' +
        "</div>" +
        '<h1 data-pagefind-meta="title" data-pagefind-weight="10">Plain</h1><p>Body</p></body></html>',
    );
  });

  it("leave the filters out for a page with no section and no tags", () => {
    assert.doesNotMatch(searchDocument(view("/", "Home", "<p>Body</p>"), "en", { tags: [] }), /data-pagefind-filter/);
  });
});

describe("writing the search index", () => {
  it("writes one Pagefind bundle per group of pages, keeps only the files search loads, and removes the staged documents", async () => {
    const outputDir = await mkdtemp(path.join(os.tmpdir(), "search-index-test-"));
    try {
      const pages = ["/", "/one/", "/two/", "/two/three/", "/four/"].map((url, index) =>
        view(url, `Page ${index}`, `<p>Word${index} common</p>`),
      );
      const staged = await stageSearchDocuments(outputDir, pages, 2);
      assert.deepEqual(
        staged.bundles.map((bundle) => bundle.pageCount),
        [1, 2, 2],
      );
      const result = await writeSearchIndex(staged);
      assert.deepEqual(result, { pageCount: 5, bundleCount: 3, reusedBundles: 0 });
      assert.equal(existsSync(staged.dir), false, "the staged documents are gone");
      const entries = await Promise.all(
        ["pagefind", "pagefind-2", "pagefind-3"].map(async (bundle) =>
          JSON.parse(await readFile(path.join(outputDir, bundle, "pagefind-entry.json"), "utf8")),
        ),
      );
      assert.deepEqual(
        entries.map((entry) => entry.languages.en.page_count),
        [1, 2, 2],
      );
      const first = await readdir(path.join(outputDir, "pagefind"));
      assert.ok(
        first.includes("pagefind.js") && first.includes("wasm.en.pagefind"),
        "the first bundle has the script and WebAssembly",
      );
      assert.ok(!first.some((name) => /ui|highlight/.test(name)), `no ready-made interface files: ${first.join(", ")}`);
      assert.deepEqual(
        JSON.parse(await readFile(path.join(outputDir, "pagefind", BUNDLE_LIST_FILE), "utf8")),
        ["pagefind/", "pagefind-2/", "pagefind-3/"],
        "the first bundle lists every bundle",
      );
      const merged = await readdir(path.join(outputDir, "pagefind-2"));
      assert.ok(
        !merged.some((name) => name === "pagefind.js" || name.startsWith("wasm.")),
        `a merged bundle reuses the first one's: ${merged.join(", ")}`,
      );
      assert.deepEqual((await readdir(outputDir)).sort(), ["pagefind", "pagefind-2", "pagefind-3"]);
    } finally {
      await rm(outputDir, { recursive: true, force: true });
    }
  });

  it("restores a bundle an earlier build kept instead of writing and indexing its documents, and indexes the rest", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "search-index-kept-"));
    try {
      const pages = ["/", "/one/", "/two/", "/three/"].map((url, index) =>
        view(url, `Page ${index}`, `<p>Word${index} common</p>`),
      );
      const kept = new Map<string, string>();
      const cache = {
        fingerprint: "test",
        searchBundle: async (key: string) => kept.get(key),
        keepSearchBundle: async (key: string, bundleDir: string) => {
          const folder = path.join(dir, "kept", key);
          await cp(bundleDir, folder, { recursive: true });
          kept.set(key, folder);
        },
        restoreSearchBundle: (folder: string, to: string) => cp(folder, to, { recursive: true }),
      };
      const first = await mkdtemp(path.join(dir, "first-"));
      assert.equal(
        (await writeSearchIndex(await stageSearchDocuments(first, pages, 2, undefined, cache), {}, cache))
          .reusedBundles,
        0,
      );

      // The second bundle's last page changes; the first bundle's documents are as before.
      const edited = pages.map((page) => (page.url === "/three/" ? { ...page, bodyHtml: "<p>Changed</p>" } : page));
      const second = await mkdtemp(path.join(dir, "second-"));
      const written: string[] = [];
      const write = async (file: string, data: string) => {
        written.push(path.basename(path.dirname(file)));
        await writeFile(file, data);
      };
      const staged = await stageSearchDocuments(second, edited, 2, write, cache);
      assert.equal(staged.bundles.filter(({ kept }) => !kept).length, 1);
      const result = await writeSearchIndex(staged, {}, cache);
      assert.deepEqual(result, { pageCount: 4, bundleCount: 2, reusedBundles: 1 });
      assert.deepEqual(written.sort(), ["three", "two"], "only the changed bundle's documents are written");
      for (const file of await readdir(path.join(first, "pagefind"), { recursive: true }))
        if (file !== BUNDLE_LIST_FILE)
          assert.deepEqual(
            await readFile(path.join(second, "pagefind", file)).catch(() => undefined),
            await readFile(path.join(first, "pagefind", file)).catch(() => undefined),
            `pagefind/${file} is the kept index's`,
          );

      // A kept index removed from the cache since it was looked up is indexed again.
      await rm(path.join(dir, "kept"), { recursive: true, force: true });
      const third = await mkdtemp(path.join(dir, "third-"));
      const again = await stageSearchDocuments(third, edited, 2, undefined, cache);
      assert.equal(again.bundles.filter(({ kept }) => !kept).length, 0);
      assert.deepEqual(await writeSearchIndex(again, {}, cache), { pageCount: 4, bundleCount: 2, reusedBundles: 0 });
      assert.ok(existsSync(path.join(third, "pagefind-2", "pagefind-entry.json")));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
