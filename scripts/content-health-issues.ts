import { runAsScript } from "../lib/command-output.ts";
import { contentHealthIssuesCommand } from "../lib/gates/content-health-issues-command.ts";

// Keeps one GitHub issue per page overdue for review, from the built site's /api/pages.json (OUTPUT_DIR,
// default _site). Run by the workflow's schedule, through the `gh` CLI.
await runAsScript(contentHealthIssuesCommand);
