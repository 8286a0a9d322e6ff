import { existsSync } from "node:fs";
import path from "node:path";
import { DIRECTORY_DATA_SUFFIX } from "../content/directory-data.ts";
import { isLeftOutName } from "../content/left-out-names.ts";
import { outputPathForUrl, urlForFile } from "../content/load-content.ts";

/** One content file a pull request changed, as `git diff --name-status` gives it; paths relative to the repository. */
export interface ContentChange {
  kind: "added" | "modified" | "renamed" | "deleted";
  file: string;
  /** Where a renamed file was before. */
  from?: string;
}

/** What a change to one content file changes on the site. */
export type ChangedOnSite =
  | { what: "page"; url: string }
  | { what: "public file"; url: string }
  | { what: "site data" }
  | { what: "folder defaults"; url: string }
  | { what: "not published"; reason: string };

/** What one gate's saved output says: how it ended and each finding line, by the page it names. */
export interface GateOutput {
  gate: string;
  outcome: "passed" | "failed" | "could not run" | "not run";
  /** The gate's closing line, or why there is none. */
  closing: string;
  findings: { page: string; line: string }[];
}

/** Everything the summary is made from; the script gathers it from git, the gates' files and the run. */
export interface SummaryInput {
  changes: ContentChange[];
  /** The content folder, relative to the repository. */
  contentDir: string;
  pathPrefix: string;
  gates: GateOutput[];
  /** Where the built site can be downloaded: the preview artifact, or the run that made it. */
  previewUrl: string;
  /** The commits compared, as given to git. */
  base: string;
  head: string;
  /** The built site, to say whether each changed page is in the preview. */
  siteDir?: string;
}

/** The gates whose output the workflow saves, each to its own file in the results folder. */
export const SAVED_GATES = [
  { gate: "check:links", file: "check-links.txt" },
  { gate: "check:html", file: "check-html.txt" },
  { gate: "check:a11y", file: "check-a11y.txt" },
] as const;

/**
 * The commits a pull request compares, from the run's event (the pull request's base and head commits),
 * or else GITHUB_BASE_REF's branch against what is checked out.
 */
export function pullRequestComparison(
  env: NodeJS.ProcessEnv,
  event: { pull_request?: { base?: { sha?: string }; head?: { sha?: string } } } | undefined,
): { base: string; head: string } | { problem: string } {
  const base = event?.pull_request?.base?.sha;
  if (base) return { base, head: event?.pull_request?.head?.sha ?? "HEAD" };
  if (env.GITHUB_BASE_REF) return { base: `origin/${env.GITHUB_BASE_REF}`, head: "HEAD" };
  return { problem: "This run is not for a pull request, so there is no base to compare with." };
}

const STATUS_KINDS: Record<string, ContentChange["kind"]> = {
  A: "added",
  C: "added",
  M: "modified",
  T: "modified",
  U: "modified",
  D: "deleted",
  R: "renamed",
};

/**
 * Reads `git diff --name-status -z`: NUL-separated, so names with spaces, quotes or accents come through
 * as they are rather than in git's quoted form. Renames and copies carry two paths, the old one first.
 */
export function parseNameStatus(output: string): ContentChange[] {
  const fields = output.split("\0");
  const changes: ContentChange[] = [];
  for (let index = 0; index < fields.length;) {
    const status = fields[index++];
    if (!status) continue;
    const kind = STATUS_KINDS[status[0]];
    if (status[0] === "R" || status[0] === "C") {
      const from = fields[index++];
      const file = fields[index++];
      changes.push(kind === "renamed" ? { kind, file, from } : { kind: "added", file });
    } else {
      const file = fields[index++];
      if (kind) changes.push({ kind, file });
    }
  }
  return changes;
}

/** What a content file is on the site, by the content loader's own rules for what is a page and where it goes. */
export function changedOnSite(contentDir: string, file: string): ChangedOnSite {
  const root = path.resolve(contentDir);
  const absolute = path.resolve(file);
  const parts = path.relative(root, absolute).split(path.sep);
  const name = parts[parts.length - 1];
  if (parts[0] === "..") return { what: "not published", reason: "outside the content folder" };
  if (parts[0] === "public" && parts.length > 1) {
    return { what: "public file", url: `/${parts.map(encodeURIComponent).join("/")}` };
  }
  if (parts[0] === "_data" && parts.length === 2) return { what: "site data" };
  if (parts.some(isLeftOutName)) {
    return { what: "not published", reason: "names starting with _ or . are left out" };
  }
  if (name.endsWith(".md")) return { what: "page", url: urlForFile(root, absolute) };
  if (name === `${parts[parts.length - 2]}${DIRECTORY_DATA_SUFFIX}`) {
    return { what: "folder defaults", url: urlForFile(root, path.join(path.dirname(absolute), "index.md")) };
  }
  return { what: "not published", reason: "neither a page nor a file in public/" };
}

// How the gates print a finding (lib/diagnostics.ts formatDiagnostic): the page's URL path, then the severity.
const FINDING_LINE = /^(\/\S*?)(?::\d+)?: (?:error|warning|info): /;

/** Reads one gate's saved output (undefined when the gate never ran, so saved nothing). */
export function parseGateOutput(gate: string, text: string | undefined): GateOutput {
  if (text === undefined) {
    return { gate, outcome: "not run", closing: "did not run: an earlier step failed", findings: [] };
  }
  const lines = text.split(/\r?\n/);
  const findings = lines.flatMap((line) => {
    const match = FINDING_LINE.exec(line);
    return match ? [{ page: match[1], line }] : [];
  });
  const closing = lines
    .filter((line) => line.startsWith(`${gate}: `) || line.startsWith(`${gate} could not run`))
    .pop();
  if (!closing) return { gate, outcome: "could not run", closing: "stopped before it finished", findings };
  const outcome = closing.startsWith(`${gate}: no problems`)
    ? "passed"
    : /^\S+: \d+ problems? in /.test(closing)
      ? "failed"
      : "could not run";
  return { gate, outcome, closing, findings };
}

/** Escapes text for Markdown, so a file name or a gate's message shows as written, and a table cell stays one cell. */
export function escapeMarkdown(text: string): string {
  // Only what can start markup mid-line: a line never starts with this text, so # + - and 1. need nothing.
  return text.replace(/[\\`*_[\]<>|~&]/g, (character) => `\\${character}`).replace(/\s*\n\s*/g, " ");
}

/** A code span that holds any text, backticks included. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|")}${fence}`;
}

const MAX_FINDINGS_PER_PAGE = 20;

/** The URL as the gates print it: under the prefix the site was built with. */
const underPrefix = (url: string, pathPrefix: string) => `${pathPrefix.replace(/\/$/, "")}${url}`;

/** Whether a gate's line names the URL as a link target, not merely a longer URL that starts the same. */
function mentions(line: string, url: string): boolean {
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[\\s"'(=])${escaped}(?=$|[\\s"',)#?>])`).test(line);
}

interface PageRow {
  change: ContentChange;
  onSite: ChangedOnSite;
  /** The URL the old file was published at, for renames and deletions. */
  previousUrl?: string;
}

/** The summary of a pull request's content changes, as Markdown for $GITHUB_STEP_SUMMARY. */
export function prSummaryMarkdown(input: SummaryInput): string {
  const { changes, contentDir, pathPrefix, gates, previewUrl, siteDir } = input;
  const rows: PageRow[] = changes.map((change) => {
    const onSite = changedOnSite(contentDir, change.file);
    const before = change.kind === "renamed" ? changedOnSite(contentDir, change.from!) : undefined;
    const previousUrl =
      change.kind === "deleted" && "url" in onSite
        ? onSite.url
        : before && "url" in before && (!("url" in onSite) || before.url !== onSite.url)
          ? before.url
          : undefined;
    return { change, onSite, previousUrl };
  });
  const lines: string[] = ["## Pages this pull request changes", ""];
  lines.push(
    `Compared ${code(shortRevision(input.base))}...${code(shortRevision(input.head))} in ${code(`${contentDir}/`)}: ${describeCounts(changes)}.`,
    "",
  );
  if (!changes.length) {
    lines.push("No content file changed, so no page's words changed.", "");
  }
  const siteWide = rows.filter((row) => row.onSite.what === "site data");
  if (siteWide.length) {
    lines.push(
      `**Every page changes:** ${siteWide.map((row) => code(row.change.file)).join(", ")} ${siteWide.length === 1 ? "is" : "are"} site data, which every page is built from, so look at the gates' results for the whole site below.`,
      "",
    );
  }
  lines.push(
    `The built site is the \`site-preview\` artifact: [download it from this run](${previewUrl}), unzip it and run ${code("OUTPUT_DIR=<unzipped folder> npm run preview")} to open each page below at its address, as GitHub Pages will serve it.`,
    "",
  );
  if (rows.length) {
    lines.push(
      `| Page | Change | In the preview | ${gates.map((gate) => gate.gate).join(" | ")} |`,
      `| --- | --- | --- | ${gates.map(() => "---").join(" | ")} |`,
    );
    for (const row of rows) lines.push(tableRow(row, input));
    lines.push("");
  }
  lines.push("### Gates", "");
  for (const gate of gates) {
    lines.push(`- **${gate.gate}**: ${gateOutcome(gate)}: ${code(gate.closing)}`);
  }
  lines.push("");
  const detailed = rows.flatMap((row) => {
    const found = gates.flatMap((gate) =>
      pageFindings(row, gate, pathPrefix).map((line) => ({ gate: gate.gate, line })),
    );
    return found.length ? [{ row, found }] : [];
  });
  if (detailed.length) {
    lines.push("### Findings on these pages", "");
    for (const { row, found } of detailed) {
      lines.push(`#### ${escapeMarkdown(pageLabel(row))}`, "");
      for (const { gate, line } of found.slice(0, MAX_FINDINGS_PER_PAGE)) lines.push(`- ${gate}: ${code(line)}`);
      if (found.length > MAX_FINDINGS_PER_PAGE) {
        lines.push(`- and ${found.length - MAX_FINDINGS_PER_PAGE} more: the gates' steps print them all`);
      }
      lines.push("");
    }
  }
  if (siteDir && rows.some((row) => row.onSite.what === "page" && row.change.kind !== "deleted")) {
    const missing = rows.filter((row) => previewFile(row, siteDir) === null);
    if (missing.length) {
      lines.push(
        `Not in the preview: ${missing.map((row) => code(row.change.file)).join(", ")}. A page marked \`draft: true\` is left out of the build; otherwise the build reported why.`,
        "",
      );
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** A commit hash as GitHub shows it; a branch name as it is. */
const shortRevision = (revision: string) => (/^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision);

function describeCounts(changes: ContentChange[]): string {
  if (!changes.length) return "nothing changed";
  const counts = (["modified", "added", "renamed", "deleted"] as const)
    .map((kind) => [kind, changes.filter((change) => change.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`);
  return `${changes.length} file${changes.length === 1 ? "" : "s"} (${counts.join(", ")})`;
}

function pageLabel(row: PageRow): string {
  const { onSite, previousUrl } = row;
  const url = "url" in onSite ? onSite.url : undefined;
  if (row.change.kind === "deleted") return previousUrl ? `${previousUrl} (deleted)` : row.change.file;
  if (previousUrl && url) return `${url} (was ${previousUrl})`;
  return url ?? row.change.file;
}

function changeText(row: PageRow): string {
  const { change } = row;
  const kind = change.kind === "renamed" ? `renamed from ${code(change.from!)} to` : change.kind;
  const what: Record<ChangedOnSite["what"], string> = {
    page: "",
    "public file": " (a file in public/, published as it is)",
    "site data": " (site data: every page changes)",
    "folder defaults": ` (folder defaults: every page under this address changes)`,
    "not published": ` (not published: ${"reason" in row.onSite ? row.onSite.reason : ""})`,
  };
  return `${kind} ${code(change.file)}${what[row.onSite.what]}`;
}

/** The built file a changed page is in, relative to the site: undefined for what is not one page, null when the build left it out. */
function previewFile(row: PageRow, siteDir: string | undefined): string | null | undefined {
  if (row.onSite.what !== "page" || row.change.kind === "deleted") return undefined;
  const file = `${outputPathForUrl(row.onSite.url).replace(/^\//, "")}index.html`;
  if (siteDir && !existsSync(path.join(siteDir, file))) return null;
  return file;
}

function tableRow(row: PageRow, input: SummaryInput): string {
  const { onSite, change } = row;
  const url = "url" in onSite ? onSite.url : undefined;
  const page =
    onSite.what === "site data"
      ? "every page"
      : change.kind === "deleted"
        ? row.previousUrl
          ? `~~${escapeMarkdown(row.previousUrl)}~~`
          : "—"
        : url
          ? `[${escapeMarkdown(url)}](${input.previewUrl})${row.previousUrl ? ` (was ${escapeMarkdown(row.previousUrl)})` : ""}`
          : "—";
  const file = previewFile(row, input.siteDir);
  const preview =
    change.kind === "deleted"
      ? "no longer published"
      : file === null
        ? "not built"
        : file
          ? code(file)
          : onSite.what === "public file"
            ? code(onSite.url.slice(1))
            : "—";
  const results = input.gates.map((gate) => {
    if (onSite.what === "site data") return gateOutcome(gate);
    if (gate.outcome === "not run") return "not run";
    const found = pageFindings(row, gate, input.pathPrefix).length;
    if (found) return `${found} finding${found === 1 ? "" : "s"}`;
    if (change.kind === "deleted" || onSite.what === "not published") return "—";
    return gate.outcome === "could not run" ? "could not run" : "none";
  });
  return `| ${page} | ${changeText(row)} | ${preview} | ${results.join(" | ")} |`;
}

function gateOutcome(gate: GateOutput): string {
  if (gate.outcome === "failed") {
    return `failed, ${gate.findings.length} finding${gate.findings.length === 1 ? "" : "s"}`;
  }
  return gate.outcome;
}

/**
 * The gate's lines about one change: findings on the page itself (and, for folder defaults, on every page
 * under the folder), and lines that still point at the address a renamed or deleted page had.
 */
function pageFindings(row: PageRow, gate: GateOutput, pathPrefix: string): string[] {
  const { onSite } = row;
  const own = row.change.kind === "deleted" || !("url" in onSite) ? undefined : underPrefix(onSite.url, pathPrefix);
  const previous = row.previousUrl && underPrefix(row.previousUrl, pathPrefix);
  return gate.findings
    .filter(({ page, line }) => {
      if (own !== undefined) {
        if (onSite.what === "folder defaults" ? page.startsWith(own) : page === own) return true;
        if (onSite.what === "public file" && mentions(line, own)) return true;
      }
      return previous !== undefined && mentions(line, previous);
    })
    .map(({ line }) => line);
}
