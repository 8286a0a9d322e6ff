import { existsSync } from "node:fs";
import path from "node:path";
import { checkExternalUrls, externalUrlsInSite, type ExternalLinkResult } from "../lib/gates/external-links.ts";
import { GitHubIssues, marker } from "../lib/gates/github-issues.ts";
import { readSettings } from "../lib/settings.ts";

// Checks every external URL in the built site (OUTPUT_DIR, default _site). With --issue, keeps one
// GitHub issue listing the dead ones (through `gh`), closing it when none is left. Not a pull request
// check: other people's servers fail for their own reasons, and a pull request should not wait on them.
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => arg !== "--issue");
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(", ")}. Use --issue to file the dead links as a GitHub issue.`);
  process.exit(2);
}
const LABEL = { name: "external-links", description: "Links to other sites that no longer work", color: "fbca04" };
const MARKER = marker("external-links");
const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

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

const { outputDir, pathPrefix } = readSettings();
const siteDir = path.resolve(outputDir);
if (!existsSync(path.join(siteDir, "index.html"))) {
  console.error(`external-links: no built site in ${siteDir}: run \`npm run build\` first.`);
  process.exit(2);
}
try {
  const urls = externalUrlsInSite(siteDir, pathPrefix);
  const results = await checkExternalUrls(urls, {
    concurrency: number("LINK_CHECK_CONCURRENCY"),
    perHost: number("LINK_CHECK_PER_HOST"),
    timeoutMs: number("LINK_CHECK_TIMEOUT_MS"),
    retries: number("LINK_CHECK_RETRIES"),
    backoffMs: number("LINK_CHECK_BACKOFF_MS"),
  });
  const dead = results.filter((result) => !result.ok).sort((a, b) => a.url.localeCompare(b.url));
  for (const result of dead) console.log(`${result.pages[0]}: error: ${result.url}: ${result.reason}`);
  console.log(`external-links: ${dead.length} dead of ${results.length} external URLs.`);
  if (args.has("--issue")) {
    const issues = new GitHubIssues(LABEL);
    const open = (await issues.open()).filter((issue) => issue.body.includes(MARKER));
    const [current, ...extra] = open;
    for (const issue of extra) await issues.close(issue, `Duplicate of #${current.number}.`);
    if (dead.length === 0) {
      if (current) {
        await issues.close(current, "Every external link works again.");
        console.log(`closed #${current.number}`);
      }
    } else {
      const wanted = {
        title: `${dead.length} external ${dead.length === 1 ? "link does" : "links do"} not work`,
        body: issueBody(dead, results.length),
        assignees: [],
      };
      if (current) {
        await issues.update(current, wanted);
        console.log(`updated #${current.number}`);
      } else console.log(`opened #${await issues.create(wanted)}`);
    }
  } else if (dead.length) process.exitCode = 1;
} catch (error) {
  const failed = error as { stderr?: string; message?: string };
  console.error(`external-links could not finish: ${failed.stderr?.trim() || failed.message}`);
  process.exitCode = 1;
}
