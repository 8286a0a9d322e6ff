import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs `gh` with these arguments and gives what it printed; rejects, with gh's stderr, when it fails. */
export type GhProgram = (args: string[]) => Promise<string>;

/** The `gh` found on the environment's PATH (GitHub's runners have it; GH_TOKEN authorises it). */
export const ghCli =
  (env: NodeJS.ProcessEnv = process.env): GhProgram =>
  async (args) =>
    (await run("gh", args, { env, maxBuffer: 64 * 1024 * 1024 })).stdout;

/** An open issue as `gh issue list --json` gives it. */
export interface OpenIssue {
  number: number;
  title: string;
  body: string;
  assignees: { login: string }[];
}

/** What a script wants an issue to say, and who should have it. */
export interface WantedIssue {
  title: string;
  body: string;
  assignees: string[];
}

/** What a run did, one line per issue, for the job's log. */
export type IssueAction = `${"opened" | "updated" | "closed" | "unchanged"} #${number}: ${string}`;

/**
 * Issues the scheduled jobs keep, through the `gh` CLI,
 * each found again by a hidden marker in its body, under one label, so a second run updates rather than
 * duplicates and a person's own issues are never touched.
 */
export class GitHubIssues {
  constructor(
    private readonly label: { name: string; description: string; color: string },
    private readonly gh: GhProgram = ghCli(),
  ) {}

  /** Makes sure the label exists (with --force, creating or updating it), then lists its open issues. */
  async open(): Promise<OpenIssue[]> {
    const { name, description, color } = this.label;
    await this.gh(["label", "create", name, "--description", description, "--color", color, "--force"]);
    const listed = await this.gh([
      "issue",
      "list",
      "--label",
      name,
      "--state",
      "open",
      "--limit",
      "1000",
      "--json",
      "number,title,body,assignees",
    ]);
    return JSON.parse(listed) as OpenIssue[];
  }

  async create(wanted: WantedIssue): Promise<number> {
    const args = ["issue", "create", "--title", wanted.title, "--body", wanted.body, "--label", this.label.name];
    for (const login of wanted.assignees) args.push("--assignee", login);
    const printed = await this.gh(args);
    // gh prints the new issue's address.
    return Number(/\/issues\/(\d+)/.exec(printed)?.[1] ?? 0);
  }

  /** Rewrites an issue when its title, body or assignees have changed; says whether it did. */
  async update(issue: OpenIssue, wanted: WantedIssue): Promise<boolean> {
    const missing = wanted.assignees.filter((login) => !issue.assignees.some((has) => has.login === login));
    if (issue.title === wanted.title && issue.body.trim() === wanted.body.trim() && missing.length === 0) return false;
    const args = ["issue", "edit", String(issue.number), "--title", wanted.title, "--body", wanted.body];
    for (const login of missing) args.push("--add-assignee", login);
    await this.gh(args);
    return true;
  }

  async close(issue: OpenIssue, comment: string): Promise<void> {
    await this.gh(["issue", "close", String(issue.number), "--comment", comment]);
  }
}

/** The hidden line an issue is found again by. */
export const marker = (key: string): string => `<!-- ${key} -->`;

/**
 * A CODEOWNERS file's owners for a file, by GitHub's rules: the last matching line wins; `*` matches
 * within a folder, `**` across folders; a pattern with no slash but a trailing one matches at any depth.
 */
export function codeOwnersFor(codeOwners: string, file: string): string[] {
  let owners: string[] = [];
  for (const line of codeOwners.split("\n")) {
    const [pattern, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (!pattern) continue;
    if (patternMatches(pattern, file)) owners = names;
  }
  return owners;
}

function patternMatches(pattern: string, file: string): boolean {
  const anchored = pattern.startsWith("/") || pattern.slice(0, -1).includes("/");
  let source = pattern
    .replace(/^\//, "")
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*\*\/?|\*|\?/g, (wild) => (wild.startsWith("**") ? "(?:.*/)?" : wild === "*" ? "[^/]*" : "[^/]"));
  source = source.endsWith("/") ? `${source}.*` : `${source}(?:/.*)?`;
  return new RegExp(`^${anchored ? "" : "(?:.*/)?"}${source}$`).test(file);
}

/** A GitHub user (`@name`), who can be assigned; teams (`@org/team`) can only be mentioned. */
export const isUserHandle = (owner: string): boolean => /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(owner);
export const isTeamHandle = (owner: string): boolean => /^@[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/.test(owner);
