import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { load } from "cheerio";
import { requiredClasses, scriptClassNames, withoutUnusedSelectors } from "../../lib/eleventy/unused-selectors.ts";
import { projectRoot, standardSite } from "../helpers/built-site.ts";

describe("the classes a selector needs", () => {
  it("reads each class outside brackets and parentheses, unescaped", () => {
    assert.deepEqual(requiredClasses(".govuk-\\!-margin-bottom-0"), ["govuk-!-margin-bottom-0"]);
    assert.deepEqual(requiredClasses(".js-enabled .govuk-tabs__panel--hidden>p::before"), [
      "js-enabled",
      "govuk-tabs__panel--hidden",
    ]);
    assert.deepEqual(requiredClasses(".govuk-link:not(.govuk-link--muted):hover"), ["govuk-link"]);
    assert.deepEqual(requiredClasses('a[href^=".pdf"].app-x:is(.a,.b)'), ["app-x"]);
    assert.deepEqual(requiredClasses("html"), []);
  });
});

describe("the stylesheet without the selectors no page can match", () => {
  const css = [
    '@charset "UTF-8";',
    ":root{--govuk-brand-colour:#1d70b8}",
    ".govuk-body{margin:0}",
    ".govuk-\\!-margin-bottom-0{margin-bottom:0 !important}",
    ".govuk-\\!-margin-bottom-1{margin-bottom:5px !important}",
    "@media(min-width: 40.0625em){.govuk-\\!-margin-bottom-0{margin-bottom:0 !important}.govuk-\\!-margin-bottom-1{margin-bottom:5px !important}}",
    "@media print{.govuk-\\!-display-none-print{display:none !important}}",
    '.app-quote::before{content:"{"}',
    ".govuk-button--warning,.govuk-button{color:red}",
    ".govuk-link:not(.govuk-link--muted){color:blue}",
    "@font-face{font-family:x;src:url(x.woff2)}",
    "@keyframes spin{from{opacity:0}to{opacity:1}}",
  ].join("");
  const kept = new Set(["govuk-body", "govuk-!-margin-bottom-1", "app-quote", "govuk-button", "govuk-link"]);

  it("leaves out each selector that needs a class not kept, and the blocks left empty", () => {
    assert.equal(
      withoutUnusedSelectors(css, kept),
      [
        '@charset "UTF-8";',
        ":root{--govuk-brand-colour:#1d70b8}",
        ".govuk-body{margin:0}",
        ".govuk-\\!-margin-bottom-1{margin-bottom:5px !important}",
        "@media(min-width: 40.0625em){.govuk-\\!-margin-bottom-1{margin-bottom:5px !important}}",
        '.app-quote::before{content:"{"}',
        ".govuk-button{color:red}",
        ".govuk-link:not(.govuk-link--muted){color:blue}",
        "@font-face{font-family:x;src:url(x.woff2)}",
        "@keyframes spin{from{opacity:0}to{opacity:1}}",
      ].join(""),
    );
  });

  it("changes nothing when every class is kept", () => {
    const all = new Set([
      ...kept,
      "govuk-!-margin-bottom-0",
      "govuk-!-display-none-print",
      "govuk-button--warning",
      "govuk-link--muted",
    ]);
    assert.equal(withoutUnusedSelectors(css, all), css);
  });
});

describe("the classes scripts may add", () => {
  it("holds those GOV.UK Frontend's scripts and page template add, and those of the site's own scripts", () => {
    const names = scriptClassNames(projectRoot);
    for (const name of [
      "govuk-frontend-supported",
      "js-enabled",
      "govuk-accordion__section--expanded",
      "govuk-tabs__list-item--selected",
      "govuk-button--secondary",
      "app-search-term",
    ])
      assert.ok(names.has(name), name);
  });
});

describe("the built site's stylesheet", () => {
  it("keeps a rule only for classes the pages have or a script adds, and keeps the rules scripts need", async () => {
    const siteDir = await standardSite("root");
    const stylesheet = readFileSync(path.join(siteDir, "assets/css/defra.css"), "utf8");
    const onPages = new Set<string>();
    const pages = readdirSync(siteDir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
    for (const file of pages) {
      const $ = load(readFileSync(path.join(siteDir, file), "utf8"));
      $("[class]").each((_, element) => {
        for (const name of ($(element).attr("class") ?? "").split(/\s+/)) if (name) onPages.add(name);
      });
    }
    const scripts = scriptClassNames(projectRoot);
    // The selectors' classes: declarations blanked out, and what is left of `@media (min-width: 40.0625em)`.
    const named = new Set(
      requiredClasses(stylesheet.replace(/\{[^{}]*\}/g, ",")).filter((name) => /^-?[A-Za-z_]/.test(name)),
    );
    const unmatched = [...named].filter((name) => !onPages.has(name) && !scripts.has(name));
    assert.deepEqual(unmatched, []);
    // A page's override classes are styled; one no page has is not.
    const override = [...onPages].find((name) => name.startsWith("govuk-!-"));
    if (override) assert.ok(named.has(override), override);
    assert.ok(!named.has("govuk-!-margin-right-9"), "an override class no page has is left out");
    // The header's search button is on every page; the warning button is on none, nor added by a script.
    assert.ok(named.has("govuk-button"));
    assert.ok(!named.has("govuk-button--warning"));
    // Added by the page template's inline script, which is in no class attribute.
    assert.ok(named.has("govuk-frontend-supported"));
  });
});
