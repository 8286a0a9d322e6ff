import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { after, describe, it } from "node:test";
import { measureFirstView } from "../../bench/first-view.ts";
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
