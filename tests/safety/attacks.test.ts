import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { buildInProcess, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, printedDiagnostics, runScript, shown, type ScriptRun } from "../helpers/content-dir.ts";

/**
 * What someone with write access to content/ only (a content pull request, an editor's tool) might
 * try. Each case is built over a last good site, and must fail with a message naming the file, run
 * none of its code and leave the last good site exactly as it was. The cases build in this process
 * (buildSite, which scripts/build.ts runs); the first also runs `npm run build` itself, for its exit code.
 */

const PROOFS = path.join(testOutputDir, "attack-proofs");

/** A file that, if any of it ever runs as code, writes a proof file the test then finds. */
const proof = (name: string) => path.join(PROOFS, name);
const nodeWritesProof = (name: string) => `require("node:fs").writeFileSync(${JSON.stringify(proof(name))}, "ran");\n`;

/** A link in the content folder, to a path given relative to the content folder or absolute. */
interface Link {
  symlinkTo: string;
}
type ContentFile = string | Uint8Array | Link;

/** [file in the content folder, line (undefined when the message has none), what the message must say]. */
type Expected = [string, number | undefined, RegExp];

interface AttackCase {
  name: string;
  files: Record<string, ContentFile>;
  errors: Expected[];
  /** Proof files the case's code would write if it ran. */
  proofs?: string[];
}

const page = (frontMatter: string, body = "Some text.\n") => `---\n${frontMatter}\n---\n\n${body}`;
const withBody = (body: string) => page("title: A page", body);
const DEEP = 10_000;

const CASES: AttackCase[] = [
  // Code in content/ must never run.
  {
    name: "an Eleventy JavaScript template",
    files: {
      "index.md": page("title: Home"),
      "x/run.11ty.js": `${nodeWritesProof("run-11ty-js")}module.exports = () => "hi";\n`,
    },
    errors: [["x/run.11ty.js", undefined, /is a script/]],
    proofs: ["run-11ty-js"],
  },
  {
    name: "a Nunjucks template aimed at the site's own script",
    files: {
      "index.md": page("title: Home"),
      "x/evil.njk": "---\npermalink: /assets/js/application.js\n---\nalert(document.domain)\n",
    },
    errors: [["x/evil.njk", undefined, /is a template/]],
  },
  {
    name: "a Nunjucks template with no permalink",
    files: { "index.md": page("title: Home"), "x/calc.njk": "{{ 7*7 }}\n" },
    errors: [["x/calc.njk", undefined, /is a template/]],
  },
  {
    name: "a JavaScript data file",
    files: {
      "index.md": page("title: Home"),
      "_data/evil.js": `${nodeWritesProof("data-js")}module.exports = { a: 1 };\n`,
    },
    errors: [["_data/evil.js", undefined, /is a script/]],
    proofs: ["data-js"],
  },
  {
    name: "an Eleventy CommonJS template",
    files: {
      "index.md": page("title: Home"),
      "run.11ty.cjs": `${nodeWritesProof("run-11ty-cjs")}module.exports = () => "hi";\n`,
    },
    errors: [["run.11ty.cjs", undefined, /is a script/]],
    proofs: ["run-11ty-cjs"],
  },
  {
    name: "an ES module beside the pages",
    files: {
      "index.md": page("title: Home"),
      "guides/setup.mjs": `import fs from "node:fs"; fs.writeFileSync(${JSON.stringify(proof("mjs"))}, "ran");\n`,
    },
    errors: [["guides/setup.mjs", undefined, /is a script/]],
    proofs: ["mjs"],
  },
  {
    name: "a JavaScript file in a folder the pages skip",
    files: {
      "index.md": page("title: Home"),
      "_drafts/run.11ty.js": `${nodeWritesProof("drafts-11ty-js")}module.exports = () => "hi";\n`,
    },
    errors: [["_drafts/run.11ty.js", undefined, /is a script/]],
    proofs: ["drafts-11ty-js"],
  },
  {
    name: "a Liquid template",
    files: { "index.md": page("title: Home"), "page.liquid": "{{ 'now' | date: '%Y' }}\n" },
    errors: [["page.liquid", undefined, /is a template/]],
  },
  {
    name: "an HTML page outside public/",
    files: {
      "index.md": page("title: Home"),
      "landing.html": "<!doctype html><title>x</title><script>alert(1)</script>\n",
    },
    errors: [["landing.html", undefined, /is an HTML file/]],
  },
  {
    name: "a WebC component",
    files: { "index.md": page("title: Home"), "card.webc": "<script webc:setup>process.exit(3)</script>\n" },
    errors: [["card.webc", undefined, /is a template/]],
  },
  {
    name: "a JavaScript data file beside a folder's pages",
    files: {
      "guides/one.md": page("title: One"),
      "guides/guides.11tydata.js": `${nodeWritesProof("dir-data-js")}module.exports = {};\n`,
    },
    errors: [["guides/guides.11tydata.js", undefined, /is a script/]],
    proofs: ["dir-data-js"],
  },

  // Links must not publish the build machine's files.
  {
    name: "a public file linked to the machine's password file",
    files: { "index.md": page("title: Home"), "public/passwd": { symlinkTo: "/etc/passwd" } },
    errors: [["public/passwd", undefined, /link/]],
  },
  {
    name: "a public folder linked to the machine's /etc",
    files: { "index.md": page("title: Home"), "public/etc": { symlinkTo: "/etc" } },
    errors: [["public/etc", undefined, /link/]],
  },
  {
    name: "a page that is a link to a file outside content/",
    files: { "index.md": page("title: Home"), "hosts.md": { symlinkTo: "/etc/hosts" } },
    errors: [["hosts.md", undefined, /link/]],
  },
  {
    name: "a section folder that is a link",
    files: { "index.md": page("title: Home"), "real/one.md": page("title: One"), copy: { symlinkTo: "real" } },
    errors: [["copy", undefined, /link/]],
  },

  {
    name: "an SVG image that runs a script when opened on its own",
    files: {
      "index.md": page("title: Home"),
      "public/logo.svg":
        '<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="4"/>\n<script>fetch("/").then(alert)</script>\n</svg>\n',
    },
    errors: [["public/logo.svg", 3, /script/]],
  },
  {
    name: "an SVG image with an event handler",
    files: {
      "index.md": page("title: Home"),
      "public/chart.svg":
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="4" height="4"/></svg>\n',
    },
    errors: [["public/chart.svg", 1, /onload/]],
  },
  {
    name: "an XHTML document in public/",
    files: {
      "index.md": page("title: Home"),
      "public/report.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>\n',
    },
    errors: [["public/report.xhtml", undefined, /is an HTML file/]],
  },
  {
    name: "an HTML file in public/",
    files: {
      "index.md": page("title: Home"),
      "public/form.html": "<!doctype html><title>Form</title><script>alert(1)</script>\n",
    },
    errors: [["public/form.html", undefined, /is an HTML file/]],
  },
  {
    name: "a script in public/, which the site's policy would trust",
    files: { "index.md": page("title: Home"), "public/widget.js": "alert(document.cookie)\n" },
    errors: [["public/widget.js", undefined, /is a script/]],
  },

  // Author HTML judged as the browser builds it.
  {
    name: "an image that breaks out of <noscript> through an attribute",
    files: {
      "page.md": withBody('Intro.\n\n<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>\n'),
    },
    errors: [["page.md", 7, /onerror/]],
  },
  {
    name: "SVG animation that sets a link to javascript:",
    files: {
      "page.md": withBody(
        'Intro.\n\n<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text x="20" y="20">Click</text></a></svg>\n',
      ),
    },
    errors: [["page.md", 7, /javascript:/]],
  },
  {
    name: "SVG <set> that sets a link to javascript:",
    files: {
      "page.md": withBody(
        'Intro.\n\n<svg><a><set attributeName="href" to="javascript:alert(1)"/><text x="20" y="20">Click</text></a></svg>\n',
      ),
    },
    errors: [["page.md", 7, /javascript:/]],
  },
  {
    name: "SVG <set> aimed at xlink:href",
    files: {
      "page.md": withBody(
        'Intro.\n\n<svg><a xlink:href="#"><set attributeName="xlink:href" to="javascript:alert(1)"/><text y="20">Go</text></a></svg>\n',
      ),
    },
    errors: [["page.md", 7, /javascript:/]],
  },
  {
    name: "an event handler hidden after a comment that the browser ends early",
    files: { "page.md": withBody("Intro.\n\n<!--><img src=x onerror=alert(1)>-->\n") },
    errors: [["page.md", 7, /onerror/]],
  },
  {
    name: "a javascript: link with an entity in its scheme",
    files: { "page.md": withBody('Intro.\n\n<a href="jav&#x61;script:alert(1)">Click</a>\n') },
    errors: [["page.md", 7, /javascript:/]],
  },
  {
    name: "a javascript: link behind leading spaces",
    files: { "page.md": withBody('Intro.\n\n<p><a href="  javascript:alert(1)">Click</a></p>\n') },
    errors: [["page.md", 7, /javascript:/]],
  },
  {
    name: "a form button that submits to javascript:",
    files: { "page.md": withBody('Intro.\n\n<form><button formaction="javascript:alert(1)">Go</button></form>\n') },
    errors: [["page.md", 7, /javascript:/]],
  },
  {
    name: "an inline frame with its own document",
    files: { "page.md": withBody('Intro.\n\n<iframe srcdoc="<script>alert(1)</script>"></iframe>\n') },
    errors: [["page.md", 7, /iframe/]],
  },
  {
    name: "a MathML link to javascript:",
    files: { "page.md": withBody('Intro.\n\n<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>\n') },
    errors: [["page.md", 7, /javascript:/]],
  },
  {
    name: "a Markdown link to javascript:",
    files: { "page.md": withBody("Intro.\n\n[Click me](javascript:alert(1))\n") },
    errors: [["page.md", 7, /javascript:/]],
  },
  {
    name: "a script in a support box's HTML",
    files: {
      "page.md": page(
        "title: A page\nsupportBox:\n  title: Help\n  description: \"<img src=x alt='' onerror=alert(1)>\"",
      ),
    },
    errors: [["page.md", 5, /onerror/]],
  },

  // Links in front matter and site data stay on the site or go to the web.
  {
    name: "a breadcrumb that browsers open as another site",
    files: { "page.md": page("title: A page\nbreadcrumbs:\n  - text: Home\n    href: /\\evil.example/") },
    errors: [["page.md", 5, /./]],
  },
  {
    name: "a breadcrumb to a protocol-relative address",
    files: { "page.md": page("title: A page\nbreadcrumbs:\n  - text: Home\n    href: //evil.example/") },
    errors: [["page.md", 5, /./]],
  },
  {
    name: "a breadcrumb to javascript: with a tab in its scheme",
    files: { "page.md": page('title: A page\nbreadcrumbs:\n  - text: Home\n    href: "java\\tscript:alert(1)"') },
    errors: [["page.md", 5, /./]],
  },
  {
    name: "a main navigation link to javascript: in site data",
    files: {
      "index.md": page("title: Home"),
      "_data/site.json": `{\n  "organisationName": "Defra",\n  "serviceName": "Manual",\n  "url": "https://example.org",\n  "navigation": [\n    { "text": "Home", "href": "javascript:alert(1)" }\n  ]\n}\n`,
    },
    errors: [["_data/site.json", 6, /./]],
  },
  {
    name: "a redirect that climbs out of the site folder",
    files: { "page.md": page("title: A page\nredirectFrom:\n  - /../../../../tmp/escaped/") },
    errors: [["page.md", 4, /./]],
  },

  // Files written from content never land where the site writes its own.
  {
    name: "a redirect onto the home page's own file",
    files: { "index.md": page("title: Home"), "page.md": page("title: A page\nredirectFrom:\n  - /index.html") },
    errors: [["page.md", 4, /./]],
  },
  {
    name: "a redirect onto the site's script",
    files: { "page.md": page("title: A page\nredirectFrom:\n  - /assets/js/application.js") },
    errors: [["page.md", 4, /./]],
  },
  {
    name: "a redirect onto the search page",
    files: { "page.md": page("title: A page\nredirectFrom:\n  - /search/") },
    errors: [["page.md", 4, /./]],
  },
  {
    name: "a page in the site's assets folder",
    files: { "index.md": page("title: Home"), "assets/index.md": page("title: Assets") },
    errors: [["assets/index.md", undefined, /./]],
  },
  {
    name: "a page in the search index's folder",
    files: { "index.md": page("title: Home"), "pagefind/entry.md": page("title: Entry") },
    errors: [["pagefind/entry.md", undefined, /./]],
  },
  {
    name: "a page at the search page's address",
    files: { "index.md": page("title: Home"), "search.md": page("title: Search") },
    errors: [["search.md", undefined, /./]],
  },

  // Names that give a page no address anyone can reach.
  {
    name: "a file name with #",
    files: { "index.md": page("title: Home"), "a#b.md": page("title: A and B") },
    errors: [["a#b.md", undefined, /#/]],
  },
  {
    name: "a file name with ?",
    files: { "index.md": page("title: Home"), "why?.md": page("title: Why") },
    errors: [["why?.md", undefined, /\?/]],
  },
  {
    name: "a file name with a tab",
    files: { "index.md": page("title: Home"), "tab\there.md": page("title: Tab") },
    errors: [["tab\there.md", undefined, /./]],
  },
  {
    name: "a file name that decodes to ..",
    files: { "index.md": page("title: Home"), "%2e%2e.md": page("title: Dots") },
    errors: [["%2e%2e.md", undefined, /./]],
  },
  {
    name: "two file names that differ only in case",
    files: {
      "index.md": page("title: Home"),
      "Guide.md": page("title: Guide one"),
      "guide.md": page("title: Guide two"),
    },
    errors: [["Guide.md", undefined, /guide\.md/]],
  },

  // Inputs that used to end in a stack trace or a hang.
  {
    name: "site data that is not valid JSON",
    files: {
      "index.md": page("title: Home"),
      "_data/site.json":
        '{\n  "organisationName": "Defra",\n  "serviceName": "Manual"\n  "url": "https://example.org"\n}\n',
    },
    errors: [["_data/site.json", 4, /./]],
  },
  {
    name: "a YAML alias bomb",
    files: {
      // Nine levels of nine aliases each: 387 million strings once expanded.
      "page.md": page(
        `title: A page\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 8 }, (_, level) => `l${level + 1}: &l${level + 1} [${Array(9).fill(`*l${level}`).join(", ")}]`).join("\n")}`,
      ),
    },
    errors: [["page.md", undefined, /alias/]],
  },
  {
    name: "front matter nested 10,000 deep",
    files: { "page.md": page(`title: A page\ncaption: ${"[".repeat(DEEP)}${"]".repeat(DEEP)}`) },
    errors: [["page.md", 3, /nested/]],
  },
  {
    name: "site data nested 10,000 deep",
    files: {
      "index.md": page("title: Home"),
      "_data/site.json": `{"organisationName": "Defra", "serviceName": "Manual", "url": "https://example.org", "x": ${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`,
    },
    errors: [["_data/site.json", 1, /nested/]],
  },

  // Images must say what they show.
  {
    name: "a Markdown image with no alt text",
    files: { "page.md": withBody("Intro.\n\n![](/public/chart.png)\n") },
    errors: [["page.md", 7, /alt/]],
  },
];

/** A small tree standing for the last good site, and a hash of every file and link in it. */
function lastGoodSite(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "assets", "js"), { recursive: true });
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>Last good</title>\n");
  writeFileSync(path.join(dir, "assets", "js", "application.js"), "// the site's own script\n");
}

function treeHash(dir: string): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const file = path.join(dir, name);
    const stat = lstatSync(file);
    hash.update(
      `${name}\0${stat.isSymbolicLink() ? "link" : stat.isDirectory() ? "dir" : readFileSync(file).toString("base64")}\0`,
    );
  }
  return hash.digest("hex");
}

function writeCase(name: string, files: Record<string, ContentFile>): string {
  const plain = Object.fromEntries(
    Object.entries(files).filter(
      (entry): entry is [string, string | Uint8Array] => typeof entry[1] === "string" || entry[1] instanceof Uint8Array,
    ),
  );
  const dir = makeContentDir(name, plain);
  for (const [file, contents] of Object.entries(files)) {
    if (typeof contents === "string" || contents instanceof Uint8Array) continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    symlinkSync(contents.symlinkTo, path.join(dir, file));
  }
  return dir;
}

describe("attacks through content/: the build refuses each, names the file, runs nothing and keeps the last good site", () => {
  rmSync(PROOFS, { recursive: true, force: true });
  mkdirSync(PROOFS, { recursive: true });
  // Every case builds over the same last good site, one after another: each must leave it byte for byte as
  // first written, and one that did not puts it back, so the cases after it still start from it.
  const outputDir = path.join(testOutputDir, "attack-sites", "last-good");
  lastGoodSite(outputDir);
  const before = treeHash(outputDir);
  const runs = new Map(
    CASES.map((attack, index) => {
      const slug = `attack-${index}-${attack.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
      return [attack, { contentDir: writeCase(slug, attack.files) }];
    }),
  );
  const check = (attack: AttackCase, result: ScriptRun) => {
    const { contentDir } = runs.get(attack)!;
    const after = treeHash(outputDir);
    if (after !== before) lastGoodSite(outputDir);
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 1, output);
    const printed = printedDiagnostics(output).filter((diagnostic) => diagnostic.severity === "error");
    for (const [file, line, message] of attack.errors) {
      const named = printed.filter((diagnostic) => diagnostic.file === shown(contentDir, file));
      assert.ok(named.length, `an error names ${file}:\n${output}`);
      if (line !== undefined)
        assert.ok(
          named.some((diagnostic) => diagnostic.line === line),
          `an error names ${file} at line ${line}:\n${output}`,
        );
      assert.ok(
        named.some((diagnostic) => message.test(diagnostic.message)),
        `an error about ${file} says ${message}:\n${output}`,
      );
    }
    assert.doesNotMatch(output, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
    for (const name of attack.proofs ?? []) assert.equal(existsSync(proof(name)), false, `${name} ran`);
    assert.equal(after, before, "the last good site is unchanged");
  };

  for (const attack of CASES) {
    it(attack.name, async () => {
      const { contentDir } = runs.get(attack)!;
      check(attack, await buildInProcess({ CONTENT_DIR: shown(contentDir, ""), OUTPUT_DIR: outputDir }));
    });
  }

  it(`npm run build exits 1 and says the same for ${CASES[0].name}`, async () => {
    const { contentDir } = runs.get(CASES[0])!;
    check(CASES[0], await runScript("build.ts", [], { CONTENT_DIR: shown(contentDir, ""), OUTPUT_DIR: outputDir }));
  });
});
