import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { printedText } from "../../lib/command-output.ts";
import { contentHealthIssuesCommand } from "../../lib/gates/content-health-issues-command.ts";
import type { ContentHealthRow, ContentHealthView } from "../../lib/model/content-health.ts";
import { codeOwnersFor } from "../../lib/gates/github-issues.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { fakeGh } from "../helpers/fake-gh.ts";

const run = promisify(execFile);

const row = (url: string, overrides: Partial<ContentHealthRow>): ContentHealthRow => ({
  url,
  absoluteUrl: `https://manual.example.gov.uk${url}`,
  title: `Page at ${url}`,
  file: `content${url.replace(/\/$/, "")}.md`,
  owner: null,
  lastReviewed: "2025-01-10",
  reviewDue: "2025-07-10",
  daysUntilDue: -189,
  state: "overdue",
  ...overrides,
});

/** A project folder with a built site's /api/pages.json and a CODEOWNERS file, as the scheduled job has. */
function project(pages: ContentHealthRow[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "content-health-issues-"));
  mkdirSync(path.join(dir, "_site", "api"), { recursive: true });
  mkdirSync(path.join(dir, ".github"));
  writeFileSync(path.join(dir, ".github", "CODEOWNERS"), "* @defra/content-team\ncontent/guides/ @guide-keeper\n");
  writePages(dir, pages);
  return dir;
}

function writePages(dir: string, pages: ContentHealthRow[]) {
  const view: ContentHealthView = { today: "2026-01-15", dueSoonDays: 30, counts: [], pages };
  writeFileSync(path.join(dir, "_site", "api", "pages.json"), JSON.stringify(view));
}

/** The command as the workflow's schedule starts it, in the project folder: once, for what only a process shows. */
async function runScript(dir: string, env: NodeJS.ProcessEnv) {
  return run(process.execPath, [path.join(projectRoot, "scripts/run.mjs"), "content-health-issues"], {
    cwd: dir,
    env: { ...process.env, ...env, OUTPUT_DIR: "_site" },
  });
}

/** The script's body in this process, in the project folder, with the fake `gh` handed to it. */
async function runInProcess(dir: string, gh: ReturnType<typeof fakeGh>) {
  const result = await contentHealthIssuesCommand([], {
    env: { ...process.env, ...gh.env, OUTPUT_DIR: "_site" },
    cwd: dir,
    gh: gh.program,
  });
  assert.equal(result.exitCode, 0, printedText(result, "stderr"));
  return { stdout: printedText(result, "stdout") };
}

describe("content-health-issues", () => {
  it("opens one issue per overdue page, updates it on the next run without a duplicate, and closes it when the review moves on", async () => {
    const gh = fakeGh([
      // Someone's own issue under another label is never touched.
      { number: 7, title: "Unrelated", body: "no marker", state: "open", labels: ["bug"], assignees: [], comments: [] },
    ]);
    const overdueWithHandle = row("/guides/budgets/", { owner: "@budget-owner", file: "content/guides/budgets.md" });
    const overdueNamed = row("/guides/writing/", { owner: "Content design team", file: "content/guides/writing.md" });
    const overdueTeamOnly = row("/reference/terms/", { file: "content/reference/terms.md" });
    const fine = row("/reference/ok/", { state: "ok", daysUntilDue: 90, reviewDue: "2026-04-15" });
    const dir = project([overdueWithHandle, overdueNamed, overdueTeamOnly, fine]);

    const first = await runInProcess(dir, gh);
    assert.match(first.stdout, /3 pages overdue on 2026-01-15/);
    const opened = gh.issues().filter((issue) => issue.labels.includes("content-review"));
    assert.deepEqual(
      opened.map((issue) => [issue.title, issue.assignees]),
      [
        ["Review overdue: Page at /guides/budgets/ (/guides/budgets/)", ["budget-owner"]],
        ["Review overdue: Page at /guides/writing/ (/guides/writing/)", ["guide-keeper"]],
        ["Review overdue: Page at /reference/terms/ (/reference/terms/)", []],
      ],
    );
    const body = opened[0].body;
    assert.match(body, /<!-- content-health: \/guides\/budgets\/ -->/);
    assert.match(body, /https:\/\/manual\.example\.gov\.uk\/guides\/budgets\//);
    assert.match(body, /\| Owner \| @budget-owner \|/);
    assert.match(body, /\| Last reviewed \| 2025-01-10 \|/);
    assert.match(body, /\| Review due \| 2025-07-10 \|/);
    assert.match(opened[2].body, /For @defra\/content-team\./, "a team is mentioned, as GitHub cannot assign one");

    // The same overdue pages on the next day: the issues are kept, one each, and rewritten.
    gh.clearCalls();
    writePages(dir, [
      { ...overdueWithHandle, daysUntilDue: -190 },
      { ...overdueNamed, daysUntilDue: -190 },
      { ...overdueTeamOnly, daysUntilDue: -190 },
      fine,
    ]);
    await runInProcess(dir, gh);
    const calls = gh.calls().filter((args) => args[0] === "issue");
    assert.equal(calls.filter((args) => args[1] === "create").length, 0, "no duplicate issue");
    assert.deepEqual(
      calls.filter((args) => args[1] === "edit").map((args) => args[2]),
      ["8", "9", "10"],
    );
    assert.equal(gh.issues().filter((issue) => issue.labels.includes("content-review")).length, 3);

    // A run that changes nothing edits nothing.
    gh.clearCalls();
    await runInProcess(dir, gh);
    assert.deepEqual(
      gh.calls().filter((args) => args[0] === "issue" && ["edit", "create", "close"].includes(args[1])),
      [],
    );

    // The budgets page is reviewed: its issue closes, with a comment saying why; the others stay open.
    writePages(dir, [
      { ...overdueWithHandle, state: "ok", lastReviewed: "2026-01-14", reviewDue: "2026-07-14", daysUntilDue: 180 },
      { ...overdueNamed, daysUntilDue: -190 },
      { ...overdueTeamOnly, daysUntilDue: -190 },
      fine,
    ]);
    const last = await runInProcess(dir, gh);
    assert.match(last.stdout, /closed #8/);
    const byNumber = new Map(gh.issues().map((issue) => [issue.number, issue]));
    assert.equal(byNumber.get(8)?.state, "closed");
    assert.match(byNumber.get(8)?.comments[0] ?? "", /no longer overdue/);
    assert.equal(byNumber.get(9)?.state, "open");
    assert.equal(byNumber.get(10)?.state, "open");
    assert.equal(byNumber.get(7)?.state, "open");
    assert.deepEqual(byNumber.get(7)?.comments, []);
  });

  it("fails with the gh error, not a stack trace, when GitHub cannot be reached (the command run end to end)", async () => {
    const gh = fakeGh();
    const dir = project([row("/a/", {})]);
    await assert.rejects(
      runScript(dir, { ...gh.env, FAKE_GH_FAIL: "HTTP 401: Bad credentials (https://api.github.com/graphql)" }),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /content-health-issues could not update GitHub: HTTP 401: Bad credentials/);
        assert.doesNotMatch(error.stderr, /\n\s+at /);
        return true;
      },
    );
  });
});

describe("CODEOWNERS", () => {
  it("gives the last matching line's owners", () => {
    const file = "* @everyone\n/content/guides/ @guides # comment\n*.json @data\ncontent/**/secret.md @secret\n";
    assert.deepEqual(codeOwnersFor(file, "content/guides/a.md"), ["@guides"]);
    assert.deepEqual(codeOwnersFor(file, "content/other/a.md"), ["@everyone"]);
    assert.deepEqual(codeOwnersFor(file, "content/_data/site.json"), ["@data"]);
    assert.deepEqual(codeOwnersFor(file, "content/x/y/secret.md"), ["@secret"]);
    assert.deepEqual(codeOwnersFor("", "content/a.md"), []);
  });
});
