import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { buildInProcess, projectRoot, readPage, testOutputDir } from "../helpers/built-site.ts";

let contentDir: string;
let site: string;

before(async () => {
  contentDir = mkdtempSync(path.join(tmpdir(), "govuk-brand-"));
  // The site's own settings and the pages read here are enough: the brand is the same on every page.
  for (const part of ["_data", "index.md", "product-and-delivery"])
    cpSync(path.join(projectRoot, "content", part), path.join(contentDir, part), { recursive: true });
  const siteFile = path.join(contentDir, "_data", "site.json");
  writeFileSync(siteFile, JSON.stringify({ ...JSON.parse(readFileSync(siteFile, "utf8")), brand: "govuk" }));
  site = path.join(testOutputDir, "govuk-brand");
  const result = await buildInProcess({ CONTENT_DIR: contentDir, OUTPUT_DIR: site });
  assert.equal(result.code, 0, result.stderr);
});
after(() => rmSync(contentDir, { recursive: true, force: true }));

describe("brand: govuk (for services hosted on GOV.UK)", () => {
  it("uses GOV.UK Frontend's header with the crown and its icons", () => {
    const $ = readPage(site, "/product-and-delivery/");
    assert.equal($(".govuk-header svg.govuk-header__logotype").length, 1);
    assert.equal($(".govuk-generic-header").length, 0);
    assert.equal($(".govuk-footer__crown").length, 1);
    assert.equal($('link[rel="icon"][href="/assets/images/favicon.svg"]').length, 1);
  });

  it("uses the GDS Transport font", () => {
    const css = readFileSync(path.join(site, "assets/css/govuk.css"), "utf8");
    assert.match(css, /font-family:\s*"GDS Transport"/);
    const fonts = [...css.matchAll(/url\("?\.\.\/fonts\/([^")]+)/g)].map((match) => match[1]);
    assert.ok(fonts.length > 0);
    const shipped = readdirSync(path.join(site, "assets/fonts"));
    for (const font of fonts) assert.ok(shipped.includes(font), font);
  });
});
