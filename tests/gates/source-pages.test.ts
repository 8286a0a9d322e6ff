import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../lib/diagnostics.ts";
import { checkSite } from "../../lib/gates/source-links.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

const SITE = JSON.stringify(
  {
    organisationName: "Example department",
    serviceName: "Example manual",
    url: "https://example.gov.uk",
    navigation: [{ text: "Guides", href: "/guides/" }],
  },
  null,
  2,
);

const page = (frontMatter: string[], body: string[]) => ["---", ...frontMatter, "---", "", ...body, ""].join("\n");

/** Runs the check in this process over a content folder and gives every diagnostic, files relative to the folder. */
async function check(name: string, files: Record<string, string>): Promise<Diagnostic[]> {
  const dir = makeContentDir(name, { "_data/site.json": SITE, "_data/navigation.json": "{}", ...files });
  const { diagnostics } = await checkSite(projectRoot, dir, readSettings({ CONTENT_DIR: dir }));
  const prefix = `${path.relative(projectRoot, dir)}/`;
  return diagnostics.map((diagnostic) => ({ ...diagnostic, file: diagnostic.file.replace(prefix, "") }));
}

/** The one diagnostic at a file and line whose message matches, failing with all of them listed otherwise. */
function findOne(diagnostics: Diagnostic[], file: string, line: number | undefined, pattern: RegExp): Diagnostic {
  const found = diagnostics.filter(
    (diagnostic) => diagnostic.file === file && diagnostic.line === line && pattern.test(diagnostic.message),
  );
  const listed = diagnostics
    .map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.field ?? ""}: ${d.message}`)
    .join("\n");
  assert.equal(found.length, 1, `${file}:${line} ${pattern}\n${listed}`);
  return found[0];
}

const GUIDES = page(["title: Guides"], ["## Planting", "", "Text.", "", "## Watering", "", "Text."]);

describe("npm run check: what a page's source leads to and how it reads", () => {
  it("finds fragments to no heading or id, on the page itself and on another page, as errors", async () => {
    const diagnostics = await check("source-fragments", {
      "guides/index.md": GUIDES,
      "guides/shade.md": page(
        ["title: Shade"], // 2
        [
          "## Where to plant", // 5
          "",
          "See [below](#wher-to-plant) and [watering](/guides/#waterin).", // 7
          "",
          '<p><a href="/guides/#planting-2">Planting</a></p>', // 9
        ],
      ),
    });
    const own = findOne(
      diagnostics,
      "guides/shade.md",
      7,
      /`#wher-to-plant`: this page has no heading.*`#where-to-plant`/,
    );
    assert.equal(own.severity, "error");
    const other = findOne(
      diagnostics,
      "guides/shade.md",
      7,
      /\/guides\/#waterin.*\/guides\/ has no heading.*`#watering`/,
    );
    assert.equal(other.severity, "error");
    assert.equal(findOne(diagnostics, "guides/shade.md", 9, /#planting-2/).severity, "error");
  });

  it("finds images and files that are not in public/, and relative ones beside the page", async () => {
    const diagnostics = await check("source-files", {
      "public/tree.png": "not really a picture",
      "guides/index.md": GUIDES,
      "guides/shade.md": page(
        ["title: Shade"],
        [
          "![A tree in shade](/public/tree.png) ![A bush](/public/bush.png)", // 5
          "",
          "[The form](/public/forms/shade.pdf) and [a picture beside the page](shade.png).", // 7
          "",
          '<img src="/public/rock.jpg" alt="A rock">', // 9
        ],
      ),
    });
    assert.equal(
      findOne(diagnostics, "guides/shade.md", 5, /image `\/public\/bush\.png` leads nowhere/).severity,
      "error",
    );
    assert.equal(
      findOne(diagnostics, "guides/shade.md", 7, /`\/public\/forms\/shade\.pdf` leads nowhere/).severity,
      "error",
    );
    assert.equal(findOne(diagnostics, "guides/shade.md", 7, /`shade\.png` leads nowhere/).severity, "error");
    assert.equal(findOne(diagnostics, "guides/shade.md", 9, /`\/public\/rock\.jpg` leads nowhere/).severity, "error");
    assert.deepEqual(
      diagnostics.filter((d) => /tree\.png/.test(d.message)),
      [],
    );
  });

  it("finds breadcrumbs, section and custom navigation, and named lists in navigation.yaml and .json pointing nowhere", async () => {
    const diagnostics = await check("source-navigation", {
      "guides/index.md": GUIDES,
      "_data/navigation.yaml": [
        "trees:",
        "  - title: Trees",
        "    items:",
        "      - text: Oaks",
        "        href: /guides/oaks/",
        "",
      ].join("\n"),
      "_data/navigation.json": JSON.stringify({ customNav: { bar: [{ text: "Ashes", href: "/ashes/" }] } }, null, 2),
      "guides/shade.md": page(
        [
          "title: Shade", // 2
          "breadcrumbs:",
          "  - text: Home",
          "    href: /",
          "  - text: Guides",
          "    href: /guidez/", // 7
          "sectionNav:",
          "  - items:",
          "      - text: Elms",
          "        href: /guides/elms/", // 11
        ],
        ["Text."],
      ),
      "guides/oaks-page.md": page(["title: Oak page", "layout: section", "sectionNav: trees"], ["Text."]),
      "guides/bar-page.md": page(["title: Bar page", "customNav: bar"], ["Text."]),
      "guides/own-bar.md": page(
        ["title: Own bar", "customNav:", "  - text: Birches", "    href: /birches/"], // 3-5
        ["Text."],
      ),
    });
    const crumb = findOne(diagnostics, "guides/shade.md", 7, /`\/guidez\/` leads nowhere.*did you mean \/guides\/\?/);
    assert.deepEqual([crumb.severity, crumb.field], ["error", "breadcrumbs.1.href"]);
    const section = findOne(diagnostics, "guides/shade.md", 11, /`\/guides\/elms\/` leads nowhere/);
    assert.deepEqual([section.severity, section.field], ["error", "sectionNav.0.items.0.href"]);
    const custom = findOne(diagnostics, "guides/own-bar.md", 5, /`\/birches\/` leads nowhere/);
    assert.deepEqual([custom.severity, custom.field], ["error", "customNav.0.href"]);
    const yaml = findOne(diagnostics, "_data/navigation.yaml", 5, /`\/guides\/oaks\/` leads nowhere/);
    assert.deepEqual([yaml.severity, yaml.field], ["error", "trees.0.items.0.href"]);
    const json = diagnostics.find(
      (d) => d.file === "_data/navigation.json" && /`\/ashes\/` leads nowhere/.test(d.message),
    );
    assert.deepEqual([json?.severity, json?.field, typeof json?.line], ["error", "customNav.bar.0.href", "number"]);
  });

  it("finds images and links a screen reader cannot name, without repeating the renderer's missing-alt errors", async () => {
    const diagnostics = await check("source-alt", {
      "public/tree.png": "x",
      "guides/index.md": GUIDES,
      "guides/shade.md": page(
        ["title: Shade"],
        [
          "![](/public/tree.png)", // 5
          "",
          '[![""](/public/tree.png)](/guides/)', // 7
          "",
          "![tree.png](/public/tree.png) ![Image](/public/tree.png)", // 9
          "",
          '<p><a href="/guides/"><img src="/public/tree.png" alt=""></a></p>', // 11
          "",
          '<form action="/guides/"><input type="image" src="/public/tree.png"></form>', // 13
          "",
          '<img src="/public/tree.png" alt=" ">', // 15
          "",
          '<img src="/public/tree.png">', // 17
          "",
          "[](/guides/)", // 19
        ],
      ),
    });
    // The renderer's errors, once each.
    assert.equal(diagnostics.filter((d) => d.line === 5).length, 1);
    assert.match(findOne(diagnostics, "guides/shade.md", 5, /has no alt text/).severity, /error/);
    assert.equal(diagnostics.filter((d) => d.line === 17).length, 1);
    assert.equal(findOne(diagnostics, "guides/shade.md", 7, /link holds only the image/).severity, "error");
    assert.equal(findOne(diagnostics, "guides/shade.md", 9, /"tree\.png".*file name/).severity, "warning");
    assert.equal(findOne(diagnostics, "guides/shade.md", 9, /is only "Image"/).severity, "warning");
    assert.equal(findOne(diagnostics, "guides/shade.md", 11, /holds only an image with empty alt/).severity, "error");
    assert.equal(findOne(diagnostics, "guides/shade.md", 13, /`<input type="image">` has no alt/).severity, "error");
    assert.equal(findOne(diagnostics, "guides/shade.md", 15, /only spaces/).severity, "warning");
    assert.equal(findOne(diagnostics, "guides/shade.md", 19, /link `\/guides\/` has no text/).severity, "error");
  });

  it("finds headings that skip a level, in Markdown and in HTML", async () => {
    const diagnostics = await check("source-headings", {
      "guides/index.md": GUIDES,
      "guides/shade.md": page(
        ["title: Shade"],
        [
          "### Too deep at the start", // 5
          "",
          "## Fine",
          "",
          "### Fine too",
          "",
          "##### Two levels down", // 11
          "",
          "## Back up",
          "",
          "<h4>Written as HTML</h4>", // 15
          "",
          "<nav><h4>In a nav, counted on its own</h4></nav>",
        ],
      ),
    });
    const shade = diagnostics.filter((d) => d.file === "guides/shade.md" && /heading/.test(d.message));
    assert.deepEqual(
      shade.map((d) => [d.line, d.severity]),
      [
        [5, "error"],
        [11, "error"],
        [15, "error"],
      ],
      shade.map((d) => d.message).join("\n"),
    );
    assert.match(shade[0].message, /"Too deep at the start" is an h3 after an h1.*make it an h2/);
    assert.match(shade[1].message, /h5 after an h3/);
  });

  it("finds ids used twice: author HTML against author HTML, and against the layout's", async () => {
    const diagnostics = await check("source-ids", {
      "guides/index.md": GUIDES,
      "guides/shade.md": page(
        ["title: Shade"],
        [
          '<div id="trees">One</div>', // 5
          "",
          '<p id="trees">Two</p>', // 7
          "",
          '<span id="main-content"></span>', // 9
          "",
          "## Trees", // 11
        ],
      ),
    });
    const twice = findOne(
      diagnostics,
      "guides/shade.md",
      7,
      /id `trees` on `<p>` is already used by `<div>` at line 5/,
    );
    assert.equal(twice.severity, "error");
    assert.equal(findOne(diagnostics, "guides/shade.md", 9, /id `main-content`.*the layout/).severity, "error");
    // The heading takes another id of its own, so it collides with nothing.
    assert.deepEqual(
      diagnostics.filter((d) => d.line === 11),
      [],
    );
  });

  it("passes a page whose fragments lead to headings on itself and on another page", async () => {
    const diagnostics = await check("source-fine", {
      "guides/index.md": GUIDES,
      "guides/shade.md": page(
        [
          "title: Shade",
          "breadcrumbs:",
          "  - text: Home",
          "    href: /",
          "  - text: Guides",
          "    href: /guides/#planting",
        ],
        [
          "## Where to plant",
          "",
          "See [below](#where-to-plant), [watering](/guides/#watering), [planting](../#planting) and [the top](#top).",
          "",
          '<span id="anchor"></span>[here](#anchor) ![A tree](/public/tree.png)',
          "",
          "### A step down",
          "",
          "## Where to plant",
          "",
          "[The second one](#where-to-plant-2), [the A to Z](/a-to-z/), [search](/search/) and [tags](/tags/).",
        ],
      ),
      "public/tree.png": "x",
    });
    // Site data warnings (such as settings the site's own pages want) are not this page's.
    assert.deepEqual(
      diagnostics.filter((diagnostic) => diagnostic.file.endsWith(".md")),
      [],
    );
  });
});
