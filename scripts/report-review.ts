import { runAsScript } from "../lib/command-output.ts";
import { reportReviewCommand } from "../lib/model/report-review-command.ts";

// Lists the pages that are overdue for review, or due within 30 days, with their owners.
// --json prints the same rows as JSON; --strict exits non-zero when any page is overdue (for CI).
await runAsScript(reportReviewCommand);
