import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import { outputPathForUrl } from "../../lib/content/load-content.ts";
import type { SiteModel } from "../../lib/model/site-model.ts";
import { buildInProcess, projectRoot, testOutputDir } from "../helpers/built-site.ts";
import { CHECK_FIXTURE_DATA, checkContent } from "../helpers/check-content.ts";
import { makeContentDir, printedDiagnostics, shown } from "../helpers/content-dir.ts";

/** [file, line (undefined when the message is about the whole file), severity, what the message must say]. */
type Expected = [string, number | undefined, "error" | "warning", RegExp];

interface NameCase {
  name: string;
  files: Record<string, string>;
  /** Symbolic links to make after the files: link path → target (absolute, or relative to the link). */
  links?: Record<string, string>;
  expected: Expected[];
  /** What else must hold of the site model read from the folder. */
  model?: (model: SiteModel, dir: string) => void;
}

const page = (title: string) => `---\ntitle: ${title}\n---\n\nSome text.\n`;
const ok = { "page.md": page("A page") };
// Every case's folder has a home page (makeContentDir), which no case is about.
const urls = (model: SiteModel) => model.pages.map((view) => view.url).filter((url) => url !== "/");

const CASES: NameCase[] = [
  {
    name: "a Nunjucks template",
    files: { ...ok, "layout.njk": "{{ 7 * 7 }}" },
    expected: [["layout.njk", undefined, "error", /^is a template: content holds pages \(\.md\), .* and nothing in it is ever run or rendered as a template: delete it/]],
  },
  {
    name: "a Liquid template",
    files: { ...ok, "guides/list.liquid": "{% for p in collections.all %}{% endfor %}" },
    expected: [["guides/list.liquid", undefined, "error", /^is a template:/]],
  },
  {
    name: "an HTML page outside public/",
    files: { ...ok, "about.html": "<h1>About</h1>" },
    expected: [["about.html", undefined, "error", /^is an HTML file: .*write the page in Markdown \(\.md\)$/]],
  },
  {
    name: "an Eleventy JavaScript template (.11ty.js)",
    files: { ...ok, "feed.11ty.js": "module.exports = () => process.env.HOME;" },
    expected: [["feed.11ty.js", undefined, "error", /^is a script: .*nothing in it is ever run: delete it$/]],
  },
  {
    name: "an Eleventy CommonJS template (.11ty.cjs)",
    files: { ...ok, "data.11ty.cjs": "module.exports = {};" },
    expected: [["data.11ty.cjs", undefined, "error", /^is a script:/]],
  },
  {
    name: "an ES module (.mjs)",
    files: { ...ok, "tools/run.mjs": "export default 1;" },
    expected: [["tools/run.mjs", undefined, "error", /^is a script:/]],
  },
  {
    name: "JavaScript site data in _data",
    files: { ...ok, "_data/extra.js": "module.exports = require('child_process').execSync('id');" },
    expected: [["_data/extra.js", undefined, "error", /^is a script: site data is read only from JSON files, never run .*: delete it, or write the data as JSON$/]],
  },
  {
    name: "JavaScript in an _ folder, which is otherwise left out with a warning",
    files: { ...ok, "_includes/helper.js": "module.exports = {};" },
    expected: [["_includes/helper.js", undefined, "error", /^is a script:/]],
  },
  {
    name: "a template in public/, which would be published as text",
    files: { ...ok, "public/page.njk": "{{ x }}" },
    expected: [["public/page.njk", undefined, "error", /^is a template:/]],
  },
  {
    name: "a script in public/, which the site's Content-Security-Policy would trust",
    files: { ...ok, "public/app.js": "alert(document.cookie)" },
    expected: [["public/app.js", undefined, "error", /^is a script: files in public\/ are served from the site's own address, whose scripts every page's Content-Security-Policy trusts/]],
  },
  {
    name: "an HTML file in public/, which has no Content-Security-Policy",
    files: { ...ok, "public/embed.html": "<script>alert(1)</script>" },
    expected: [["public/embed.html", undefined, "error", /^is an HTML file: a file in public\/ is served as it is .* without the Content-Security-Policy .* a script in it would run as the site/]],
  },
  {
    name: "other template and script types",
    files: { ...ok, "a.ts": "", "b.jsx": "", "c.tsx": "", "d.hbs": "", "e.mustache": "", "f.ejs": "", "g.haml": "", "h.pug": "", "i.webc": "", "j.11ty.md": "" },
    expected: [
      ["a.ts", undefined, "error", /^is a script:/],
      ["b.jsx", undefined, "error", /^is a script:/],
      ["c.tsx", undefined, "error", /^is a script:/],
      ["d.hbs", undefined, "error", /^is a template:/],
      ["e.mustache", undefined, "error", /^is a template:/],
      ["f.ejs", undefined, "error", /^is a template:/],
      ["g.haml", undefined, "error", /^is a template:/],
      ["h.pug", undefined, "error", /^is a template:/],
      ["i.webc", undefined, "error", /^is a template:/],
      ["j.11ty.md", undefined, "error", /^is a script:/],
    ],
  },
  {
    name: "site data the site does not read, and navigation.yaml, which it does",
    files: { ...ok, "_data/extra.json": "{}", "_data/navigation.yaml": "sectionNav: {}\n" },
    expected: [["_data/extra.json", undefined, "warning", /^is not read: .*_data\/ holds only the site's data: site\.json, navigation\.yaml or navigation\.json, and tools\.yaml$/]],
  },
  {
    name: "a symbolic link to a file outside the content folder",
    files: ok,
    links: { "secret.md": path.join(projectRoot, "README.md"), "public/passwd": "/etc/passwd" },
    expected: [
      ["public/passwd", undefined, "error", /^is a symbolic link: the site never follows links, so what it points to is not published: copy the file or folder here instead$/],
      ["secret.md", undefined, "error", /^is a symbolic link:/],
    ],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "a symbolic link to a folder",
    files: ok,
    links: { shared: path.join(projectRoot, "tests/fixtures/findability/guides") },
    expected: [["shared", undefined, "error", /^is a symbolic link:/]],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "a symbolic link to a page in the content folder",
    files: ok,
    links: { "alias.md": "page.md" },
    expected: [["alias.md", undefined, "error", /^is a symbolic link:/]],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "a page whose name starts with _",
    files: { ...ok, "_notes.md": page("Notes") },
    expected: [["_notes.md", undefined, "warning", /^is not published: files and folders whose names start with _ are left out, for drafts and notes: rename it notes\.md to publish it$/]],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "a page whose name starts with a dot, and other tools' dot files, which are left out quietly",
    files: { ...ok, ".hidden.md": page("Hidden"), ".DS_Store": "", "guides/.gitkeep": "", ".obsidian/app.json": "{}" },
    expected: [[".hidden.md", undefined, "warning", /^is not published: files and folders whose names start with \. are left out, as other tools' hidden files: rename it hidden\.md to publish it$/]],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "a page in an _ folder",
    files: { ...ok, "_drafts/page.md": page("Draft"), "_drafts/notes.txt": "notes" },
    expected: [
      ["_drafts/notes.txt", undefined, "warning", /^is not published: files and folders whose names start with _ are left out, for drafts and notes: move it out of _drafts\/ to publish it$/],
      ["_drafts/page.md", undefined, "warning", /move it out of _drafts\/ to publish it$/],
    ],
  },
  {
    name: "# in a name",
    files: { ...ok, "a#b.md": page("Hash") },
    expected: [["a#b.md", undefined, "error", /^cannot be published: its name has `#`, which starts the part of a URL a browser keeps to itself.*: rename it$/]],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "? in a name",
    files: { ...ok, "a?b.md": page("Query") },
    expected: [["a?b.md", undefined, "error", /^cannot be published: its name has `\?`, which starts a URL's query/]],
  },
  {
    name: "a tab in a name",
    files: { ...ok, "a\tb.md": page("Tab") },
    expected: [["a\tb.md", undefined, "error", /^cannot be published: its name has a tab or other control character/]],
  },
  {
    name: "a name that decodes to ..",
    files: { ...ok, "%2e%2e.md": page("Dots") },
    expected: [["%2e%2e.md", undefined, "error", /^cannot be published: its name has `%`, which starts an escape .*%2e%2e is `\.\.`/]],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "an escape in a name",
    files: { ...ok, "a%20b.md": page("Escape") },
    expected: [["a%20b.md", undefined, "error", /^cannot be published: its name has `%`/]],
  },
  {
    name: "a backslash, a trailing space and a folder with a trailing dot",
    files: { ...ok, "a\\b.md": page("Backslash"), "page .md": page("Space"), "notes./page.md": page("Dot") },
    expected: [
      ["a\\b.md", undefined, "error", /^cannot be published: its name has `\\`, which browsers read as `\/`/],
      ["notes.", undefined, "error", /^cannot be published: its name has a dot or space at the end/],
      ["page .md", undefined, "error", /^cannot be published: its name has a dot or space at the end/],
    ],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "spaces and capitals in a name: a warning with the kebab-case name, and the page builds",
    files: { ...ok, "My Page.md": page("My page") },
    expected: [["My Page.md", undefined, "warning", /^has spaces and capital letters in its name, so its URL needs escapes .*: rename it my-page\.md$/]],
    model: (model, dir) => {
      assert.deepEqual(urls(model), ["/My%20Page/", "/page/"]);
      const view = model.byUrl.get("/My%20Page/")!;
      assert.equal(outputPathForUrl(view.url), "/My Page/", "written to the folder as named");
      const file = shown(dir, "My Page.md").split(path.sep).map(encodeURIComponent).join("/");
      assert.equal(view.editUrl, `https://github.com/DEFRA/service-manual/edit/main/${file}`);
      assert.equal(new URL(view.editUrl!).href, view.editUrl, "the edit link is already well formed");
      assert.doesNotMatch(view.editUrl!, /\s/);
    },
  },
  {
    name: "an accent in a name",
    files: { ...ok, "café.md": page("Café") },
    expected: [["café.md", undefined, "warning", /^has letters outside a to z in its name.*: rename it cafe\.md$/]],
    model: (model) => assert.deepEqual(urls(model), ["/caf%C3%A9/", "/page/"]),
  },
  {
    name: "a folder with capitals is named once, with its kebab-case name",
    files: { "Ways Of Working/one.md": page("One"), "Ways Of Working/two.md": page("Two") },
    expected: [["Ways Of Working", undefined, "warning", /^has spaces and capital letters in its name.*: rename it ways-of-working$/]],
    model: (model) => assert.deepEqual(urls(model), ["/Ways%20Of%20Working/one/", "/Ways%20Of%20Working/two/"]),
  },
  {
    name: "two pages whose names differ only in case",
    files: { "Guide.md": page("Guide"), "guide.md": page("guide") },
    expected: [
      ["guide.md", undefined, "error", /^and .*Guide\.md have names that differ only in capital letters: macOS and Windows treat them as one name, so one would overwrite the other: rename one of them$/],
      ["Guide.md", undefined, "warning", /^has capital letters in its name/],
      ["Guide.md", undefined, "error", /^and .*guide\.md have names that differ only in capital letters/],
    ],
    model: (model) => assert.deepEqual(urls(model), []),
  },
  {
    name: "two folders whose names differ only in case: the folders are named, once",
    files: { "Guides/one.md": page("One"), "guides/two.md": page("Two"), "guides/three.md": page("Three") },
    expected: [
      ["guides", undefined, "error", /^and .*Guides have names that differ only in capital letters/],
      ["Guides", undefined, "warning", /^has capital letters in its name/],
      ["Guides", undefined, "error", /^and .*guides have names that differ only in capital letters/],
    ],
  },
  {
    name: "two pages whose names differ only in Unicode normalisation (NFC and NFD)",
    files: { "caf\u00e9.md": page("One"), "cafe\u0301.md": page("Two") },
    // Both sort as one name, so their messages keep the order they were found in.
    expected: [
      ["cafe\u0301.md", undefined, "warning", /^has letters outside a to z in its name/],
      ["caf\u00e9.md", undefined, "warning", /^has letters outside a to z in its name/],
      ["cafe\u0301.md", undefined, "error", /^and .*caf\u00e9\.md have names that differ only in how accents are encoded \(this name writes accents as separate characters after their letters, the other each accented letter as one character\)/],
      ["caf\u00e9.md", undefined, "error", /^and .*cafe\u0301\.md have names that differ only in how accents are encoded \(this name writes each accented letter as one character, the other accents as separate/],
    ],
    model: (model) => assert.deepEqual(urls(model), []),
  },
  {
    name: "a Markdown file in public/ is a file to download, never a page",
    files: { ...ok, "public/readme.md": page("Read me") },
    expected: [],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
  {
    name: "pages where the site writes its own files and pages",
    files: {
      ...ok,
      "assets/index.md": page("Assets"),
      "pagefind/x.md": page("Search index"),
      "pagefind-2/x.md": page("Second search index"),
      "public.md": page("Public"),
      "search.md": page("Search"),
      "404.md": page("Not found"),
      "sitemap.xml.md": page("Sitemap"),
      "Tags/x.md": page("Tag"),
    },
    expected: [
      ["404.md", undefined, "error", /^would be published at \/404\/, but \/404\.html is the site's page-not-found page, and a page at \/404\/ would not replace it: rename or move this file$/],
      ["assets/index.md", undefined, "error", /^would be published at \/assets\/, but \/assets\/ holds the site's stylesheets, scripts and images: rename or move this file$/],
      ["pagefind-2/x.md", undefined, "error", /^would be published at \/pagefind-2\/x\/, but \/pagefind\/ \(and \/pagefind-2\/, \/pagefind-3\/ …\) hold the site's search index/],
      ["pagefind/x.md", undefined, "error", /^would be published at \/pagefind\/x\/, but .* hold the site's search index/],
      ["public.md", undefined, "error", /^would be published at \/public\/, but \/public\/ holds the files in the content folder's public\//],
      ["search.md", undefined, "error", /^would be published at \/search\/, but \/search\/ is the site's search page: rename or move this file$/],
      ["sitemap.xml.md", undefined, "error", /^would be published at \/sitemap\.xml\/, but \/sitemap\.xml is the site's sitemap/],
      ["Tags", undefined, "warning", /^has capital letters in its name/],
      ["Tags/x.md", undefined, "error", /^would be published at \/Tags\/x\/, but \/tags\/ is where the site lists its tags/],
    ],
    model: (model) => assert.deepEqual(urls(model), ["/page/"]),
  },
];

/** A content folder for a case: its files, then its links. */
function caseDir(testCase: NameCase, prefix: string): string {
  const dir = makeContentDir(`${prefix}-${testCase.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`, testCase.files);
  for (const [link, target] of Object.entries(testCase.links ?? {})) {
    mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    symlinkSync(target, path.join(dir, link));
  }
  return dir;
}

// Read in-process, as `npm run check` and the build read them: a process per case would take minutes.
describe("file names and file types in the content folder", () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const dir = caseDir(testCase, "names");
      const { model, diagnostics } = await collectSiteModel(projectRoot, dir);
      const report = JSON.stringify(diagnostics, null, 2);
      assert.deepEqual(
        diagnostics.map((d) => [d.file, d.line, d.severity]),
        testCase.expected.map(([file, line, severity]) => [shown(dir, file), line, severity]),
        report,
      );
      testCase.expected.forEach(([, , , message], index) => assert.match(diagnostics[index].message, message, report));
      testCase.model?.(model, dir);
    });
  }
});

// What the two commands print and how they exit, worked out in this process as scripts/check.ts and
// scripts/build.ts do: bad-pages.test.ts runs the real check script and attacks.test.ts the real build script.
describe("what `npm run check` and the build print", () => {
  it("`npm run check` prints a refused template and an awkward name, and exits 1", async () => {
    const dir = caseDir({ name: "check", files: { ...CHECK_FIXTURE_DATA, ...ok, "layout.njk": "{{ x }}", "My Page.md": page("My page") }, expected: [] }, "names-e2e");
    const result = await checkContent(shown(dir, ""));
    const printed = printedDiagnostics(result.stdout).map((d) => [d.file, d.line, d.severity]);
    assert.deepEqual(printed, [[shown(dir, "layout.njk"), undefined, "error"], [shown(dir, "My Page.md"), undefined, "warning"]], result.stdout + result.stderr);
    assert.match(result.stdout, /layout\.njk: error: is a template:/);
    assert.match(result.stdout, /My Page\.md: warning: has spaces and capital letters .*: rename it my-page\.md/);
    assert.match(result.stdout, /Checked 3 pages: 1 error, 1 warning\./);
    assert.equal(result.code, 1);
  });

  it("the build stops on a symbolic link before writing anything, and leaves the last site as it was", async () => {
    const dir = caseDir({ name: "build", files: ok, links: { "public/passwd": "/etc/passwd" }, expected: [] }, "names-e2e");
    const output = path.join(testOutputDir, "content-model", "names-e2e-build-output");
    rmSync(output, { recursive: true, force: true });
    mkdirSync(output, { recursive: true });
    writeFileSync(path.join(output, "index.html"), "the last good site");
    const result = await buildInProcess({ CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: output });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /public\/passwd: error: is a symbolic link:/);
    assert.deepEqual(readdirSync(output, { recursive: true }), ["index.html"]);
    assert.equal(readFileSync(path.join(output, "index.html"), "utf8"), "the last good site");
  });
});
