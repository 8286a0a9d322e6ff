import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { load } from "cheerio";
import { buildSite, type BuildResult } from "../../lib/build/build-site.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot, testOutputDir } from "../helpers/built-site.ts";

// A repository of its own, as a publishing checkout is: the build reads git's dates from the project it
// runs in, so the clone is a project root, borrowing this project's layouts, assets and packages. It lives
// at the same path every run, so its compiled stylesheet is reused as the project's own is.
const scratch = path.join(testOutputDir, "shallow-history");

function git(cwd: string, args: string[], date?: string) {
  execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
    { cwd, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: "pipe" },
  );
}

function borrowProject(root: string) {
  for (const folder of ["layouts", "assets", "node_modules"])
    symlinkSync(path.join(projectRoot, folder), path.join(root, folder));
  writeFileSync(path.join(root, ".git", "info", "exclude"), "layouts\nassets\nnode_modules\n");
}

const page = (title: string) => `---\ntitle: ${title}\nlayout: two-thirds\n---\n\nSome words about ${title}.\n`;

async function build(
  root: string,
  outputDir: string,
): Promise<{ result: BuildResult; lastUpdated: (file: string) => string | undefined }> {
  const settings = readSettings({ CONTENT_DIR: "content", OUTPUT_DIR: outputDir, SITE_TODAY: "2026-01-15" });
  const result = await buildSite({ settings, projectRoot: root, outputDir });
  assert.ok(result.ok, result.lines.map((line) => line.text).join("\n"));
  const lastUpdated = (file: string) => {
    const $ = load(readFileSync(path.join(outputDir, file), "utf8"));
    return $(".app-page-history p:contains('Last updated') time").attr("datetime");
  };
  return { result, lastUpdated };
}

const shallowWarnings = (result: BuildResult) =>
  result.diagnostics.filter((diagnostic) => diagnostic.message.startsWith("git history is shallow"));

let full: Awaited<ReturnType<typeof build>>;
let shallow: Awaited<ReturnType<typeof build>>;

before(async () => {
  rmSync(scratch, { recursive: true, force: true });
  const origin = path.join(scratch, "origin");
  mkdirSync(path.join(origin, "content", "_data"), { recursive: true });
  git(origin, ["init", "-q", "-b", "main"]);
  writeFileSync(
    path.join(origin, "content", "_data", "site.json"),
    readFileSync(path.join(projectRoot, "tests/fixtures/findability/_data/site.json")),
  );
  writeFileSync(path.join(origin, "content", "index.md"), page("Home"));
  writeFileSync(path.join(origin, "content", "guide.md"), page("Guide"));
  git(origin, ["add", "."]);
  git(origin, ["commit", "-q", "-m", "first pages"], "2025-03-04T10:00:00Z");
  writeFileSync(path.join(origin, "content", "guide.md"), page("Guide, revised"));
  git(origin, ["commit", "-q", "-am", "revise the guide"], "2025-05-06T10:00:00Z");
  writeFileSync(path.join(origin, "content", "notes.md"), page("Notes"));
  git(origin, ["add", "."]);
  git(origin, ["commit", "-q", "-m", "add notes"], "2025-07-08T10:00:00Z");

  // One clone, built shallow and then again once it has fetched the rest of its history, as the warning
  // tells a publisher to do: one project root, so the second build reuses the first one's stylesheet.
  const clone = path.join(scratch, "clone");
  execFileSync("git", ["clone", "-q", "--depth", "1", `file://${origin}`, clone], { stdio: "pipe" });
  borrowProject(clone);
  shallow = await build(clone, path.join(scratch, "shallow-site"));
  execFileSync("git", ["fetch", "-q", "--unshallow"], { cwd: clone, stdio: "pipe" });
  full = await build(clone, path.join(scratch, "full-site"));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe("building from a clone with and without git history", () => {
  it("shows each page's last commit as Last updated when the whole history was fetched", () => {
    assert.equal(full.lastUpdated("index.html"), "2025-03-04");
    assert.equal(full.lastUpdated("guide/index.html"), "2025-05-06");
    assert.equal(full.lastUpdated("notes/index.html"), "2025-07-08");
    assert.deepEqual(shallowWarnings(full.result), []);
  });

  it("shows no git date from a shallow clone, rather than the one fetched commit's date for every page", () => {
    for (const file of ["index.html", "guide/index.html", "notes/index.html"])
      assert.equal(shallow.lastUpdated(file), undefined, file);
  });

  it("says once, naming why, that a shallow clone's pages have no dates from git", () => {
    const warnings = shallowWarnings(shallow.result);
    assert.equal(warnings.length, 1, JSON.stringify(shallow.result.diagnostics));
    assert.equal(warnings[0].severity, "warning");
    assert.equal(warnings[0].file, "content");
    assert.match(warnings[0].message, /fetch-depth: 0/);
    const printed = shallow.result.lines.filter((line) => line.text.includes("git history is shallow"));
    assert.equal(printed.length, 1);
    assert.equal(printed[0].stream, "stderr");
  });
});
