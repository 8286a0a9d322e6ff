import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
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
});
