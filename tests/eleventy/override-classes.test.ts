import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { load } from "cheerio";
import { withoutUnusedOverrides } from "../../lib/eleventy/override-classes.ts";
import { standardSite } from "../helpers/built-site.ts";

describe("the stylesheet's override classes", () => {
  const css = [
    '@charset "UTF-8";',
    ".govuk-body{margin:0}",
    ".govuk-\\!-margin-bottom-0{margin-bottom:0 !important}",
    ".govuk-\\!-margin-bottom-1{margin-bottom:5px !important}",
    "@media(min-width: 40.0625em){.govuk-\\!-margin-bottom-0{margin-bottom:0 !important}.govuk-\\!-margin-bottom-1{margin-bottom:5px !important}}",
    "@media print{.govuk-\\!-display-none-print{display:none !important}}",
    '.app-quote::before{content:"{"}',
    ".govuk-\\!-width-full,.app-wide{width:100% !important}",
  ].join("");

  it("keeps the rules of the override classes used, at every width, and leaves every other rule as it was", () => {
    assert.equal(
      withoutUnusedOverrides(css, ["govuk-!-margin-bottom-1"]),
      [
        '@charset "UTF-8";',
        ".govuk-body{margin:0}",
        ".govuk-\\!-margin-bottom-1{margin-bottom:5px !important}",
        "@media(min-width: 40.0625em){.govuk-\\!-margin-bottom-1{margin-bottom:5px !important}}",
        '.app-quote::before{content:"{"}',
        ".govuk-\\!-width-full,.app-wide{width:100% !important}",
      ].join(""),
    );
  });

  it("changes nothing when every override class is used", () => {
    const all = ["margin-bottom-0", "margin-bottom-1", "display-none-print", "width-full"].map(
      (name) => `govuk-!-${name}`,
    );
    assert.equal(withoutUnusedOverrides(css, all), css);
  });

  it("styles every override class the built site's pages use, and no other", async () => {
    const siteDir = await standardSite("root");
    const stylesheet = readFileSync(path.join(siteDir, "assets/css/defra.css"), "utf8");
    const inStylesheet = new Set(
      [...stylesheet.matchAll(/\.govuk-\\!-([a-z0-9-]+)/g)].map((match) => `govuk-!-${match[1]}`),
    );
    const onPages = new Set<string>();
    const pages = readdirSync(siteDir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
    for (const file of pages) {
      const $ = load(readFileSync(path.join(siteDir, file), "utf8"));
      $("[class]").each((_, element) => {
        for (const name of ($(element).attr("class") ?? "").split(/\s+/))
          if (name.startsWith("govuk-!-")) onPages.add(name);
      });
    }
    assert.ok(onPages.size > 0, "the site uses some");
    assert.deepEqual([...inStylesheet].sort(), [...onPages].sort());
  });
});
