import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkContent } from "../helpers/check-content.ts";
import { makeContentDir, printedDiagnostics, shown } from "../helpers/content-dir.ts";

const SITE = JSON.stringify(
  {
    organisationName: "Example department",
    serviceName: "Example manual",
    url: "https://example.gov.uk",
    navigation: [{ text: "Guides", href: "/guides/" }],
    footerLinks: [
      { text: "Help", href: "/help/" },
      { text: "Privacy", href: "/privcy/" },
    ],
  },
  null,
  2,
);

const FILES: Record<string, string> = {
  "_data/site.json": SITE,
  "_data/navigation.json": JSON.stringify(
    {
      sectionNav: {
        unused: [{ items: [{ text: "Gone", href: "/gone/" }] }],
        trees: [{ items: [{ text: "Trees", href: "/guides/tres/" }] }],
      },
    },
    null,
    2,
  ),
  "guides/shade.md": "---\ntitle: Shade\nlayout: section\nsectionNav: trees\n---\n\nText.\n",
  "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
  "help.md": "---\ntitle: Help\n---\n\nAsk us.\n",
  "privacy.md": "---\ntitle: Privacy\n---\n\nWhat we keep.\n",
  "guides/index.md": "---\ntitle: Guides\n---\n\nAll the guides.\n",
  "guides/planting-trees.md": [
    "---",
    "title: Planting trees",
    "redirectFrom:",
    "  - /old-trees/",
    "---",
    "",
    "## Choosing a spot",
    "",
    "Text.",
    "",
  ].join("\n"),
  "guides/draft-note.md": "---\ntitle: Not ready\ndraft: true\n---\n\nLater.\n",
  // The Defra app's name for breadcrumbs: a dead link in it is reported under the field the editor wrote.
  "guides/pruning.md": [
    "---",
    "title: Pruning",
    "breadcrumbItems:",
    "  - text: Home",
    "    href: /",
    "  - text: Guides",
    "    href: /guidse/", // 7
    "---",
    "",
    "Text.",
    "",
  ].join("\n"),
  // HTML fields written over several lines: a link is reported at its own line of a literal block (`|`), and at
  // the first line of a folded one (`>`), whose lines YAML joins.
  "guides/feeding.md": [
    "---", // 1
    "title: Feeding",
    "supportBox:",
    "  title: Ask",
    "  description: |", // 5
    "    <p>Write to us.</p>",
    '    <p>Or <a href="/feed-us/">ask</a>.</p>', // 7
    "  items:",
    "    - >", // 9
    '      <a href="/folded-link/">A folded', // 10
    "      item</a>",
    "---",
    "",
    "Text.",
    "",
  ].join("\n"),
  "public/images/tree.png": "not really a picture",
  "guides/watering.md": [
    "---", // 1
    "title: Watering",
    "breadcrumbs:",
    "  - text: Home",
    "    href: /",
    "  - text: Guides",
    "    href: /guidez/", // 7
    "supportBox:",
    "  title: Contact",
    "  items:",
    '    - <a href="/contact-us/">Contact us</a>', // 11
    "---",
    "",
    "See [planting](/guides/planting-trees) and [the old page](/old-trees), [search](/search/),", // 14
    "the [picture](/public/images/tree.png) and [styles](/assets/application.css).",
    "",
    "A [typo](/guides/planting-tres/) and a [bad fragment](/guides/planting-trees/#choosing-a-spt).", // 17
    "",
    '<p>An <a href="/nowhere/">HTML link</a></p>', // 19
    "",
    "[A file, not a URL](planting-trees.md) and [the draft](/guides/draft-note/).", // 21
    "",
    "[The app's landing page](/service-manual) and [again](/service-manual/).", // 23
    "",
    "[Fine](#top) [relative](../../help/) [wrongly relative](../help/) ![alt](/public/images/missing.png)", // 25
    "",
  ].join("\n"),
};

describe("npm run check: internal links in the source", () => {
  it("reports each dead link at its file, line and field, suggests the nearest URL, warns about the app's code routes, and exits 1", async () => {
    const dir = makeContentDir("source-links", FILES);
    const run = await checkContent(shown(dir, ""));
    const printed = printedDiagnostics(run.stdout).map(
      (d) => `${d.file.replace(`${shown(dir, "")}/`, "")}:${d.line ?? ""}:${d.severity}:${d.field ?? ""}: ${d.message}`,
    );
    const find = (pattern: RegExp) => printed.filter((line) => pattern.test(line));
    const expect = (pattern: RegExp) => assert.equal(find(pattern).length, 1, `${pattern}\n${printed.join("\n")}`);

    expect(
      /^guides\/watering\.md:7:error:breadcrumbs\.1\.href: link `\/guidez\/` leads nowhere.*did you mean \/guides\/\?/,
    );
    expect(/^guides\/watering\.md:11:error:supportBox\.items\.0: `<a href>` `\/contact-us\/` leads nowhere/);
    expect(/^guides\/feeding\.md:7:error:supportBox\.description: `<a href>` `\/feed-us\/` leads nowhere/);
    expect(/^guides\/feeding\.md:10:error:supportBox\.items\.0: `<a href>` `\/folded-link\/` leads nowhere/);
    expect(/^guides\/pruning\.md:7:error:breadcrumbItems\.1\.href: link `\/guidse\/` leads nowhere/);
    expect(
      /^guides\/watering\.md:17:error:: link `\/guides\/planting-tres\/` leads nowhere.*did you mean \/guides\/planting-trees\/\?/,
    );
    expect(
      /^guides\/watering\.md:17:error:: link `\/guides\/planting-trees\/#choosing-a-spt`: \/guides\/planting-trees\/ has no heading.*did you mean `#choosing-a-spot`/,
    );
    expect(/^guides\/watering\.md:19:error:: `<a href>` `\/nowhere\/` leads nowhere/);
    expect(
      /^guides\/watering\.md:21:error:: link `planting-trees\.md` names a Markdown file.*link to the page's URL, \/guides\/planting-trees\//,
    );
    expect(
      /^guides\/watering\.md:21:error:: link `\/guides\/draft-note\/` leads to .*guides\/draft-note\.md, which is not published/,
    );
    expect(
      /^guides\/watering\.md:23:warning:: link `\/service-manual`: the Defra app served \/service-manual from its code.*\(1 other link leads there too: .*watering\.md:23\)/,
    );
    expect(
      /^guides\/watering\.md:25:error:: link `\.\.\/help\/` leads nowhere: .* at \/guides\/help\/ \(did you mean \/help\/\?\)/,
    );
    expect(
      /^guides\/watering\.md:25:error:: image `\/public\/images\/missing\.png` leads nowhere: there is no file content\/public\/images\/missing\.png/,
    );
    // A named list is checked once, in its file, and only when a page uses it.
    expect(
      /^_data\/navigation\.json:\d+:error:sectionNav\.trees\.0\.items\.0\.href: link `\/guides\/tres\/` leads nowhere/,
    );
    assert.deepEqual(find(/\/gone\/|shade\.md/), []);
    expect(
      /^_data\/site\.json:\d+:error:footerLinks\.1\.href: link `\/privcy\/` leads nowhere.*did you mean \/privacy\/\?/,
    );
    // What resolves: pages with or without their slash, redirects, the site's own pages, public files, assets, own fragments.
    assert.deepEqual(find(/planting-trees\)|old-trees|search\/|tree\.png|application\.css|#top|\.\.\/\.\.\/help/), []);
    assert.equal(run.code, 1);
  });

  it("passes a site whose links all arrive", async () => {
    const dir = makeContentDir("source-links-fine", {
      "_data/site.json": JSON.stringify({
        organisationName: "Example",
        serviceName: "Example",
        url: "https://example.gov.uk",
        navigation: [{ text: "A", href: "/a" }],
      }),
      "index.md":
        "---\ntitle: Home\n---\n\n[A](/a/#part) and [tags](/tags/), [cookies](/cookies), " +
        "[the accessibility statement](/accessibility-statement/), [privacy](/privacy/) and [A printed](/a/print/).\n",
      "_data/navigation.json": "{}",
      "a/index.md": "---\ntitle: A\nprintSection: true\nbreadcrumbs:\n  - text: Home\n    href: /\n---\n\n## Part\n",
    });
    const run = await checkContent(shown(dir, ""));
    assert.deepEqual(
      printedDiagnostics(run.stdout).filter((d) => /link|image/.test(d.message)),
      [],
      run.stdout,
    );
    assert.equal(run.code, 0, run.stdout);
  });
});
