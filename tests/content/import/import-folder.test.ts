import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { runImportCommand } from "../../../lib/content/import/import-command.ts";
import { readSettings } from "../../../lib/settings.ts";
import { projectRoot, testOutputDir } from "../../helpers/built-site.ts";
import { CHECK_FIXTURE_DATA, checkContent } from "../../helpers/check-content.ts";
import { makeContentDir, runScript, shown } from "../../helpers/content-dir.ts";

/** A folder laid out as the Defra app's src/content is: a section's page beside the folder of its pages. */
function sourceTree(name: string, files: Record<string, string>): string {
  const dir = path.join(testOutputDir, "import-sources", name);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/**
 * `npm run import` in this process, through the same function scripts/import.ts runs, for a content folder given
 * as CONTENT_DIR is: the first case runs the real script, so the two cannot drift apart.
 */
const importCommand = (args: string[], contentDir: string) =>
  runImportCommand(args, { projectRoot, settings: readSettings({ CONTENT_DIR: contentDir }) });

const page = (title: string, body = "Text.\n") => `---\ntitle: ${title}\n---\n\n${body}`;

describe("npm run import -- <folder>", () => {
  it("keeps every page's path, copies the files beside them to public/ and points their links there", async () => {
    const source = sourceTree("app-like", {
      "orchards.md": page("Orchards", "See [pruning](/orchards/pruning).\n"),
      "orchards/pruning.md": page("Pruning", "![A pruned tree](images/pruned.png)\n\n[The leaflet](./leaflet.pdf)\n"),
      "orchards/images/pruned.png": "picture",
      "orchards/leaflet.pdf": "leaflet",
      "orchards/helper.js": "alert(1)",
    });
    const dir = makeContentDir("import-folder", CHECK_FIXTURE_DATA);
    // The one run of the real script: its exit code and what it prints, as an editor sees them.
    const run = await runScript("import.ts", [path.relative(projectRoot, source)], { CONTENT_DIR: shown(dir, "") });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(readFileSync(path.join(dir, "orchards.md"), "utf8"), /^title: Orchards$/m);
    const pruning = readFileSync(path.join(dir, "orchards/pruning.md"), "utf8");
    assert.match(pruning, /!\[A pruned tree\]\(\/public\/orchards\/images\/pruned\.png\)/);
    assert.match(pruning, /\[The leaflet\]\(\/public\/orchards\/leaflet\.pdf\)/);
    assert.equal(readFileSync(path.join(dir, "public/orchards/images/pruned.png"), "utf8"), "picture");
    assert.ok(!existsSync(path.join(dir, "pruning.md")), "never flattened into the content folder by title");
    assert.ok(!existsSync(path.join(dir, "public/orchards/helper.js")));
    assert.match(run.stdout, /helper\.js: warning: is not imported/);
    const check = await checkContent(shown(dir, ""));
    assert.doesNotMatch(check.stdout, /leads nowhere/, check.stdout);
  });

  it("writes nothing when two files, or a file and a page already there, would share a URL, and names both", async () => {
    const source = sourceTree("clashing", {
      "hedges.md": page("Hedges"),
      "hedges/index.md": page("Hedges again"),
      "ponds.md": page("Ponds"),
      "meadows/index.md": page("Meadows"),
    });
    const dir = makeContentDir("import-folder-clash", { ...CHECK_FIXTURE_DATA, "meadows.md": page("Meadows here already") });
    const [run, dry] = await Promise.all([
      importCommand([path.relative(projectRoot, source)], shown(dir, "")),
      importCommand([path.relative(projectRoot, source), "--dry-run"], shown(dir, "")),
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /hedges\/index\.md: error: would be published at \/hedges\/, as .*hedges\.md would/);
    assert.match(run.stdout, /meadows\/index\.md: error: would be published at \/meadows\/, where .*meadows\.md already is/);
    assert.match(run.stderr, /Nothing was written/);
    assert.equal(dry.code, 1);
    assert.ok(!existsSync(path.join(dir, "ponds.md")), "all or nothing: the page with no clash is not written either");
  });

  it("--dry-run says what it would write and writes nothing", async () => {
    const source = sourceTree("dry", { "fields.md": page("Fields") });
    const dir = makeContentDir("import-folder-dry", CHECK_FIXTURE_DATA);
    const run = await importCommand([path.relative(projectRoot, source), "--dry-run"], shown(dir, ""));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /fields\.md -> .*fields\.md \(\/fields\/\)/);
    assert.match(run.stdout, /--dry-run wrote nothing/);
    assert.ok(!existsSync(path.join(dir, "fields.md")));
  });
});
