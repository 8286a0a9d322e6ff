import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { commandOutput, type CommandContext, type CommandResult } from "../command-output.ts";
import type { ContentHealthRow, ContentHealthView } from "../model/content-health.ts";
import { CONTENT_HEALTH_URLS } from "../model/content-health.ts";
import { readSettings } from "../settings.ts";
import {
  codeOwnersFor,
  ghCli,
  GitHubIssues,
  isTeamHandle,
  isUserHandle,
  marker,
  type GhProgram,
  type WantedIssue,
} from "./github-issues.ts";

const LABEL = { name: "content-review", description: "A page is overdue for review", color: "d93f0b" };
const MARKER_PREFIX = "content-health:";

/**
 * `content-health-issues`: keeps one GitHub issue per page overdue for review, from the built site's
 * /api/pages.json (OUTPUT_DIR, default _site): opens it, updates it while the page stays overdue, and closes it
 * once the review date moves on or the page is gone. Run by the workflow's schedule, through `gh` (the one on
 * the environment's PATH unless another is given).
 */
export async function contentHealthIssuesCommand(
  _args: string[],
  { env, cwd, print, gh = ghCli(env) }: CommandContext & { gh?: GhProgram },
): Promise<CommandResult> {
  const { out, err, exit } = commandOutput(print);
  const { outputDir } = readSettings(env);
  const apiFile = path.resolve(cwd, outputDir, CONTENT_HEALTH_URLS.api.slice(1));
  if (!existsSync(apiFile)) {
    err(`content-health-issues: no ${apiFile}: run \`npm run build\` first.`);
    return exit(2);
  }
  const health = JSON.parse(readFileSync(apiFile, "utf8")) as ContentHealthView;
  const codeOwners =
    [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]
      .map((file) => path.resolve(cwd, file))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, "utf8"))[0] ?? "";
  const wanted = (row: ContentHealthRow) => wantedIssue(row, health.today, codeOwners);
  const urlOf = (body: string) => new RegExp(`<!-- ${MARKER_PREFIX} (\\S+) -->`).exec(body)?.[1];

  try {
    const issues = new GitHubIssues(LABEL, gh);
    const open = await issues.open();
    const overdue = new Map(health.pages.filter((row) => row.state === "overdue").map((row) => [row.url, row]));
    const seen = new Set<string>();
    for (const issue of open) {
      const url = urlOf(issue.body);
      if (!url) continue;
      const row = overdue.get(url);
      if (!row || seen.has(url)) {
        const why = !row
          ? `${url} is no longer overdue for review on ${health.today}.`
          : `Another open issue already tracks ${url}.`;
        await issues.close(issue, why);
        out(`closed #${issue.number}: ${why}`);
        continue;
      }
      seen.add(url);
      const changed = await issues.update(issue, wanted(row));
      out(`${changed ? "updated" : "unchanged"} #${issue.number}: ${row.url}`);
    }
    for (const [url, row] of overdue) {
      if (seen.has(url)) continue;
      const number = await issues.create(wanted(row));
      out(`opened #${number}: ${url}`);
    }
    out(`content-health-issues: ${overdue.size} ${overdue.size === 1 ? "page" : "pages"} overdue on ${health.today}.`);
    return exit(0);
  } catch (error) {
    const failed = error as { stderr?: string; message?: string };
    err(`content-health-issues could not update GitHub: ${failed.stderr?.trim() || failed.message}`);
    return exit(1);
  }
}

/** Who answers for a page: its `owner` when that is a GitHub handle, otherwise CODEOWNERS' owners of its file. */
function handlesFor(row: ContentHealthRow, codeOwners: string): string[] {
  const owner = row.owner?.trim();
  if (owner && (isUserHandle(owner) || isTeamHandle(owner))) return [owner];
  return codeOwnersFor(codeOwners, row.file).filter((name) => isUserHandle(name) || isTeamHandle(name));
}

function wantedIssue(row: ContentHealthRow, today: string, codeOwners: string): WantedIssue {
  const handles = handlesFor(row, codeOwners);
  const days = -(row.daysUntilDue ?? 0);
  const body = [
    marker(`${MARKER_PREFIX} ${row.url}`),
    `[${row.title}](${row.absoluteUrl}) was due for review on ${row.reviewDue}, ${days} ${days === 1 ? "day" : "days"} before ${today}.`,
    "",
    "| | |",
    "| --- | --- |",
    `| Page | ${row.absoluteUrl} |`,
    `| File | \`${row.file}\` |`,
    `| Owner | ${row.owner ?? "no owner"} |`,
    `| Last reviewed | ${row.lastReviewed} |`,
    `| Review due | ${row.reviewDue} |`,
    "",
    handles.length
      ? `For ${handles.join(", ")}.`
      : "The page names no GitHub owner and CODEOWNERS has none for its file.",
    "",
    "Review the page, then set `lastReviewed` in its front matter to the day you did: this issue closes on the next scheduled run.",
  ].join("\n");
  return {
    title: `Review overdue: ${row.title} (${row.url})`,
    body,
    // GitHub assigns issues to people only; a team is mentioned in the body instead.
    assignees: handles.filter(isUserHandle).map((handle) => handle.slice(1)),
  };
}
