import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parsePage } from "../../../lib/content/load-content.ts";
import { projectRoot, seedsDir } from "../../helpers/built-site.ts";
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

describe("npm run import", () => {
  it("turns each foreign seed into a page in the site's own dialect that checks with no warnings, leaving the seed untouched", async () => {
    const dir = makeContentDir("import-foreign", {});
    const env = { CONTENT_DIR: shown(dir, "") };
    for (const [name, destination] of Object.entries(FOREIGN)) {
      const before = hash(path.join(seedsDir, name));
      const result = await runScript("import.ts", [seed(name), "--to", shown(dir, destination)], env);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /What changed:/);
      assert.equal(hash(path.join(seedsDir, name)), before, `${name} is unchanged`);
      assert.match(readFileSync(path.join(dir, destination), "utf8"), /^---\ntitle: /);
    }
    const check = await runScript("check.ts", [], env);
    assert.equal(check.code, 0, check.stdout);
    assert.deepEqual(printedDiagnostics(check.stdout), []);
  });

  it("says what it changed, with the original's lines", async () => {
    const dir = makeContentDir("import-report", {});
    const result = await runScript("import.ts", [seed("003_073764fe0072b80b.txt"), "--to", shown(dir, "service-owner.md")], { CONTENT_DIR: shown(dir, "") });
    const from = seed("003_073764fe0072b80b.txt");
    for (const line of [
      `${from}:2: title: dropped the clipping id from the title, showing "Service owner"`,
      `${from}:12: author: left out, as it is not a field this site uses`,
      `${from}:17: left out the first heading, because it repeats the title`,
      `${from}:19: left out the hand-made "Contents" list`,
      `${from}:74: moved the page history at the foot of the page into front matter: published 2020-01-07, lastUpdated 2024-11-30, 4 change notes`,
    ]) {
      assert.ok(result.stdout.includes(line), `${line}\n---\n${result.stdout}`);
    }
    const text = readFileSync(path.join(dir, "service-owner.md"));
    const frontMatter = frontMatterOf("service-owner.md", text)!;
    assert.equal(frontMatter.published?.toISOString().slice(0, 10), "2020-01-07");
    assert.deepEqual(frontMatter.changeHistory?.map((change) => change.note).at(-1), "First published.");
    assert.doesNotMatch(text.toString(), /^# |Published 7 January 2020|ddat-capability-framework\.service\.gov\.uk\/role\/#/m);
  });

  it("lifts the governance model's page history exactly as the site's copy has it", async () => {
    const dir = makeContentDir("import-governance", {});
    const result = await runScript("import.ts", [seed("000_94e175ca8b55c2d4.txt"), "--to", shown(dir, "governance-model.md")], { CONTENT_DIR: shown(dir, "") });
    assert.equal(result.code, 0, result.stderr);
    const imported = readFileSync(path.join(dir, "governance-model.md"));
    const copy = readFileSync(path.join(projectRoot, "content", GOVERNANCE));
    assert.deepEqual(frontMatterOf("governance-model.md", imported), frontMatterOf(GOVERNANCE, copy));
    const body = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8").split(/^---$/m).slice(2).join("---").trim();
    assert.equal(body(imported), body(copy));
  });

  it("turns wiki links into links to pages that exist, and names its default file after the title", async () => {
    const dir = makeContentDir("import-wiki", { "roles/service-owner.md": "---\ntitle: Service owner\naliases: [SO]\n---\n" });
    const source = path.join(dir, "..", "import-wiki-source.md");
    writeFileSync(source, "---\ntitle: Working with [[SO]]\nlayout: post\ndate: 2024-05-01\n---\n\nAsk the [[Service owner|service owner]] or [[Nobody]]; `[[code]]` stays.\n");
    const result = await runScript("import.ts", [path.relative(projectRoot, source)], { CONTENT_DIR: shown(dir, "") });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const written = path.join(dir, "working-with-so.md");
    assert.ok(existsSync(written), result.stdout);
    const text = readFileSync(written, "utf8");
    assert.match(text, /^title: Working with SO$/m);
    assert.match(text, /^published: 2024-05-01$/m);
    assert.match(text, /Ask the \[service owner\]\(\/roles\/service-owner\/\) or Nobody; `\[\[code\]\]` stays\./);
    assert.match(result.stdout, /turned the wiki link \[\[Nobody\]\] into plain text: no page has the title, alias or file name "Nobody"/);
  });

  it("rewrites Hugo's TOML front matter as YAML", async () => {
    const dir = makeContentDir("import-hugo", {});
    const source = path.join(dir, "..", "import-hugo-source.md");
    writeFileSync(source, '+++\ntitle = "From Hugo"\ndate = 2024-03-01\ntags = ["hugo", "import"]\n+++\n\nText.\n');
    const result = await runScript("import.ts", [path.relative(projectRoot, source), "--to", shown(dir, "from-hugo.md")], { CONTENT_DIR: shown(dir, "") });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(readFileSync(path.join(dir, "from-hugo.md"), "utf8"), "---\ntitle: From Hugo\npublished: 2024-03-01\ntags:\n  - hugo\n  - import\n---\n\nText.\n");
  });

  it("refuses to replace a page without --force, and never writes over the file it reads", async () => {
    const dir = makeContentDir("import-refuse", { "roles/service-owner.md": "---\ntitle: Already here\n---\n" });
    const env = { CONTENT_DIR: shown(dir, "") };
    const target = shown(dir, "roles/service-owner.md");
    const refused = await runScript("import.ts", [seed("003_073764fe0072b80b.txt"), "--to", target], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists: give --force to replace it/);
    assert.equal(readFileSync(path.join(dir, "roles/service-owner.md"), "utf8"), "---\ntitle: Already here\n---\n");

    const same = await runScript("import.ts", [target, "--to", target, "--force"], env);
    assert.equal(same.code, 1);
    assert.match(same.stderr, /is the file being imported/);

    const forced = await runScript("import.ts", [seed("003_073764fe0072b80b.txt"), "--to", target, "--force"], env);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(path.join(dir, "roles/service-owner.md"), "utf8"), /^title: Service owner$/m);

    const outside = await runScript("import.ts", [seed("003_073764fe0072b80b.txt"), "--to", "elsewhere/page.md"], env);
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /pages go inside/);
  });

  it("writes nothing when the page cannot be built, and says why", async () => {
    const dir = makeContentDir("import-broken", {});
    const source = path.join(dir, "..", "import-broken-source.md");
    writeFileSync(source, "---\ntitle: Broken\nlayout: sidebar\n---\n\nText.\n");
    const result = await runScript("import.ts", [path.relative(projectRoot, source), "--to", shown(dir, "broken.md")], { CONTENT_DIR: shown(dir, "") });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /broken\.md:3: error: layout: expected one of/);
    assert.ok(!existsSync(path.join(dir, "broken.md")));
  });
});
