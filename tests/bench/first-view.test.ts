import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { after, describe, it } from "node:test";
import { FIRST_VIEW_PAGES, measureFirstView, measureFirstViewPages } from "../../bench/first-view.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { fixturePage, writeFixtureSite } from "../helpers/fixture-site.ts";

const files = {
  "guide/index.html": fixturePage(
    "Guide",
    '<p>Words</p><script type="module" src="../assets/app.js"></script>',
    '<link rel="stylesheet" href="/assets/site.css"><link rel="icon" href="/assets/icon.svg">',
  ),
  "assets/site.css": '@import url("extra.css");body{color:#0b0c0c}',
  "assets/extra.css": '@font-face{font-family:"Brand";src:url("fonts/brand.woff2") format("woff2")}',
  "assets/app.js":
    'import{initAll as a}from"./frontend.js";import "./polyfill.js";a();document.querySelector("form")?.addEventListener("submit",()=>import("./search.js"));',
  "assets/frontend.js": "export function initAll(){}",
  "assets/polyfill.js": "window.x=1;",
  "assets/search.js": "export const search=1;",
  "assets/icon.svg": "<svg></svg>",
};
const site = writeFixtureSite(files);
after(() => rmSync(site, { recursive: true, force: true }));

describe("first view measurement", () => {
  it("counts the page, its stylesheets with their imports and its scripts with their static imports, gzipped", async () => {
    const view = await measureFirstView(site, "/guide/");
    assert.deepEqual(view.files.map((file) => file.url).sort(), [
      "/assets/app.js",
      "/assets/extra.css",
      "/assets/frontend.js",
      "/assets/polyfill.js",
      "/assets/site.css",
      "/guide/",
    ]);
    const gzipped = (file: keyof typeof files) => gzipSync(files[file]).length;
    assert.equal(view.htmlGzipBytes, gzipped("guide/index.html"));
    assert.equal(view.cssGzipBytes, gzipped("assets/site.css") + gzipped("assets/extra.css"));
    assert.equal(
      view.jsGzipBytes,
      gzipped("assets/app.js") + gzipped("assets/frontend.js") + gzipped("assets/polyfill.js"),
    );
    assert.equal(view.totalGzipBytes, view.htmlGzipBytes + view.cssGzipBytes + view.jsGzipBytes);
  });

  it("reports web fonts and leaves scripts loaded on demand out of the first view", async () => {
    const view = await measureFirstView(site, "/guide/");
    assert.deepEqual(view.webFonts, ["/assets/fonts/brand.woff2"]);
    assert.deepEqual(view.loadedOnDemand, ["/assets/search.js"]);
  });
});

describe("the first view of a built page", () => {
  // What a first visit downloaded before GOV.UK Frontend's scripts were sent by use: neither page may weigh more.
  const CEILING = 28_300;

  it("stays under the ceiling for a page with no components and for one with several", async () => {
    const workDir = mkdtempSync(path.join(os.tmpdir(), "first-view-test-"));
    try {
      const views = await measureFirstViewPages(projectRoot, workDir);
      assert.equal(views.plain.url, FIRST_VIEW_PAGES.plain.url);
      assert.equal(views.components.url, FIRST_VIEW_PAGES.components.url);
      for (const view of Object.values(views)) {
        assert.ok(view.totalGzipBytes <= CEILING, `${view.url}: ${view.totalGzipBytes} bytes gzipped`);
        assert.equal(view.files.filter((file) => file.type === "js").length, 1, `${view.url} loads one script`);
      }
      assert.ok(views.components.jsGzipBytes > views.plain.jsGzipBytes, "the components' scripts come only with them");
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
