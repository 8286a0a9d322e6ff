import { commandOutput, type CommandContext, type CommandResult } from "../command-output.ts";
import { readSettings } from "../settings.ts";
import { isoDate } from "./dates.ts";
import { loadSiteModel } from "./load-site-model.ts";
import { DUE_SOON_DAYS, reviewReport, type ReviewReportRow } from "./review.ts";

/**
 * `npm run report:review`: lists the pages that are overdue for review, or due within 30 days, with their owners,
 * from the content folder the environment names (CONTENT_DIR, relative to `cwd`) on SITE_TODAY or today.
 * --json prints the same rows as JSON; --strict exits non-zero when any page is overdue (for CI).
 */
export async function reportReviewCommand(argv: string[], { env, cwd, print }: CommandContext): Promise<CommandResult> {
  const { out, err, exit } = commandOutput(print);
  const args = new Set(argv);
  const unknown = [...args].filter((arg) => !["--json", "--strict"].includes(arg));
  if (unknown.length) {
    err(`Unknown option ${unknown.join(", ")}. Use --json, --strict or both.`);
    return exit(2);
  }
  try {
    const settings = readSettings(env);
    const { model } = await loadSiteModel(cwd, undefined, undefined, settings);
    const rows = reviewReport(model.pages, settings.today);
    const overdue = rows.filter((row) => row.status === "overdue").length;
    const todayText = isoDate(settings.today);
    if (args.has("--json")) {
      out(JSON.stringify({ today: todayText, dueSoonDays: DUE_SOON_DAYS, pages: rows }, null, 2));
    } else if (rows.length === 0) {
      out(`No page is overdue for review or due within ${DUE_SOON_DAYS} days of ${todayText}.`);
    } else {
      out(`Pages overdue for review or due within ${DUE_SOON_DAYS} days of ${todayText}:\n\n${table(rows)}\n`);
      out(`${overdue} overdue, ${rows.length - overdue} due soon.`);
    }
    if (args.has("--strict") && overdue > 0) {
      err(`${overdue} ${overdue === 1 ? "page is" : "pages are"} overdue for review.`);
      return exit(1);
    }
    return exit(0);
  } catch (error) {
    // Loaded only to explain a failure: it sits beside Eleventy's runner, which the report itself never needs.
    const { explainBuildError } = await import("../eleventy/run-eleventy.ts");
    err(explainBuildError(error));
    return exit(1);
  }
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
