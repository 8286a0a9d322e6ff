import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { projectRoot } from "../helpers/built-site.ts";

/** Runs `npm run report:review` against the findability fixture, whose review dates are known. */
function report(today: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/report-review.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, CONTENT_DIR: "tests/fixtures/findability", SITE_TODAY: today },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run report:review", () => {
  it("lists overdue and due-soon pages with owners as a table, most overdue first", () => {
    const { status, stdout } = report("2026-01-15");
    assert.equal(status, 0);
    const lines = stdout.split("\n");
    assert.equal(lines[0], "Pages overdue for review or due within 30 days of 2026-01-15:");
    assert.match(lines[2], /^Status\s+Due\s+Page\s+Owner\s+File$/);
    const rows = lines.slice(4, 7).map((line) => line.split(/\s{2,}/));
    assert.deepEqual(rows, [
      ["overdue", "2025-07-10", "Overdue page (/reference/overdue-page/)", "Content design team", "tests/fixtures/findability/reference/overdue-page.md"],
      ["due soon", "2026-01-15", "Due today page (/reference/due-today-page/)", "no owner", "tests/fixtures/findability/reference/due-today-page.md"],
      ["due soon", "2026-01-30", "Due soon page (/reference/due-soon-page/)", "Service owners", "tests/fixtures/findability/reference/due-soon-page.md"],
    ]);
    assert.equal(lines[7], "");
    assert.match(stdout, /^1 overdue, 2 due soon\.$/m);
    assert.doesNotMatch(stdout, /Current page/);
  });

  it("prints the same rows as JSON with --json", () => {
    const { status, stdout } = report("2026-01-15", "--json");
    assert.equal(status, 0);
    const parsed = JSON.parse(stdout);
    assert.equal(parsed.today, "2026-01-15");
    assert.deepEqual(
      parsed.pages.map((row: Record<string, unknown>) => [row.status, row.url, row.owner, row.lastReviewed, row.reviewDue, row.daysUntilDue]),
      [
        ["overdue", "/reference/overdue-page/", "Content design team", "2025-01-10", "2025-07-10", -189],
        ["due soon", "/reference/due-today-page/", null, "2026-01-01", "2026-01-15", 0],
        ["due soon", "/reference/due-soon-page/", "Service owners", "2025-07-30", "2026-01-30", 15],
      ],
    );
  });

  it("exits non-zero with --strict when a page is overdue, and zero when none is", () => {
    const overdue = report("2026-01-15", "--strict");
    assert.equal(overdue.status, 1);
    assert.match(overdue.stderr, /1 page is overdue for review\./);
    const earlier = report("2025-06-20", "--strict");
    assert.equal(earlier.status, 0, earlier.stderr);
    assert.match(earlier.stdout, /^due soon\s+2025-07-10\s+Overdue page/m);
  });

  it("says when nothing is due", () => {
    const { status, stdout } = report("2025-01-01");
    assert.equal(status, 0);
    assert.equal(stdout.trim(), "No page is overdue for review or due within 30 days of 2025-01-01.");
  });

  it("refuses an option it does not know", () => {
    const { status, stderr } = report("2026-01-15", "--jsn");
    assert.equal(status, 2);
    assert.match(stderr, /Unknown option --jsn/);
  });
});
