import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { load } from "cheerio";
import { standardSite } from "../helpers/built-site.ts";

const PREFIX = "/service-manual/";
let site: string;

const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => path.join(dir, file));

before(async () => {
  site = await standardSite("prefixed");
});

describe(`a build under PATH_PREFIX=${PREFIX}`, () => {
  it("has no root-relative URL that escapes the prefix in any page", () => {
    const escapes: string[] = [];
    for (const file of htmlFiles(site)) {
      const $ = load(readFileSync(file, "utf8"));
      $("[href], [src], [action], [content]").each((_, element) => {
        for (const attribute of ["href", "src", "action"]) {
          const value = $(element).attr(attribute);
          if (value?.startsWith("/") && !value.startsWith("//") && !value.startsWith(PREFIX)) {
            escapes.push(`${path.relative(site, file)}: <${element.tagName} ${attribute}="${value}">`);
          }
        }
      });
    }
    assert.deepEqual(escapes, []);
  });

  it("prefixes hrefs typed in front matter", () => {
    const $ = load(
      readFileSync(path.join(site, "delivery-groups/follow-delivery-governance/governance-model/index.html"), "utf8"),
    );
    assert.deepEqual(
      $(".govuk-breadcrumbs__link")
        .map((_, a) => $(a).attr("href"))
        .get(),
      [PREFIX, `${PREFIX}delivery-groups/`, `${PREFIX}delivery-groups/follow-delivery-governance/`],
    );
    assert.equal(
      $("main img").first().attr("src"),
      `${PREFIX}public/images/delivery-groups/governance-model-diagram.png`,
    );
  });

  it("keeps CSS and JavaScript URLs relative, so they resolve under any prefix", () => {
    const cssDir = path.join(site, "assets", "css");
    for (const file of readdirSync(cssDir)) {
      const urls = [...readFileSync(path.join(cssDir, file), "utf8").matchAll(/url\(["']?([^"')]+)/g)].map(
        (match) => match[1],
      );
      for (const url of urls) assert.ok(!url.startsWith("/"), `${file}: ${url}`);
    }
    for (const file of readdirSync(path.join(site, "assets/js"))) {
      const script = readFileSync(path.join(site, "assets/js", file), "utf8");
      for (const [, url] of script.matchAll(/\bfrom\s*"([^"]+)"/g)) assert.ok(url.startsWith("./"), `${file}: ${url}`);
    }
  });

  it("uses the prefix in the canonical URL", () => {
    const $ = load(readFileSync(path.join(site, "product-and-delivery/index.html"), "utf8"));
    assert.equal($('link[rel="canonical"]').attr("href"), `https://defra.github.io${PREFIX}product-and-delivery/`);
  });
});
