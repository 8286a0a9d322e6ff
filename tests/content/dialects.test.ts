import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../lib/diagnostics.ts";
import { parsePage } from "../../lib/content/load-content.ts";
import { LAYOUTS } from "../../lib/schema/front-matter.ts";

const FILE = "content/guides/moved.md";
const URL = "/guides/moved/";

/** Reads one page as the build does, from its front matter lines. */
const read = (frontMatter: string, { file = FILE, url = URL } = {}) =>
  parsePage(file, url, new TextEncoder().encode(`---\n${frontMatter}\n---\n\nSome text.\n`));

/** [line, field, severity, message] of each diagnostic, all of them at the page's file. */
const located = (diagnostics: Diagnostic[], file = FILE) => {
  for (const diagnostic of diagnostics) assert.equal(diagnostic.file, file, diagnostic.message);
  return diagnostics.map((d) => [d.line, d.field, d.severity, d.message]);
};

describe("addresses from other tools", () => {
  it("keeps Jekyll's and Eleventy's permalink working as an old address, warning at its line", () => {
    const { page, diagnostics } = read("title: Moved\npermalink: /old/place/");
    assert.deepEqual(page?.frontMatter.redirectFrom, ["/old/place/"]);
    assert.deepEqual(located(diagnostics), [
      [
        3,
        "permalink",
        "warning",
        "`/old/place/` is kept as an old address (`redirectFrom`): it sends readers to /guides/moved/, where the page is published",
      ],
    ]);
  });

  it("needs no redirect for a permalink that is the page's own address, written any of the ways it can be", () => {
    for (const permalink of ["/guides/moved/", "/guides/moved", "guides/moved/index.html"]) {
      const { page, diagnostics } = read(`title: Moved\npermalink: ${permalink}`);
      assert.equal(page?.frontMatter.redirectFrom, undefined, permalink);
      assert.deepEqual(located(diagnostics), [
        [3, "permalink", "warning", `\`${permalink}\` is the page's own address from its place in the folder tree, so nothing more is needed`],
      ]);
    }
  });

  it("reads Eleventy's `permalink: false` as a draft, left out of the build", () => {
    const { page, diagnostics } = read("title: Notes\npermalink: false");
    assert.equal(page?.frontMatter.draft, true);
    assert.deepEqual(located(diagnostics), [
      [
        3,
        "permalink",
        "warning",
        "`false` is Eleventy's way of writing no page: read as `draft: true`, so the build leaves the page out and the dev server still shows it",
      ],
    ]);
  });

  it("leaves out a permalink pattern or another site's address with a warning, never refusing the page", () => {
    const { page, diagnostics } = read("title: Moved\npermalink: /blog/:year/:title/\nurl: https://example.org/x/");
    assert.ok(page);
    assert.equal(page.frontMatter.redirectFrom, undefined);
    // A full address in `url` is a web clipper's: where the page was first published.
    assert.equal(page.frontMatter.source, "https://example.org/x/");
    assert.deepEqual(located(diagnostics), [
      [3, "permalink", "warning", "ignored: `/blog/:year/:title/` is a pattern another tool fills in; the page's address is its place in the folder tree, /guides/moved/"],
      [4, "url", "warning", "read as `source` (a web clipper's address of the page it saved): shown as where the page was first published"],
    ]);
  });

  it("warns instead of refusing a permalink that cannot be an old address", () => {
    const { page, diagnostics } = read("title: Moved\npermalink: /a/../etc/");
    assert.ok(page);
    assert.equal(page.frontMatter.redirectFrom, undefined);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(located(diagnostics)[0].slice(0, 3), [3, "permalink", "warning"]);
    assert.match(diagnostics[0].message, /^ignored: `\/a\/\.\.\/etc\/` cannot be kept as an old address: .*\.\. part/);
  });

  it("takes Hugo's path aliases and url as old addresses and leaves Obsidian's names as names", () => {
    const { page, diagnostics } = read(
      "title: Moved\nurl: /hugo/moved/\naliases:\n  - Moving guide\n  - /older/moved/\nredirect_from:\n  - /jekyll/moved/",
    );
    assert.deepEqual(page?.frontMatter.aliases, ["Moving guide"]);
    assert.deepEqual(page?.frontMatter.redirectFrom, ["/jekyll/moved/", "/hugo/moved/", "/older/moved/"]);
    assert.deepEqual(located(diagnostics), [
      [7, "redirect_from", "warning", "read as `redirectFrom` (jekyll-redirect-from's old addresses)"],
      [3, "url", "warning", "`/hugo/moved/` is kept as an old address (`redirectFrom`): it sends readers to /guides/moved/, where the page is published"],
      [6, "aliases", "warning", "`/older/moved/` is kept as an old address (`redirectFrom`): it sends readers to /guides/moved/, where the page is published"],
    ]);
  });

  it("reads Hugo's and Jekyll's slug as the last part of the old address, unless a permalink gives all of it", () => {
    const moved = read("title: Moved\nslug: old-name");
    assert.deepEqual(moved.page?.frontMatter.redirectFrom, ["/guides/old-name/"]);
    assert.deepEqual(located(moved.diagnostics), [
      [3, "slug", "warning", "`/guides/old-name/` is kept as an old address (`redirectFrom`): it sends readers to /guides/moved/, where the page is published"],
    ]);
    const same = read("title: Moved\nslug: moved");
    assert.equal(same.page?.frontMatter.redirectFrom, undefined);
    assert.match(same.diagnostics[0].message, /is the page's own address/);
    const both = read("title: Moved\npermalink: /p/\nslug: s");
    assert.deepEqual(both.page?.frontMatter.redirectFrom, ["/p/"]);
    assert.deepEqual(located(both.diagnostics)[1], [4, "slug", "warning", "ignored: `permalink` already gives the page's whole address"]);
  });

  it("places an error about a renamed old address at the line it was written on", () => {
    const { page, diagnostics } = read("title: Moved\nredirect_from:\n  - /fine/\n  - not a path");
    assert.equal(page, undefined);
    const errors = diagnostics.filter((d) => d.severity === "error");
    assert.deepEqual(
      errors.map((d) => [d.file, d.line, d.field]),
      [[FILE, 5, "redirectFrom.1"]],
    );
  });
});

describe("layouts from other tools", () => {
  it("maps each tool's layout to the nearest one here, naming both", () => {
    const cases: [string, string, RegExp][] = [
      ["post", "two-thirds", /Jekyll's and the GOV\.UK Eleventy plugin's blog post layout/],
      ["default", "two-thirds", /Jekyll's default layout/],
      ["home", "two-thirds", /Jekyll's home page layout/],
      ["product", "full-width", /GOV\.UK Eleventy plugin's product page layout/],
      ["collection", "two-thirds", /collection layout; an index page here lists the pages below it/],
      ["core", "full-width", /Tech Docs Template's layout without a table of contents/],
      ["layout", "two-thirds", /Tech Docs Template's page layout/],
    ];
    for (const [written, layout, why] of cases) {
      const { page, diagnostics } = read(`title: A page\nlayout: ${written}`);
      assert.equal(page?.frontMatter.layout, layout, written);
      assert.deepEqual(located(diagnostics).map((d) => d.slice(0, 3)), [[3, "layout", "warning"]]);
      assert.match(diagnostics[0].message, new RegExp(`^\`${written}\` is .*; using \`${layout}\`$`));
      assert.match(diagnostics[0].message, why);
    }
  });

  it("draws the plugin's sub-navigation layout as a section page with its folder's navigation", () => {
    const { page, diagnostics } = read("title: A page\nlayout: sub-navigation");
    assert.equal(page?.frontMatter.layout, "section");
    assert.equal(page?.frontMatter.sectionNavFromFolder, true);
    assert.deepEqual(located(diagnostics), [
      [
        3,
        "layout",
        "warning",
        "`sub-navigation` is the GOV.UK Eleventy plugin's sub-navigation layout; using `section`, with a section navigation made from the pages in its folder (`sectionNavFromFolder: true`)",
      ],
    ]);
  });

  it("uses the default layout for one it does not know, naming the layouts and the nearest", () => {
    const { page, diagnostics } = read("title: A page\nlayout: sectoin");
    assert.equal(page?.frontMatter.layout, "two-thirds");
    assert.deepEqual(located(diagnostics), [
      [
        3,
        "layout",
        "warning",
        `\`sectoin\` is not a layout this site has, so the page uses \`two-thirds\` (did you mean \`section\`?); the layouts are ${LAYOUTS.map((name) => `\`${name}\``).join(", ")}`,
      ],
    ]);
    const odd = read("title: A page\nlayout: 3");
    assert.equal(odd.page?.frontMatter.layout, "two-thirds");
    assert.match(odd.diagnostics[0].message, /^3 is not a layout this site has, so the page uses `two-thirds`; the layouts are /);
  });
});

describe("navigation and dates from other tools", () => {
  it("reads eleventyNavigation's order and parent as the page's order and its folder's section navigation", () => {
    const { page, diagnostics } = read("title: Step two\nlayout: section\neleventyNavigation:\n  key: Step two\n  parent: Guides\n  order: 2");
    assert.equal(page?.frontMatter.order, 2);
    assert.equal(page?.frontMatter.sectionNavFromFolder, true);
    assert.deepEqual(located(diagnostics), [
      [
        4,
        "eleventyNavigation",
        "warning",
        'read Eleventy\'s navigation: `order: 2` places the page among its folder\'s pages; `parent: "Guides"` is read as the folder the page is in: its section navigation is made from that folder\'s pages (`sectionNavFromFolder: true`, shown with `layout: section` or `side-nav`); navigation shows the page\'s `title`',
      ],
    ]);
  });

  it("takes the title from eleventyNavigation when the page has none, and keeps a page's own order", () => {
    const { page, diagnostics } = read("order: 5\neleventyNavigation:\n  key: Overview\n  order: 1");
    assert.equal(page?.frontMatter.title, "Overview");
    assert.equal(page?.frontMatter.order, 5);
    assert.match(diagnostics[0].message, /its `order` is not read, as `order` is already set; "Overview" is the page's title, as it sets no `title`$/);
  });

  it("keeps a last-changed date a last-changed date, and a post date a published date", () => {
    const cases: [string, "published" | "lastUpdated"][] = [
      ["date", "published"],
      ["publishDate", "published"],
      ["last_modified_at", "lastUpdated"],
      ["lastmod", "lastUpdated"],
      ["updated", "lastUpdated"],
      ["modified", "lastUpdated"],
    ];
    for (const [field, ours] of cases) {
      const { page, diagnostics } = read(`title: A page\n${field}: 2024-03-01`);
      assert.equal(page?.frontMatter[ours]?.toISOString().slice(0, 10), "2024-03-01", field);
      assert.deepEqual(located(diagnostics).map((d) => d.slice(0, 3)), [[3, field, "warning"]]);
      assert.match(diagnostics[0].message, new RegExp(`^read as \`${ours}\``));
    }
  });

  it("leaves out Eleventy's `date: Last Modified`, which names no date, instead of refusing it as one", () => {
    const { page, diagnostics } = read("title: A page\ndate: git Last Modified");
    assert.ok(page);
    assert.equal(page.frontMatter.published, undefined);
    assert.deepEqual(located(diagnostics).map((d) => d.slice(0, 3)), [[3, "date", "warning"]]);
    assert.match(diagnostics[0].message, /^ignored: `git Last Modified` is Eleventy's way of taking the date from the file/);
  });
});
