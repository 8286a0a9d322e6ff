import { existsSync } from "node:fs";
import path from "node:path";
import { commandOutput, type CommandContext, type CommandResult } from "../command-output.ts";
import { readSettings } from "../settings.ts";
import {
  checkExternalUrls,
  externalLinkOptionsFromEnv,
  externalUrlsInSite,
  type ExternalLinkResult,
} from "./external-links.ts";
import { ghCli, GitHubIssues, marker, type GhProgram } from "./github-issues.ts";

const LABEL = { name: "external-links", description: "Links to other sites that no longer work", color: "fbca04" };
const MARKER = marker("external-links");

/**
 * `external-links`: checks every external URL in the built site (OUTPUT_DIR, default _site, relative to `cwd`),
 * within the LINK_CHECK_* limits. With --issue, keeps one GitHub issue listing the dead ones, through `gh` (the
 * one on the environment's PATH unless another is given), closing it when none is left; without, exits non-zero
 * when any is dead.
 */
export async function externalLinksCommand(
  argv: string[],
  { env, cwd, print, gh = ghCli(env) }: CommandContext & { gh?: GhProgram },
): Promise<CommandResult> {
  const { out, err, exit } = commandOutput(print);
  const args = new Set(argv);
  const unknown = [...args].filter((arg) => arg !== "--issue");
  if (unknown.length) {
    err(`Unknown option ${unknown.join(", ")}. Use --issue to file the dead links as a GitHub issue.`);
    return exit(2);
  }
  const { outputDir, pathPrefix } = readSettings(env);
  const siteDir = path.resolve(cwd, outputDir);
  if (!existsSync(path.join(siteDir, "index.html"))) {
    err(`external-links: no built site in ${siteDir}: run \`npm run build\` first.`);
    return exit(2);
  }
  try {
    const urls = externalUrlsInSite(siteDir, pathPrefix);
    const results = await checkExternalUrls(urls, externalLinkOptionsFromEnv(env));
    const dead = results.filter((result) => !result.ok).sort((a, b) => a.url.localeCompare(b.url));
    for (const result of dead) out(`${result.pages[0]}: error: ${result.url}: ${result.reason}`);
    out(`external-links: ${dead.length} dead of ${results.length} external URLs.`);
    if (!args.has("--issue")) return exit(dead.length ? 1 : 0);
    const issues = new GitHubIssues(LABEL, gh);
    const open = (await issues.open()).filter((issue) => issue.body.includes(MARKER));
    const [current, ...extra] = open;
    for (const issue of extra) await issues.close(issue, `Duplicate of #${current.number}.`);
    if (dead.length === 0) {
      if (current) {
        await issues.close(current, "Every external link works again.");
        out(`closed #${current.number}`);
      }
    } else {
      const wanted = {
        title: `${dead.length} external ${dead.length === 1 ? "link does" : "links do"} not work`,
        body: issueBody(dead, results.length),
        assignees: [],
      };
      if (current) {
        await issues.update(current, wanted);
        out(`updated #${current.number}`);
      } else out(`opened #${await issues.create(wanted)}`);
    }
    return exit(0);
  } catch (error) {
    const failed = error as { stderr?: string; message?: string };
    err(`external-links could not finish: ${failed.stderr?.trim() || failed.message}`);
    return exit(1);
  }
}

function issueBody(dead: ExternalLinkResult[], checked: number): string {
  const rows = dead.map(
    (result) => `| ${result.url} | ${result.reason} | ${result.pages.map((page) => `\`${page}\``).join(", ")} |`,
  );
  return [
    MARKER,
    `${dead.length} of ${checked} external links did not work when checked on ${new Date().toISOString().slice(0, 10)}.`,
    "",
    "| Link | Problem | Linked from |",
    "| --- | --- | --- |",
    ...rows,
    "",
    "Fix or remove each link; this issue is rewritten on each scheduled run and closes once every link works.",
  ].join("\n");
}
