import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { load } from "cheerio";
import { classNamesIn, layoutComponents } from "../../lib/eleventy/used-components.ts";
import { buildInProcess, projectRoot, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

const page = (title: string, body: string) => `---\ntitle: ${title}\nlayout: two-thirds\n---\n\n${body}\n`;

const WITH_COMPONENTS = {
  "index.md": page("Home", "A home page in plain words."),
  "guide.md": page(
    "A guide",
    [
      '<div class="defra-version-banner">',
      '  <span class="defra-version-banner__label">Draft</span>',
      '  <span class="defra-version-banner__text">We are still writing this guide.</span>',
      "</div>",
      "",
      '<details class="govuk-details">',
      '  <summary class="govuk-details__summary"><span class="govuk-details__summary-text">More about it</span></summary>',
      '  <div class="govuk-details__text">The detail, hidden until asked for.</div>',
      "</details>",
    ].join("\n"),
  ),
};

const WITHOUT_COMPONENTS = {
  "index.md": page("Home", "A home page in plain words."),
  // A code example names the classes as text: the page uses neither component.
  "guide.md": page(
    "A guide",
    'Write a banner like this:\n\n```html\n<div class="defra-version-banner"><details class="govuk-details"></details></div>\n```',
  ),
};

async function build(name: string, files: Record<string, string>): Promise<{ css: string; dir: string }> {
  const dir = path.join(testOutputDir, "component-css", name);
  const result = await buildInProcess({ CONTENT_DIR: makeContentDir(`component-css-${name}`, files), OUTPUT_DIR: dir });
  assert.equal(result.code, 0, result.stderr);
  return { css: readFileSync(path.join(dir, "assets/css/defra.css"), "utf8"), dir };
}

let used: { css: string; dir: string };
let unused: { css: string; dir: string };
before(async () => {
  used = await build("used", WITH_COMPONENTS);
  unused = await build("unused", WITHOUT_COMPONENTS);
});

describe("the stylesheet's components, from the built pages", () => {
  it("has the pages' raw HTML to find them in", () => {
    const $ = load(readFileSync(path.join(used.dir, "guide/index.html"), "utf8"));
    assert.equal($("details.govuk-details summary.govuk-details__summary").length, 1);
    assert.equal($(".defra-version-banner__label").text(), "Draft");
  });

  it("has GOV.UK Frontend's details styles when a page uses govuk-details, and not when none does", () => {
    assert.match(used.css, /\.govuk-details__summary\b/);
    assert.doesNotMatch(unused.css, /\.govuk-details/);
  });

  it("has the version banner's styles only when a page uses it", () => {
    assert.match(used.css, /\.defra-version-banner__label\b/);
    assert.doesNotMatch(unused.css, /\.defra-version-banner/);
  });

  it("has the components the layouts render, and the helpers, whatever the content", () => {
    for (const css of [used.css, unused.css]) {
      for (const selector of [
        ".govuk-footer",
        ".govuk-skip-link",
        ".govuk-body",
        ".govuk-\\!-margin-bottom-0",
        ".govuk-grid-row",
      ])
        assert.ok(css.includes(selector), `the stylesheet has ${selector}`);
    }
  });

  it("leaves out GOV.UK Frontend components no page uses", () => {
    for (const selector of [".govuk-accordion", ".govuk-character-count", ".govuk-radios", ".govuk-tabs"])
      assert.ok(!used.css.includes(selector), `the stylesheet has no ${selector}`);
  });

  it("has each of our components' styles when a page uses it, and not when none does", () => {
    const folders = readdirSync(path.join(projectRoot, "layouts/components")).filter((name) =>
      existsSync(path.join(projectRoot, "layouts/components", name, "_index.scss")),
    );
    const components = layoutComponents(projectRoot);
    assert.deepEqual(
      components.map((component) => component.name),
      [...folders].sort(),
    );
    const pages = readdirSync(used.dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
    const onPages = new Set(
      [...classNamesIn(pages.map((file) => readFileSync(path.join(used.dir, file), "utf8")).join("\n"))].map((name) =>
        name.replace(/(?:__|--).*$/, ""),
      ),
    );
    const usedComponents = components.filter(
      (component) => !component.blocks.length || component.blocks.some((block) => onPages.has(block)),
    );
    // Named also by the Sass always compiled in (print styles, for one) or by a component a page uses.
    const alwaysSass = readdirSync(path.join(projectRoot, "assets/scss"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".scss"))
      .map((file) => readFileSync(path.join(projectRoot, "assets/scss", file), "utf8"))
      .join("\n");
    const namedByUsed = new Set([
      ...usedComponents.flatMap((component) => component.blocks),
      ...[...alwaysSass.matchAll(/\.(app-[a-z0-9-]+)/g)].map((match) => match[1].replace(/(?:__|--).*$/, "")),
    ]);
    for (const component of usedComponents)
      for (const block of component.blocks.filter((block) => onPages.has(block)))
        assert.ok(used.css.includes(`.${block}`), `the stylesheet has ${component.name}'s .${block}`);
    const unusedComponents = components.filter((component) => !usedComponents.includes(component));
    assert.ok(unusedComponents.length > 0, "the site leaves some of our components unused");
    for (const component of unusedComponents)
      for (const block of component.blocks.filter((block) => !namedByUsed.has(block)))
        assert.ok(!used.css.includes(`.${block}`), `the stylesheet has no ${component.name}'s .${block}`);
  });

  it("keeps the stylesheet where the layouts link it", () => {
    const $ = load(readFileSync(path.join(used.dir, "guide/index.html"), "utf8"));
    assert.equal($('link[rel="stylesheet"]').attr("href"), "/assets/css/defra.css");
  });
});
