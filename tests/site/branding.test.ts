import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { readPage, standardSite } from "../helpers/built-site.ts";

let site: string;
before(async () => {
  site = await standardSite("root");
});

describe("Defra branding (the default, off GOV.UK)", () => {
  it("has no crown, GOV.UK logotype or GOV.UK icons in the page", () => {
    const $ = readPage(site, "/product-and-delivery/");
    assert.equal($(".govuk-header, .govuk-footer__crown, .govuk-header__logotype").length, 0);
    assert.equal($(".app-site-header .app-site-header__logotype").text(), "Defra");
    assert.equal($('link[href*="govuk-icon"], link[href$="favicon.ico"]').length, 0);
  });

  it("uses system fonts, never GDS Transport", () => {
    const cssDir = path.join(site, "assets", "css");
    for (const file of readdirSync(cssDir)) {
      const css = readFileSync(path.join(cssDir, file), "utf8");
      assert.doesNotMatch(css, /GDS Transport|@font-face/);
      assert.match(css, /font-family:Helvetica,Arial,sans-serif/, "the Defra service manual's font stack");
      assert.match(
        css,
        /\.govuk-footer__copyright-logo::before\{display:none\}/,
        "the footer's coat of arms is hidden",
      );
    }
  });

  it("titles the home page once, and other pages 'page | service' as the Defra service manual does", () => {
    assert.equal(readPage(site, "/")("title").text(), "Defra digital service manual");
    assert.equal(readPage(site, "/roles/")("title").text(), "Roles | Defra digital service manual");
  });

  it("has the Open Government Licence in the footer", () => {
    const $ = readPage(site, "/");
    assert.match($(".govuk-footer").text(), /Open Government Licence v3\.0/);
  });
});
