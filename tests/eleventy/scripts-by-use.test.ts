import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { load } from "cheerio";
import { FIRST_VIEW_PAGES } from "../../bench/first-view.ts";
import { processTree } from "../../bench/measure.ts";
import { entrySource, pageScript, scriptsFor, withPageScript } from "../../lib/eleventy/scripts-by-use.ts";
import { buildInProcess, projectRoot, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

const used = (html: string) => scriptsFor(html, projectRoot);

describe("the scripts a page uses, from its HTML", () => {
  it("finds GOV.UK Frontend components by data-module, in GOV.UK Frontend's order", () => {
    assert.deepEqual(
      used(
        '<div class="govuk-tabs" data-module="govuk-tabs"></div><a data-module="govuk-skip-link" href="#main">Skip</a>',
      ),
      { govuk: ["SkipLink", "Tabs"], site: [] },
    );
    assert.deepEqual(used('<div data-module="govuk-accordion" id="a"></div>').govuk, ["Accordion"]);
  });

  it("ignores modules GOV.UK Frontend has no script for, and markup shown as code", () => {
    assert.deepEqual(used('<div data-module="govuk-made-up"></div>'), { govuk: [], site: [] });
    assert.deepEqual(
      used(
        '<pre class="app-code"><code>&lt;div data-module="govuk-tabs" data-pattern-finder&gt;</code></pre><p>data-module="govuk-accordion"</p>',
      ),
      { govuk: [], site: [] },
    );
  });

  it("finds the site's own scripts: header search, pattern finders and code blocks' copy buttons", () => {
    assert.deepEqual(
      used(
        '<form action="/a-to-z/" data-app-site-search></form><div data-pattern-finder hidden></div><pre class="app-code-block" tabindex="0"></pre>',
      ).site,
      ["site-search", "pattern-finder", "copy-code"],
    );
  });

  it("puts the search page's results and the tools table's filter in their pages' one script", () => {
    assert.deepEqual(
      used('<form data-app-site-search></form><div class="app-search-results" data-app-search-results></div>').site,
      ["site-search", "search-page"],
    );
    assert.deepEqual(used('<div class="app-tools-radar-filter" data-tools-radar-filter hidden></div>').site, [
      "tools-radar",
    ]);
    assert.deepEqual(used("<p>The data-app-search-results attribute marks the results.</p>").site, []);
  });

  it("writes an entry that imports and starts only those", () => {
    assert.equal(
      entrySource({ govuk: ["Accordion", "SkipLink"], site: ["copy-code"] }),
      'import { createAll, Accordion, SkipLink } from "govuk-frontend";\n' +
        'import { initCopyCode } from "./assets/js/copy-code.js";\n' +
        "createAll(Accordion);\ncreateAll(SkipLink);\ninitCopyCode();\n",
    );
  });

  it("swaps base.njk's script for the page's own, under any prefix, and leaves it out when the page uses nothing", async () => {
    const placeholder = '<script type="module" src="/manual/assets/js/application.js"></script>';
    const made: string[] = [];
    const page = await withPageScript(
      `<body><a data-module="govuk-skip-link" href="#m">Skip</a>${placeholder}</body>`,
      projectRoot,
      (script) => made.push(script.fileName),
    );
    assert.match(made[0], /^application-[0-9a-f]{10}\.js$/);
    assert.equal(
      page,
      `<body><a data-module="govuk-skip-link" href="#m">Skip</a><script type="module" src="/manual/assets/js/${made[0]}"></script></body>`,
    );
    assert.equal(
      await withPageScript(`<body><p>Text</p>${placeholder}</body>`, projectRoot, () => {}),
      "<body><p>Text</p></body>",
    );
    assert.equal(await withPageScript("<p>No layout</p>", projectRoot, () => {}), "<p>No layout</p>");
  });
});

describe("a built site's scripts", () => {
  const dir = path.join(testOutputDir, "scripts-by-use");
  const scriptOf = (url: string) => {
    const $ = load(readFileSync(path.join(dir, url, "index.html"), "utf8"));
    const scripts = $('script[type="module"]').toArray();
    assert.equal(scripts.length, 1, `${url} has one module script`);
    const src = $(scripts[0]).attr("src")!;
    assert.match(src, /^\/assets\/js\/application-[0-9a-f]{10}\.js$/);
    return readFileSync(path.join(dir, src), "utf8");
  };
  before(async () => {
    const files = Object.fromEntries(Object.values(FIRST_VIEW_PAGES).map((page) => [page.file, page.source]));
    const result = await buildInProcess({ CONTENT_DIR: makeContentDir("scripts-by-use", files), OUTPUT_DIR: dir });
    assert.equal(result.code, 0, result.stderr);
  });

  it("starts only the chrome's components on a page without any, and GOV.UK Frontend is not sent whole", () => {
    const script = scriptOf(FIRST_VIEW_PAGES.plain.url);
    for (const module of ["govuk-skip-link", "govuk-service-navigation"])
      assert.ok(script.includes(`"${module}"`), module);
    for (const module of ["govuk-accordion", "govuk-tabs", "govuk-character-count", "govuk-exit-this-page"])
      assert.ok(!script.includes(`"${module}"`), `${module} is left out`);
    assert.ok(!script.includes("Copy code"), "no copy button script without code blocks");
    assert.equal(existsSync(path.join(dir, "assets/js/govuk-frontend.min.js")), false);
    assert.equal(existsSync(path.join(dir, "assets/js/application.js")), false);
  });

  it("starts the accordion, tabs and copy buttons where a page has them, in one self-contained script", () => {
    const script = scriptOf(FIRST_VIEW_PAGES.components.url);
    for (const module of ["govuk-skip-link", "govuk-service-navigation", "govuk-accordion", "govuk-tabs"])
      assert.ok(script.includes(`"${module}"`), module);
    assert.ok(script.includes("Copy code"));
    // Only a script loaded later, from beside the page's own (import.meta.url), which any prefix leaves right.
    assert.ok(
      !/\bimport\s*[{"*]|\bimport\((?!new URL\("[a-z-]+\.js",import\.meta\.url\))/.test(script),
      "imports nothing, so it resolves under any prefix",
    );
  });

  it("writes one file per set of scripts, and every one a page names exists", () => {
    const written = readdirSync(path.join(dir, "assets/js")).filter((file) => /^application-/.test(file));
    // The plain pages, the page with components, and the search page, whose filters are GOV.UK checkboxes.
    assert.equal(written.length, 3);
  });
});

/** The names of the processes this process started, and theirs, from /proc (Linux, as CI runs). */
async function processesBelowThisOne(): Promise<string[]> {
  const below = (await processTree(process.pid)).slice(1);
  const names = await Promise.all(below.map((pid) => readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")));
  return names.map((name) => name.trim()).filter(Boolean);
}

describe("making a page script", { skip: process.platform !== "linux" && "reads /proc" }, () => {
  it("leaves no esbuild process running beside the rest of the build once the script is made", async () => {
    // A project of its own, so the script is not found in the repository's kept scripts and is bundled.
    const root = await mkdtemp(path.join(tmpdir(), "service-manual-page-script-"));
    try {
      await mkdir(path.join(root, "node_modules"));
      for (const name of ["govuk-frontend", "esbuild"])
        await symlink(path.join(projectRoot, "node_modules", name), path.join(root, "node_modules", name));
      await cp(path.join(projectRoot, "assets", "js"), path.join(root, "assets", "js"), { recursive: true });
      const [one, two] = await Promise.all([
        pageScript({ govuk: ["Button"], site: [] }, root),
        pageScript({ govuk: ["Button"], site: ["site-search"] }, root),
      ]);
      assert.match(one.code, /govuk-button/i);
      assert.notEqual(one.fileName, two.fileName);
      assert.ok(!(await processesBelowThisOne()).includes("esbuild"), "esbuild's service is still running");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
