import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  parseGateOutput,
  parseNameStatus,
  prSummaryMarkdown,
  pullRequestComparison,
  SAVED_GATES,
} from "../lib/gates/pr-summary.ts";
import { readSettings } from "../lib/settings.ts";

// Writes the pull request's job summary: the pages its content changes touch, where they are in the
// site-preview artifact, and what check:links, check:html and check:a11y found on them (from the
// files the workflow's gate steps saved in GATE_RESULTS_DIR, default gate-results). Appends to
// $GITHUB_STEP_SUMMARY, or prints when it is not set.
const { contentDir, outputDir, pathPrefix } = readSettings();
const env = process.env;
const resultsDir = env.GATE_RESULTS_DIR ?? "gate-results";

const write = (markdown: string) => {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
  else process.stdout.write(markdown);
};

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
const resolves = (revision: string) => {
  try {
    git("rev-parse", "--verify", "--quiet", `${revision}^{commit}`);
    return true;
  } catch {
    return false;
  }
};

const event =
  env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH)
    ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"))
    : undefined;
const comparison = pullRequestComparison(env, event);
if ("problem" in comparison) {
  write(`## Pages this pull request changes\n\n${comparison.problem}\n`);
  process.exit(0);
}
// A branch name from GITHUB_BASE_REF is origin's in a CI checkout, a local branch elsewhere.
const base =
  comparison.base.startsWith("origin/") && !resolves(comparison.base) && resolves(comparison.base.slice(7))
    ? comparison.base.slice(7)
    : comparison.base;
for (const revision of [base, comparison.head]) {
  if (!resolves(revision)) {
    const problem = `${revision} is not in this checkout: check out the whole history (fetch-depth: 0) so the pull request's base can be compared.`;
    write(`## Pages this pull request changes\n\n${problem}\n`);
    console.error(`pr-summary: ${problem}`);
    process.exit(1);
  }
}

const contentFolder = path.relative(process.cwd(), path.resolve(contentDir)).split(path.sep).join("/") || ".";
const changes = parseNameStatus(
  git(
    "diff",
    "--name-status",
    "-z",
    "--find-renames",
    "--relative",
    `${base}...${comparison.head}`,
    "--",
    `${contentFolder}/`,
  ),
);
const gates = SAVED_GATES.map(({ gate, file }) => {
  const saved = path.join(resultsDir, file);
  return parseGateOutput(gate, existsSync(saved) ? readFileSync(saved, "utf8") : undefined);
});
const runUrl = `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
const siteDir = path.resolve(outputDir);
write(
  prSummaryMarkdown({
    changes,
    contentDir: contentFolder,
    pathPrefix,
    gates,
    previewUrl: env.PREVIEW_ARTIFACT_URL || `${runUrl}#artifacts`,
    base,
    head: comparison.head,
    siteDir: existsSync(path.join(siteDir, "index.html")) ? siteDir : undefined,
  }),
);
