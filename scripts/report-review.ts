import { isoDate } from "../lib/model/dates.ts";
import { loadSiteModel } from "../lib/model/load-site-model.ts";
import { explainBuildError } from "../lib/eleventy/run-eleventy.ts";
import { DUE_SOON_DAYS, reviewReport, type ReviewReportRow } from "../lib/model/review.ts";
import { siteSettings } from "../lib/settings.ts";

// Lists the pages that are overdue for review, or due within 30 days, with their owners.
// --json prints the same rows as JSON; --strict exits non-zero when any page is overdue (for CI).
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => !["--json", "--strict"].includes(arg));
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(", ")}. Use --json, --strict or both.`);
  process.exit(2);
}

function table(rows: ReviewReportRow[]): string {
  const header = ["Status", "Due", "Page", "Owner", "File"];
  const cells = rows.map((row) => [
    row.status,
    row.reviewDue,
    `${row.title} (${row.url})`,
    row.owner ?? "no owner",
    row.file,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const format = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd();
  return [format(header), format(widths.map((width) => "-".repeat(width))), ...cells.map(format)].join("\n");
}

try {
  const { today } = siteSettings();
  const { model } = await loadSiteModel();
  const rows = reviewReport(model.pages, today);
  const overdue = rows.filter((row) => row.status === "overdue").length;
  const todayText = isoDate(today);
  if (args.has("--json")) {
    console.log(JSON.stringify({ today: todayText, dueSoonDays: DUE_SOON_DAYS, pages: rows }, null, 2));
  } else if (rows.length === 0) {
    console.log(`No page is overdue for review or due within ${DUE_SOON_DAYS} days of ${todayText}.`);
  } else {
    console.log(`Pages overdue for review or due within ${DUE_SOON_DAYS} days of ${todayText}:\n\n${table(rows)}\n`);
    console.log(`${overdue} overdue, ${rows.length - overdue} due soon.`);
  }
  if (args.has("--strict") && overdue > 0) {
    console.error(`${overdue} ${overdue === 1 ? "page is" : "pages are"} overdue for review.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(explainBuildError(error));
  process.exitCode = 1;
}
