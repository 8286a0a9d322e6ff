import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { printedText } from "../../lib/command-output.ts";
import { loadSiteModel } from "../../lib/model/load-site-model.ts";
import { reportReviewCommand } from "../../lib/model/report-review-command.ts";
import { reviewReport } from "../../lib/model/review.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "../helpers/built-site.ts";

const FIXTURE = "tests/fixtures/findability";
type Printed = { status: number | null; stdout: string; stderr: string };

/** Runs `npm run report:review`'s body in this process against the findability fixture, whose review dates are known. */
async function report(today: string, ...args: string[]): Promise<Printed> {
  const result = await reportReviewCommand(args, {
    env: { ...process.env, CONTENT_DIR: FIXTURE, SITE_TODAY: today },
    cwd: projectRoot,
  });
  return { status: result.exitCode, stdout: printedText(result, "stdout"), stderr: printedText(result, "stderr") };
}

/** Runs `npm run report:review` itself, as its own process, the way npm starts it. */
function reportEndToEnd(today: string, ...args: string[]): Promise<Printed> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/run.mjs", "report-review", ...args],
      { cwd: projectRoot, env: { ...process.env, CONTENT_DIR: FIXTURE, SITE_TODAY: today } },
      (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

/** The rows the report lists on a day, worked out in this process as scripts/report-review.ts does. */
async function rows(today: string) {
  const settings = readSettings({ CONTENT_DIR: FIXTURE, SITE_TODAY: today });
  const { model } = await loadSiteModel(projectRoot, undefined, undefined, settings);
  return reviewReport(model.pages, settings.today);
}

describe("the review report's rows", () => {
  it("lists overdue and due-soon pages with owners and dates, most overdue first", async () => {
    assert.deepEqual(
      (await rows("2026-01-15")).map((row) => [
        row.status,
        row.url,
        row.owner,
        row.lastReviewed,
        row.reviewDue,
        row.daysUntilDue,
        row.file,
      ]),
      [
        [
          "overdue",
          "/reference/overdue-page/",
          "Content design team",
          "2025-01-10",
          "2025-07-10",
          -189,
          "tests/fixtures/findability/reference/overdue-page.md",
        ],
        [
          "due soon",
          "/reference/due-today-page/",
          null,
          "2026-01-01",
          "2026-01-15",
          0,
          "tests/fixtures/findability/reference/due-today-page.md",
        ],
        [
          "due soon",
          "/reference/due-soon-page/",
          "Service owners",
          "2025-07-30",
          "2026-01-30",
          15,
          "tests/fixtures/findability/reference/due-soon-page.md",
        ],
      ],
    );
  });

  it("counts from the day it is given", async () => {
    const earlier = await rows("2025-06-20");
    assert.deepEqual(earlier.find((row) => row.url === "/reference/overdue-page/")?.status, "due soon");
    assert.ok(earlier.every((row) => row.status !== "overdue"));
    assert.deepEqual(await rows("2025-01-01"), []);
  });
});

// The table, the JSON, the exit codes and the refusal of an unknown option are the command's own: four runs that
// between them cover every way it prints and exits, one of them the real command in a process of its own.
describe("npm run report:review", () => {
  const runs = {
    table: report("2026-01-15"),
    jsonStrict: reportEndToEnd("2026-01-15", "--json", "--strict"),
    nothingDueStrict: report("2025-01-01", "--strict"),
    unknown: report("2026-01-15", "--jsn"),
  };

  it("lists overdue and due-soon pages with owners as a table, most overdue first", async () => {
    const { status, stdout } = await runs.table;
    assert.equal(status, 0);
    const lines = stdout.split("\n");
    assert.equal(lines[0], "Pages overdue for review or due within 30 days of 2026-01-15:");
    assert.match(lines[2], /^Status\s+Due\s+Page\s+Owner\s+File$/);
    assert.deepEqual(
      lines.slice(4, 7).map((line) => line.split(/\s{2,}/)),
      [
        [
          "overdue",
          "2025-07-10",
          "Overdue page (/reference/overdue-page/)",
          "Content design team",
          "tests/fixtures/findability/reference/overdue-page.md",
        ],
        [
          "due soon",
          "2026-01-15",
          "Due today page (/reference/due-today-page/)",
          "no owner",
          "tests/fixtures/findability/reference/due-today-page.md",
        ],
        [
          "due soon",
          "2026-01-30",
          "Due soon page (/reference/due-soon-page/)",
          "Service owners",
          "tests/fixtures/findability/reference/due-soon-page.md",
        ],
      ],
    );
    assert.equal(lines[7], "");
    assert.match(stdout, /^1 overdue, 2 due soon\.$/m);
    assert.doesNotMatch(stdout, /Current page/);
  });

  it("prints the same rows as JSON with --json, and exits non-zero with --strict when a page is overdue (end to end)", async () => {
    const { status, stdout, stderr } = await runs.jsonStrict;
    assert.equal(status, 1);
    assert.match(stderr, /1 page is overdue for review\./);
    const parsed = JSON.parse(stdout);
    assert.equal(parsed.today, "2026-01-15");
    assert.equal(parsed.dueSoonDays, 30);
    assert.deepEqual(parsed.pages, JSON.parse(JSON.stringify(await rows("2026-01-15"))));
  });

  it("says when nothing is due, and exits zero with --strict when no page is overdue", async () => {
    const { status, stdout, stderr } = await runs.nothingDueStrict;
    assert.equal(status, 0, stderr);
    assert.equal(stdout.trim(), "No page is overdue for review or due within 30 days of 2025-01-01.");
  });

  it("refuses an option it does not know", async () => {
    const { status, stderr } = await runs.unknown;
    assert.equal(status, 2);
    assert.match(stderr, /Unknown option --jsn/);
  });
});
