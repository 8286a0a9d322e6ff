import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LAYOUTS } from "../../lib/schema/front-matter.ts";
import { CHECK_FIXTURE_DATA, checkContent } from "../helpers/check-content.ts";
import { makeContentDir, printedDiagnostics, runScript, shown } from "../helpers/content-dir.ts";

/** [file, line, field ("" when none), severity, what the message must say]. */
type Expected = [string, number | undefined, string, "error" | "warning", RegExp];

interface BadPageCase {
  name: string;
  files: Record<string, string | Uint8Array>;
  expected: Expected[];
  exitCode: 0 | 1;
}

const contentDirFor = (testCase: BadPageCase, suffix = "") => makeContentDir(`bad-${testCase.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}${suffix}`, { ...CHECK_FIXTURE_DATA, ...testCase.files });

const page = (frontMatter: string, body = "Some text.\n") => `---\n${frontMatter}\n---\n\n${body}`;

// Each case is checked alone, in its own content folder, so its messages and exit code are its own.
const CASES: BadPageCase[] = [
  {
    name: "YAML syntax error",
    files: { "page.md": "---\ntitle: A page\ncaption: [one, two\ndescription: A page.\n---\n" },
    expected: [["page.md", 4, "", "error", /front matter is not valid YAML/]],
    exitCode: 1,
  },
  {
    name: "breadcrumbs not a list",
    files: { "page.md": page("title: A page\nbreadcrumbs: Home") },
    expected: [["page.md", 3, "breadcrumbs", "error", /^expected a list, found "Home"$/]],
    exitCode: 1,
  },
  {
    name: "a breadcrumb without text",
    files: { "page.md": page("title: A page\nbreadcrumbs:\n  - text: Home\n    href: /\n  - href: /guides/") },
    expected: [["page.md", 6, "breadcrumbs.1.text", "error", /^is required$/]],
    exitCode: 1,
  },
  {
    name: "a date that is not a date",
    files: { "page.md": page("title: A page\npublished: next Tuesday\nlastUpdated: 2025-02-30") },
    expected: [
      ["page.md", 3, "published", "error", /^expected a date written YYYY-MM-DD, found "next Tuesday"$/],
      ["page.md", 4, "lastUpdated", "error", /^is not a real date, found "2025-02-30"$/],
    ],
    exitCode: 1,
  },
  {
    name: "unknown layout, drawn with the default, naming the known ones and the nearest",
    files: { "page.md": page("title: A page\nlayout: sectoin") },
    expected: [["page.md", 3, "layout", "warning", new RegExp(`^\`sectoin\` is not a layout this site has, so the page uses \`two-thirds\` \\(did you mean \`section\`\\?\\); the layouts are ${LAYOUTS.map((name) => `\`${name}\``).join(", ")}$`)]],
    exitCode: 0,
  },
  {
    name: "missing title",
    files: { "page.md": page("description: No title here.") },
    expected: [["page.md", 2, "title", "error", /^is required$/]],
    exitCode: 1,
  },
  {
    name: "empty title",
    files: { "page.md": page('title: ""') },
    expected: [["page.md", 2, "title", "error", /^must not be empty$/]],
    exitCode: 1,
  },
  {
    name: "a misspelt field is a warning naming the nearest field",
    files: { "page.md": page("title: A page\nsectoinTitle: Guides\nauthor: Someone") },
    expected: [
      ["page.md", 3, "sectoinTitle", "warning", /is not a field this site uses, so it is ignored \(did you mean `sectionTitle`\?\)$/],
      ["page.md", 4, "author", "warning", /is not a field this site uses, so it is ignored$/],
    ],
    exitCode: 0,
  },
  {
    name: "two pages with the same URL, both named",
    files: { "guides.md": page("title: Guides"), "guides/index.md": page("title: Guides index") },
    expected: [
      ["guides.md", undefined, "", "error", /has the same URL \/guides\/ as .*guides\/index\.md/],
      ["guides/index.md", undefined, "", "error", /has the same URL \/guides\/ as .*guides\.md/],
    ],
    exitCode: 1,
  },
  {
    name: "unknown navigation key, with the nearest one and the file",
    files: { "page.md": page("title: A page\nlayout: section\nsectionNav: product-and-delivry") },
    expected: [["page.md", 4, "sectionNav", "error", /no `sectionNav` list called "product-and-delivry" in .*_data\/navigation\.json \(did you mean `product-and-delivery`\?\)/]],
    exitCode: 1,
  },
  {
    name: "unknown customNav key",
    files: { "page.md": page("title: A page\ncustomNav: main") },
    expected: [["page.md", 3, "customNav", "error", /no `customNav` list called "main" in .*_data\/navigation\.json/]],
    exitCode: 1,
  },
  {
    name: "sectionNav neither a name nor a list of groups",
    files: { "page.md": page("title: A page\nsectionNav: 42") },
    expected: [["page.md", 3, "sectionNav", "error", /^expected the name of a `sectionNav` list .* or a list of groups .*, found number 42$/]],
    exitCode: 1,
  },
  {
    name: "an inline sectionNav link without href",
    files: { "page.md": page("title: A page\nlayout: section\nsectionNav:\n  - title: Guides\n    items:\n      - text: One") },
    expected: [["page.md", 7, "sectionNav.0.items.0.href", "error", /^is required$/]],
    exitCode: 1,
  },
  {
    name: "javascript:, data: and vbscript: URLs in front matter hrefs",
    files: {
      "page.md": page(
        "title: A page\nbreadcrumbs:\n  - text: Home\n    href: javascript:alert(1)\nsource: 'data:text/html,<b>hi</b>'\ncustomNav:\n  - text: Run\n    href: ' VBScript:msgbox(1)'",
      ),
    },
    expected: [
      ["page.md", 5, "breadcrumbs.0.href", "error", /must be a path on this site or an http\(s\), mailto or tel URL \(found "javascript:alert\(1\)"\)/],
      ["page.md", 6, "source", "error", /must be a path on this site or an http\(s\), mailto or tel URL/],
      ["page.md", 9, "customNav.0.href", "warning", /removed spaces at the start or end of the value/],
      ["page.md", 9, "customNav.0.href", "error", /must be a path on this site or an http\(s\), mailto or tel URL \(found "VBScript:msgbox\(1\)"\)/],
    ],
    exitCode: 1,
  },
  {
    name: "unsafe URLs in Markdown links, autolinks and raw HTML",
    files: {
      "page.md": page(
        "title: A page",
        [
          "A [bad link](javascript:alert(1)) here.",
          "",
          "<DATA:text/html;base64,PHNjcmlwdD4=>",
          "",
          "<div>",
          '<a href="jav&#x09;ascript:alert(1)">tab-split scheme</a>',
          "</div>",
          "",
          'Inline <a href="vbscript:msgbox(1)">link</a> and an image ![x](data:image/png;base64,AAAA) that is fine.',
        ].join("\n"),
      ),
    },
    expected: [
      ["page.md", 5, "", "error", /the link to "javascript:alert\(1\)" uses a javascript: URL/],
      ["page.md", 7, "", "error", /uses a data: URL/],
      ["page.md", 10, "", "error", /`href` on `<a>` uses a javascript: URL/],
      ["page.md", 13, "", "error", /`href` on `<a>` uses a vbscript: URL/],
    ],
    exitCode: 1,
  },
  {
    name: "script elements and event handlers in raw HTML in Markdown",
    files: { "page.md": page("title: A page", 'Text.\n\n<script>alert(1)</script>\n\n<p>\n  <img src="https://example.com/x.png" alt="" onerror="alert(1)">\n</p>\n\n<iframe src="https://example.com"></iframe>\n') },
    expected: [
      ["page.md", 7, "", "error", /`<script>` is not allowed/],
      ["page.md", 10, "", "error", /the event-handler attribute `onerror` on `<img>` is not allowed/],
      ["page.md", 13, "", "error", /`<iframe>` is not allowed/],
    ],
    exitCode: 1,
  },
  {
    name: "script and event handlers in the support box's HTML",
    files: {
      "page.md": page(
        'title: A page\nsupportBox:\n  title: Get help\n  description: Ask us <script>steal()</script>\n  items:\n    - <a href="mailto:a@b.c">a@b.c</a>\n    - <a href="#" onclick="steal()">b</a>\n    - <object data="x.swf"></object>',
      ),
    },
    expected: [
      ["page.md", 5, "supportBox.description", "error", /`<script>` is not allowed/],
      ["page.md", 8, "supportBox.items.1", "error", /event-handler attribute `onclick` on `<a>`/],
      ["page.md", 9, "supportBox.items.2", "error", /`<object>` is not allowed/],
    ],
    exitCode: 1,
  },
  {
    name: "an empty file",
    files: { "page.md": "" },
    expected: [["page.md", 1, "", "error", /the file is empty/]],
    exitCode: 1,
  },
  {
    name: "a file with no front matter",
    files: { "page.md": "# A page\n\nJust text.\n" },
    expected: [["page.md", 1, "title", "error", /the file has no front matter/]],
    exitCode: 1,
  },
  {
    name: "front matter that is never closed",
    files: { "page.md": "---\ntitle: A page\n\nText.\n" },
    expected: [["page.md", 1, "", "error", /front matter is opened but never closed/]],
    exitCode: 1,
  },
  {
    name: "invalid UTF-8",
    files: { "page.md": Buffer.concat([Buffer.from("---\ntitle: A page\n---\n\nCaf"), Buffer.from([0xe9]), Buffer.from(" au lait\n")]) },
    expected: [["page.md", 5, "", "error", /is not valid UTF-8/]],
    exitCode: 1,
  },
  {
    name: "Hugo TOML with a syntax error",
    files: { "page.md": '+++\ntitle = "A page"\nweight = \n+++\n' },
    expected: [["page.md", 3, "", "error", /front matter is not valid TOML/]],
    exitCode: 1,
  },
  {
    name: "Hugo TOML front matter is read, with a warning",
    files: { "page.md": '+++\ntitle = "A Hugo page"\ndate = 2024-03-01\ntags = ["hugo"]\n+++\n\nText.\n' },
    expected: [
      ["page.md", 1, "", "warning", /read Hugo's TOML front matter \(\+\+\+\); the site's own dialect is YAML \(---\)/],
      ["page.md", 3, "date", "warning", /read as `published`/],
    ],
    exitCode: 0,
  },
  {
    name: "a Jekyll post date with a time is read as the published date",
    files: { "page.md": page("layout: post\ntitle: A post\ndate: 2022-05-30 10:00:00 +0000") },
    expected: [
      ["page.md", 2, "layout", "warning", /`post` is Jekyll's and the GOV.UK Eleventy plugin's blog post layout; using `two-thirds`/],
      ["page.md", 4, "date", "warning", /read as `published`/],
    ],
    exitCode: 0,
  },
  {
    name: "text faults are repaired with a warning each: BOM, CRLF, trailing spaces, mojibake",
    files: { "page.md": "\uFEFF---\r\ntitle: A page  \r\ncaption: ' Guides '\r\n---\r\n\r\nWe donâ€™t mind.\r\n" },
    expected: [
      ["page.md", 1, "", "warning", /removed a UTF-8 byte order mark/],
      ["page.md", 1, "", "warning", /converted Windows \(CRLF\) line endings to LF/],
      ["page.md", 2, "title", "warning", /removed spaces at the start or end of the value/],
      ["page.md", 3, "caption", "warning", /removed spaces at the start or end of the value/],
      ["page.md", 6, "", "warning", /repaired mis-encoded text "â€™" to "’"/],
    ],
    exitCode: 0,
  },
  {
    name: "a folder default with an error names the folder's data file",
    files: {
      "guides/guides.11tydata.json": '{\n  "layout": "section",\n  "sectionNav": "guidez",\n  "title": "Guides",\n  "captoin": "Guides"\n}\n',
      "guides/one.md": page("title: One"),
      "guides/two.md": page("title: Two"),
    },
    expected: [
      ["guides/guides.11tydata.json", 3, "sectionNav", "error", /no `sectionNav` list called "guidez"/],
      ["guides/guides.11tydata.json", 4, "title", "error", /cannot be a folder default/],
      ["guides/guides.11tydata.json", 5, "captoin", "warning", /did you mean `caption`\?/],
    ],
    exitCode: 1,
  },
  {
    name: "a navigation file with a broken link names its line",
    files: { "_data/navigation.json": '{\n  "sectionNav": {\n    "guides": [\n      { "title": "Guides", "items": [{ "text": "One" }] }\n    ]\n  }\n}\n', "page.md": page("title: A page") },
    expected: [["_data/navigation.json", 4, "sectionNav.guides.0.items.0.href", "error", /^is required$/]],
    exitCode: 1,
  },
  {
    name: "a syntax error in site.json names its line",
    files: { "_data/site.json": '{\n  "brand": "defra",\n  "organisationName": "Defra"\n  "serviceName": "A service",\n  "url": "https://example.com"\n}\n', "page.md": page("title: A page") },
    expected: [["_data/site.json", 4, "", "error", /^is not valid JSON: expected `,` or `}` after a value/]],
    exitCode: 1,
  },
  {
    name: "a wrong type in site.json names its line and field",
    files: {
      "_data/site.json": '{\n  "organisationName": "Defra",\n  "serviceName": "A service",\n  "showMainNavigation": "yes",\n  "navigation": [{ "text": "Home" }],\n  "url": "https://example.com"\n}\n',
      "page.md": page("title: A page"),
    },
    expected: [
      ["_data/site.json", 4, "showMainNavigation", "error", /^expected true or false, found "yes"$/],
      ["_data/site.json", 5, "navigation.0.href", "error", /^is required$/],
    ],
    exitCode: 1,
  },
  {
    name: "a syntax error in the navigation file names its line",
    files: { "_data/navigation.json": '{\n  "sectionNav": {\n    "guides": [\n  }\n}\n', "page.md": page("title: A page") },
    expected: [["_data/navigation.json", 4, "", "error", /^is not valid JSON: /]],
    exitCode: 1,
  },
  {
    name: "a navigation list of the wrong type names its line and field",
    files: { "_data/navigation.json": '{\n  "customNav": {\n    "main": "Home"\n  }\n}\n', "page.md": page("title: A page") },
    expected: [["_data/navigation.json", 3, "customNav.main", "error", /^expected a list, found "Home"$/]],
    exitCode: 1,
  },
  {
    name: "a syntax error in folder defaults names its line",
    files: { "guides/guides.11tydata.json": '{\n  "layout": "section",,\n  "caption": "Guides"\n}\n', "guides/one.md": page("title: One") },
    expected: [["guides/guides.11tydata.json", 2, "", "error", /^is not valid JSON: /]],
    exitCode: 1,
  },
  {
    name: "an alias bomb in front matter is refused at the line that blows up",
    files: {
      "page.md": page(
        ["title: A page", `a: &a [${Array(10).fill('"lol"').join(", ")}]`, ..."bcdefghi".split("").map((name, index) => `${name}: &${name} [${Array(10).fill(`*${"abcdefghi"[index]}`).join(", ")}]`)].join("\n"),
      ),
    },
    expected: [["page.md", 5, "", "error", /^front matter uses too many aliases at line 5/]],
    exitCode: 1,
  },
  {
    name: "10,000 nested flow lists in front matter are refused",
    files: { "page.md": page(`title: A page\ntags: ${"[".repeat(10_000)}${"]".repeat(10_000)}`) },
    expected: [["page.md", 3, "", "error", /^front matter is too deeply nested at line 3/]],
    exitCode: 1,
  },
  {
    name: "10,000 nested block lists in front matter are refused",
    files: { "page.md": page(`title: A page\ntags:\n  ${"- ".repeat(10_000)}x`) },
    expected: [["page.md", 4, "", "error", /^front matter is too deeply nested at line 4/]],
    exitCode: 1,
  },
  {
    name: "front matter indented 2,000 fields deep is refused",
    files: { "page.md": page(`title: A page\n${Array.from({ length: 2000 }, (_, depth) => `${" ".repeat(depth)}a:`).join("\n")} x`) },
    expected: [["page.md", 103, "", "error", /^front matter is too deeply nested at line 103/]],
    exitCode: 1,
  },
  {
    name: "10,000 nested lists in folder defaults are refused",
    files: { "guides/guides.11tydata.json": `{\n  "tags": ${"[".repeat(10_000)}${"]".repeat(10_000)}\n}\n`, "guides/one.md": page("title: One") },
    expected: [["guides/guides.11tydata.json", 2, "", "error", /^is too deeply nested at line 2/]],
    exitCode: 1,
  },
  {
    name: "anchors and aliases three levels deep are read",
    files: {
      "page.md": page("title: &title A page\nlayout: section\ncaption: *title\nbreadcrumbs: &crumbs\n  - &home\n    text: &hometext Home\n    href: /\n  - text: *hometext\n    href: /page/\ncustomNav: *crumbs\nsectionNav:\n  - title: Links\n    items: *crumbs"),
    },
    expected: [],
    exitCode: 0,
  },
  {
    name: "redirectFrom the home page's own file",
    files: { "index.md": page("title: Home"), "page.md": page("title: A page\nredirectFrom:\n  - /index.html") },
    expected: [["page.md", 4, "redirectFrom.0", "error", /^\/index\.html \(the same as \/\) is still the address of .*index\.md: remove it from redirectFrom$/]],
    exitCode: 1,
  },
  {
    name: "redirectFrom a file the site writes",
    files: { "page.md": page("title: A page\nredirectFrom:\n  - /old/\n  - /assets/js/application.js") },
    expected: [["page.md", 5, "redirectFrom.1", "error", /^\/assets\/js\/application\.js is where the site publishes its own pages and files \(\/assets\/ holds the site's stylesheets, scripts and images\): it cannot redirect$/]],
    exitCode: 1,
  },
  {
    name: "redirectFrom the search page",
    files: { "page.md": page("title: A page\nredirectFrom:\n  - /search/") },
    expected: [["page.md", 4, "redirectFrom.0", "error", /^\/search\/ is where the site publishes its own pages and files \(\/search\/ is the site's search page\): it cannot redirect$/]],
    exitCode: 1,
  },
  {
    name: "redirectFrom another page's index.html",
    files: { "x/index.md": page("title: X"), "page.md": page("title: A page\nredirectFrom:\n  - /x/index.html") },
    expected: [["page.md", 4, "redirectFrom.0", "error", /^\/x\/index\.html \(the same as \/x\/\) is still the address of .*x\/index\.md: remove it from redirectFrom$/]],
    exitCode: 1,
  },
  {
    name: "a file that is not a page is reported, never dropped silently",
    files: { "page.md": page("title: A page"), "notes.txt": "Some notes", "guide.markdown": "# A guide" },
    expected: [
      ["guide.markdown", undefined, "", "warning", /is not published: pages are \.md files/],
      ["notes.txt", undefined, "", "warning", /is not published: pages are \.md files/],
    ],
    exitCode: 0,
  },
  {
    name: "a wiki link to no page is plain text with a warning",
    files: { "page.md": page("title: A page\ndescription: About [[Service owner|service owners]]", "See [[Nowhere|somewhere]].\n\n`[[in code]]` stays.\n"), "roles/service-owner.md": page("title: Service owner") },
    expected: [
      ["page.md", 3, "description", "warning", /shows the wiki link \[\[Service owner\|service owners\]\] as its text "service owners": this field cannot hold a link/],
      ["page.md", 6, "", "warning", /shows the wiki link \[\[Nowhere\|somewhere\]\] as plain text: no page has the title, alias or file name "Nowhere"/],
    ],
    exitCode: 0,
  },
];

describe("bad pages: `npm run check` names file, line and field, and exits non-zero on errors", () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const dir = contentDirFor(testCase);
      const result = await checkContent(shown(dir, ""));
      const printed = printedDiagnostics(result.stdout);
      const actual = printed.map((d) => [d.file, d.line, d.field ?? "", d.severity]);
      const expected = testCase.expected.map(([file, line, field, severity]) => [shown(dir, file), line, field, severity]);
      assert.deepEqual(actual, expected, result.stdout + result.stderr);
      testCase.expected.forEach(([, , , , message], index) => assert.match(printed[index].message, message));
      assert.equal(result.code, testCase.exitCode, result.stdout + result.stderr);
      assert.doesNotMatch(result.stdout + result.stderr, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
      assert.ok(!(result.stdout + result.stderr).includes("    at "), `no stack frame:\n${result.stdout + result.stderr}`);
    });
  }

  // The cases above work the check out in this process; one goes through the real script, errors and warnings both,
  // so what editors run prints and exits just as the cases expect.
  it("scripts/check.ts prints the same lines and exit code as the cases expect", async () => {
    const testCase = CASES.find((candidate) => candidate.name.startsWith("javascript:, data: and vbscript:"))!;
    const dir = contentDirFor(testCase, "-script");
    const [script, inProcess] = await Promise.all([runScript("check.ts", [], { CONTENT_DIR: shown(dir, "") }), checkContent(shown(dir, ""))]);
    assert.equal(script.code, 1, script.stdout + script.stderr);
    assert.equal(script.stdout, inProcess.stdout);
    assert.ok(printedDiagnostics(script.stdout).length === testCase.expected.length, script.stdout);
    // The one page checked is the home page every test folder is given; the page with errors is left out.
    assert.match(script.stdout, /\nChecked 1 page: 3 errors, 1 warning\.\n$/);
    assert.ok(!(script.stdout + script.stderr).includes("    at "), `no stack frame:\n${script.stdout + script.stderr}`);
  });
});
