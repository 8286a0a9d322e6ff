import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildInProcess, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, printedDiagnostics, shown } from "../helpers/content-dir.ts";
import { checkHtmlOfPages } from "../helpers/html-of-pages.ts";

const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;

// Every extension on one page, three sections long so it opens with a contents list.
const EXTENSIONS = page(
  "Writing a guide",
  [
    "*[HTML]: Hypertext Markup Language",
    "",
    "## Before you start[^scope]",
    "",
    'Write in HTML[^format] and "plain" words -- as the style guide says.',
    "",
    "- [x] Agree the scope",
    "- [ ] Write the first draft",
    "",
    "## Words we use",
    "",
    "Service owner",
    ": The person accountable for a service.",
    "",
    "Assessment",
    ": A check that a service meets the standard.",
    "",
    "## What it looks like",
    "",
    '![A sketch of a guide page with a contents list](/public/sketch.png "A guide page, 1/2 size")',
    "",
    "[^scope]: The scope is agreed with the service owner.",
    "[^format]: Markdown is turned into HTML when the site is built.",
  ].join("\n"),
);

// Each construct that goes wrong, at a known line of the file (the body starts on line 5).
const MISTAKES = page(
  "Mistakes",
  ["A claim[^missing].", "", "[^unused]: Never referred to.", "", "Term", ":", ""].join("\n"),
);

let siteDir: string;
let contentDir: string;
let printed: ReturnType<typeof printedDiagnostics>;

before(async () => {
  contentDir = makeContentDir("markdown-extensions", {
    "writing-a-guide.md": EXTENSIONS,
    "mistakes.md": MISTAKES,
    "public/sketch.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  });
  const siteFile = path.join(contentDir, "_data", "site.json");
  const site = JSON.parse(readFileSync(siteFile, "utf8"));
  writeFileSync(siteFile, JSON.stringify({ ...site, markdown: { typographer: true } }, null, 2));
  siteDir = path.join(testOutputDir, "markdown-extensions");
  const result = await buildInProcess({ CONTENT_DIR: contentDir, OUTPUT_DIR: siteDir });
  assert.equal(result.code, 0, result.stderr);
  printed = printedDiagnostics(`${result.stdout}\n${result.stderr}`);
});

describe("Markdown extensions in a built site", () => {
  it("renders every extension on the page", () => {
    const $ = readPage(siteDir, "/writing-a-guide/");
    assert.equal($(".app-footnotes__reference a").length, 2);
    assert.equal($(".app-footnotes h2#footnotes").text(), "Footnotes");
    assert.equal($(".app-footnotes li").length, 2);
    assert.deepEqual(
      $("abbr[title='Hypertext Markup Language']")
        .map((_, abbr) => $(abbr).text())
        .get(),
      ["HTML", "HTML"],
    );
    assert.equal($("dl.app-definition-list dt").length, 2);
    assert.equal(
      $("figure.app-figure img.app-image[loading=lazy]").attr("alt"),
      "A sketch of a guide page with a contents list",
    );
    assert.equal($("figure.app-figure figcaption").text(), "A guide page, ½ size");
    assert.equal($(".app-task-list__item").length, 2);
    assert.equal($("main input").length, 0);
  });

  it("sets quotes and dashes as site.json's markdown.typographer asks", () => {
    const $ = readPage(siteDir, "/writing-a-guide/");
    assert.match($(".govuk-body").first().text(), /“plain” words – as/);
  });

  it("lists the author's sections in the contents list, and not the footnotes", () => {
    const $ = readPage(siteDir, "/writing-a-guide/");
    assert.deepEqual(
      $(".app-contents-list__link")
        .map((_, link) => $(link).text())
        .get(),
      ["Before you start", "Words we use", "What it looks like"],
    );
  });

  it("compiles the extensions' styles in, as the page uses them", () => {
    const css = readFileSync(path.join(siteDir, "assets/css/defra.css"), "utf8");
    for (const selector of [
      ".app-footnotes",
      ".app-definition-list",
      ".app-figure__caption",
      ".app-task-list__mark--done",
    ])
      assert.ok(css.includes(selector), `no ${selector} in the stylesheet`);
  });

  it("warns of each mistake at its file and line", () => {
    const file = shown(contentDir, "mistakes.md");
    assert.deepEqual(
      printed
        .filter((diagnostic) => diagnostic.file === file)
        .map(({ line, severity, message }) => `${line}: ${severity}: ${message.split(":")[0]}`),
      [
        "5: warning: the footnote reference [^missing] has no note, so it is shown as text",
        "7: warning: the footnote [^unused] is never referred to, so it is left out",
        '10: warning: the definition of "Term" is empty',
      ],
    );
  });

  it("passes html-validate", async () => {
    // Only these pages: the rest of the site is other tests' to check.
    const { findings, summary } = await checkHtmlOfPages(siteDir, "/", ["writing-a-guide", "mistakes"]);
    assert.equal(summary, "2 pages");
    assert.deepEqual(findings, []);
  });
});
