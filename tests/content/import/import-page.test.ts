import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { formatDiagnostic } from "../../../lib/diagnostics.ts";
import { runImportCommand } from "../../../lib/content/import/import-command.ts";
import { importPage } from "../../../lib/content/import/import-page.ts";
import { loadContent, parsePage } from "../../../lib/content/load-content.ts";
import { createWikiLinkResolver } from "../../../lib/content/wiki-link-targets.ts";
import { readSettings } from "../../../lib/settings.ts";
import { projectRoot, seedsDir } from "../../helpers/built-site.ts";
import { CHECK_FIXTURE_DATA, checkContent } from "../../helpers/check-content.ts";
import { makeContentDir, printedDiagnostics, runScript, shown } from "../../helpers/content-dir.ts";

const FOREIGN: Record<string, string> = {
  "002_557da6279c5f44a7.txt": "playbooks/technology-procurement/organize-government-for-digital-services.md",
  "003_073764fe0072b80b.txt": "roles/service-owner.md",
  "004_18b31f2d11bb9ac1.txt": "related-reading/notes-on-the-service-owner-role.md",
};
const GOVERNANCE = "delivery-groups/follow-delivery-governance/governance-model.md";

const hash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const seed = (name: string) => path.relative(projectRoot, path.join(seedsDir, name));
const frontMatterOf = (file: string, bytes: Uint8Array) => parsePage(file, "/page/", bytes).page?.frontMatter;

/** Imports a file as scripts/import.ts does, in this process: wiki links resolve against the pages already in the content folder. */
async function importInto(contentDir: string, sourceFile: string) {
  const content = await loadContent(contentDir, projectRoot);
  const resolveWikiLink = createWikiLinkResolver(
    content.pages.map((page) => ({ url: page.url, title: page.frontMatter.title, aliases: page.frontMatter.aliases, file: page.file })),
  );
  const imported = importPage(path.relative(projectRoot, sourceFile), readFileSync(sourceFile), resolveWikiLink);
  assert.ok(imported.page, imported.diagnostics.map((diagnostic) => diagnostic.message).join("\n"));
  return imported.page;
}

/**
 * `npm run import` in this process, through the same function scripts/import.ts runs, for a content folder given
 * as CONTENT_DIR is: the CLI case below runs the real script once, so the two cannot drift apart.
 */
const importCommand = (args: string[], contentDir: string) =>
  runImportCommand(args, { projectRoot, settings: readSettings({ CONTENT_DIR: contentDir }) });

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe("npm run import", () => {
  it("turns each foreign seed into a page in the site's own dialect that checks with no warnings, leaving the seed untouched", async () => {
    const dir = makeContentDir("import-foreign", {
      ...CHECK_FIXTURE_DATA,
      // The section an imported page's breadcrumbs lead back to.
      "playbooks/technology-procurement/index.md": "---\ntitle: Technology procurement\n---\n\nThe section's pages.\n",
    });
    for (const [name, destination] of Object.entries(FOREIGN)) {
      const before = hash(path.join(seedsDir, name));
      const page = await importInto(dir, path.join(seedsDir, name));
      assert.ok(page.changes.length > 0, `${name} needed changes`);
      assert.equal(hash(path.join(seedsDir, name)), before, `${name} is unchanged`);
      write(path.join(dir, destination), page.text);
      assert.match(readFileSync(path.join(dir, destination), "utf8"), /^---\ntitle: /);
    }
    const check = await checkContent(shown(dir, ""));
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.deepEqual(printedDiagnostics(check.stdout), []);
  });

  it("says what it changed, with the original's lines", async () => {
    const dir = makeContentDir("import-report", {});
    const page = await importInto(dir, path.join(seedsDir, "003_073764fe0072b80b.txt"));
    const from = seed("003_073764fe0072b80b.txt");
    // scripts/import.ts prints each change with formatDiagnostic; the CLI case below reads it from the script itself.
    const said = page.changes.map(formatDiagnostic);
    for (const line of [
      `${from}:2: info: title: dropped the clipping id from the title, showing "Service owner"`,
      `${from}:12: info: author: left out, as it is not a field this site uses`,
      `${from}:17: info: left out the first heading, because it repeats the title`,
      `${from}:19: info: left out the hand-made "Contents" list`,
      `${from}:74: info: moved the page history at the foot of the page into front matter: published 2020-01-07, lastUpdated 2024-11-30, 4 change notes`,
    ]) {
      assert.ok(said.some((text) => text.includes(line)), `${line}\n---\n${said.join("\n")}`);
    }
    const text = new TextEncoder().encode(page.text);
    const frontMatter = frontMatterOf("service-owner.md", text)!;
    assert.equal(frontMatter.published?.toISOString().slice(0, 10), "2020-01-07");
    assert.deepEqual(frontMatter.changeHistory?.map((change) => change.note).at(-1), "First published.");
    assert.doesNotMatch(page.text, /^# |Published 7 January 2020|ddat-capability-framework\.service\.gov\.uk\/role\/#/m);
  });

  it("lifts the governance model's page history exactly as the site's copy has it", async () => {
    const dir = makeContentDir("import-governance", {});
    const imported = new TextEncoder().encode((await importInto(dir, path.join(seedsDir, "000_94e175ca8b55c2d4.txt"))).text);
    const copy = readFileSync(path.join(projectRoot, "content", GOVERNANCE));
    assert.deepEqual(frontMatterOf("governance-model.md", imported), frontMatterOf(GOVERNANCE, copy));
    const body = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8").split(/^---$/m).slice(2).join("---").trim();
    assert.equal(body(imported), body(copy));
  });

  it("turns wiki links into links to pages that exist, and names its default file after the title", async () => {
    const dir = makeContentDir("import-wiki", { "roles/service-owner.md": "---\ntitle: Service owner\naliases: [SO]\n---\n" });
    const source = path.join(dir, "..", "import-wiki-source.md");
    writeFileSync(source, "---\ntitle: Working with [[SO]]\nlayout: post\ndate: 2024-05-01\n---\n\nAsk the [[Service owner|service owner]] or [[Nobody]]; `[[code]]` stays.\n");
    const page = await importInto(dir, source);
    assert.equal(page.suggestedName, "working-with-so.md");
    assert.match(page.text, /^title: Working with SO$/m);
    assert.match(page.text, /^published: 2024-05-01$/m);
    assert.match(page.text, /Ask the \[service owner\]\(\/roles\/service-owner\/\) or Nobody; `\[\[code\]\]` stays\./);
    assert.ok(
      page.changes.some((change) => /turned the wiki link \[\[Nobody\]\] into plain text: no page has the title, alias or file name "Nobody"/.test(change.message)),
      page.changes.map((change) => change.message).join("\n"),
    );
  });

  it("turns Obsidian embeds and other tools' tags into the site's Markdown, saying what changed at each line", () => {
    const resolveWikiLink = createWikiLinkResolver(
      [
        { url: "/about/", title: "About us", file: "content/about.md" },
        { url: "/news/launch/", title: "Launch", file: "content/news/launch.md" },
      ],
      { contentFolder: "content", paths: ["guides/diagram.png", "leaflet.pdf"] },
    );
    const source = [
      "---",
      "title: Pasted",
      "---",
      "",
      "Welcome to {{ site.title }}.",
      "",
      "![[diagram.png|The steps|300]] and ![[leaflet.pdf]] and ![[About us]] and ![[gone.png|Gone]]",
      "",
      'See [about]({{< ref "about.md" >}}), {% post_url 2024-01-02-launch %} and {% include x.html %}.',
      "",
      "{{ govukDetails({",
      '  summaryText: "Help with nationality",',
      '  text: "We need to know your nationality."',
      "}) }}",
      "",
      "`{{ page.title }}` stays.",
      "",
    ].join("\n");
    const { page } = importPage("pasted.md", new TextEncoder().encode(source), (link) => resolveWikiLink({ ...link, from: "content/guides/pasted.md" }), {
      siteName: "The manual",
    });
    assert.ok(page);
    assert.equal(
      page.text,
      [
        "---",
        "title: Pasted",
        "---",
        "",
        "Welcome to The manual.",
        "",
        "![The steps](/public/guides/diagram.png) and [leaflet.pdf](/public/leaflet.pdf) and [About us](/about/) and ![[gone.png|Gone]]",
        "",
        "See [about](/about/), [Launch](/news/launch/) and {% include x.html %}.",
        "",
        "::: details Help with nationality",
        "We need to know your nationality.",
        ":::",
        "",
        "`{{ page.title }}` stays.",
        "",
      ].join("\n"),
    );
    assert.deepEqual(
      page.changes.map((change) => `${change.line} ${change.severity}: ${change.message}`),
      [
        '5 info: turned the template variable `{{ site.title }}` into the site\'s name from site.json, "The manual"',
        "7 info: turned the embed ![[diagram.png|The steps|300]] into the image ![The steps](/public/guides/diagram.png), leaving out its size 300: Markdown images have none, so it is shown at its own width, up to the text column's",
        "7 info: turned the embed ![[leaflet.pdf]] into a link to the file, [leaflet.pdf](/public/leaflet.pdf)",
        "7 warning: turned the embed ![[About us]] into a link to the page, [About us](/about/): one page's text is never shown inside another here, so copy in what this page needs",
        '7 warning: left the embed ![[gone.png|Gone]] as written, which the build refuses: no file in content/public/ is called "gone.png": files beside a page are not published, so put it in content/public/guides/, which mirrors the page\'s folder, or write its path inside public/',
        '9 info: turned the Hugo shortcode `{{< ref "about.md" >}}` into the page\'s address, /about/',
        "9 info: turned the Jekyll tag `{% post_url 2024-01-02-launch %}` into the link [Launch](/news/launch/)",
        "9 warning: left the Jekyll tag `{% include x.html %}`: pages are data, never run as templates, so it is shown as written; instead, copy the text it would include into the page",
        "11 info: turned the Nunjucks macro call `govukDetails(…)` into a `::: details` container",
      ],
    );
  });

  it("reads a Hugo or Jekyll slug against the page's new address, keeping the old address as a redirect", () => {
    const source = "---\ntitle: Pruning\nslug: cutting-back\n---\n\nText.\n";
    const { page } = importPage("pasted.md", new TextEncoder().encode(source), undefined, { url: "/guides/pruning/" });
    assert.ok(page);
    assert.match(page.text, /^redirectFrom:\n {2}- \/guides\/cutting-back\/$/m);
    assert.doesNotMatch(page.text, /slug/);
  });

  it("rewrites Hugo's TOML front matter as YAML", async () => {
    const dir = makeContentDir("import-hugo", {});
    const source = path.join(dir, "..", "import-hugo-source.md");
    writeFileSync(source, '+++\ntitle = "From Hugo"\ndate = 2024-03-01\ntags = ["hugo", "import"]\n+++\n\nText.\n');
    const page = await importInto(dir, source);
    assert.equal(page.text, "---\ntitle: From Hugo\npublished: 2024-03-01\ntags:\n  - hugo\n  - import\n---\n\nText.\n");
  });

  // What the command itself decides (where to write, what it refuses, what it prints) goes through its own code.
  it("from the command line: imports to the title's file name by default, refuses to replace a page without --force, never writes over the file it reads, and writes nothing when the page cannot be built", async () => {
    const dir = makeContentDir("import-refuse", { "roles/service-owner.md": "---\ntitle: Already here\n---\n" });
    const env = { CONTENT_DIR: shown(dir, "") };
    const target = shown(dir, "roles/service-owner.md");
    const named = path.join(dir, "..", "import-refuse-named.md");
    writeFileSync(named, "---\ntitle: Named after its title\n---\n\nText.\n");
    const broken = path.join(dir, "..", "import-refuse-broken.md");
    writeFileSync(broken, "---\ntitle: Broken\norder: first\n---\n\nText.\n");

    // None of these writes over roles/service-owner.md, so they can run side by side.
    const [refused, same, outside, brokenRun] = await Promise.all([
      importCommand([seed("003_073764fe0072b80b.txt"), "--to", target], env.CONTENT_DIR),
      importCommand([target, "--to", target, "--force"], env.CONTENT_DIR),
      importCommand([seed("003_073764fe0072b80b.txt"), "--to", "elsewhere/page.md"], env.CONTENT_DIR),
      importCommand([path.relative(projectRoot, broken), "--to", shown(dir, "broken.md")], env.CONTENT_DIR),
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists: give --force to replace it/);
    assert.equal(readFileSync(path.join(dir, "roles/service-owner.md"), "utf8"), "---\ntitle: Already here\n---\n");
    assert.equal(same.code, 1);
    assert.match(same.stderr, /is the file being imported/);
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /pages go inside/);
    assert.equal(brokenRun.code, 1);
    assert.match(brokenRun.stdout, /broken\.md:3: error: order: /);
    assert.ok(!existsSync(path.join(dir, "broken.md")));

    // The one run of the real script: its exit code and what it prints, as an editor sees them.
    const [forced, byTitle] = await Promise.all([
      runScript("import.ts", [seed("003_073764fe0072b80b.txt"), "--to", target, "--force"], env),
      importCommand([path.relative(projectRoot, named)], env.CONTENT_DIR),
    ]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /What changed:/);
    assert.ok(forced.stdout.includes(`  ${seed("003_073764fe0072b80b.txt")}:17: info: left out the first heading, because it repeats the title`), forced.stdout);
    assert.match(readFileSync(path.join(dir, "roles/service-owner.md"), "utf8"), /^title: Service owner$/m);
    assert.equal(byTitle.code, 0, byTitle.stdout + byTitle.stderr);
    assert.match(readFileSync(path.join(dir, "named-after-its-title.md"), "utf8"), /^title: Named after its title$/m);
  });
});
