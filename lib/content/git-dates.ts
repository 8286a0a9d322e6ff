import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Diagnostic } from "../diagnostics.ts";

const run = promisify(execFile);
const COMMIT = "\x1e";

/** Each file's last commit date, and why some may have none: a shallow clone says so once, not silently. */
export class CommitDates extends Map<string, Date> {
  readonly diagnostics: Diagnostic[] = [];
}

/**
 * The date of the last commit that changed each file under `folder`, keyed by path from `projectRoot`,
 * from one `git log` for the whole folder (one per page would cost a process per page).
 *
 * Without git, or outside a repository, it is empty: pages then show only the dates their front matter gives.
 * In a shallow clone the oldest commit fetched stands in for all the history before it and lists every
 * file, so files last changed there get no date rather than a wrong one (CI needs `fetch-depth: 0` for them).
 * When that commit holds nothing under `folder`, every file there was changed since, and nothing is missing.
 */
export async function lastCommitDates(folder: string, projectRoot = process.cwd()): Promise<CommitDates> {
  const dates = new CommitDates();
  // git would answer that the folder is outside the repository; a process costs more than a small site's build.
  if (!mayBeTrackedByGit(folder, projectRoot)) return dates;
  // quotePath off: git would otherwise write a name like café.md as "caf\303\251.md", matching no page.
  const git = (...args: string[]) => run("git", ["-c", "core.quotePath=false", ...args], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  let log: string;
  let shallow = false;
  try {
    log = (await git("log", `--format=${COMMIT}%cI %P`, "--name-only", "--relative", "--no-renames", "--", path.relative(projectRoot, folder) || ".")).stdout;
    // Only a commit with no parents can be the oldest one a shallow clone fetched, so git is asked whether the
    // clone is shallow only when such a commit changed the folder: a folder git does not track costs one process.
    if (log.split(COMMIT).some((commit) => commit && commit.split("\n")[0].trim().split(" ").length === 1))
      shallow = (await git("rev-parse", "--is-shallow-repository")).stdout.trim() === "true";
  } catch {
    return dates;
  }
  if (shallow)
    dates.diagnostics.push({
      severity: "warning",
      file: path.relative(projectRoot, folder) || ".",
      message:
        "git history is shallow: pages last changed before the oldest fetched commit show no “Last updated” date from git; fetch the whole history (actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`)",
    });
  for (const commit of log.split(COMMIT).slice(1)) {
    const [header, ...files] = commit.split("\n");
    const [committed, ...parents] = header.trim().split(" ");
    if (shallow && parents.length === 0) continue;
    for (const file of files) {
      if (file && !dates.has(file)) dates.set(file, new Date(committed));
    }
  }
  return dates;
}

/**
 * Whether `folder` can be in the git work tree `projectRoot` is in: false when no folder from `projectRoot` up
 * holds `.git` (a folder, or a file for a worktree), or when `folder` is outside the one that does. With GIT_DIR
 * or GIT_WORK_TREE set, git is asked, as it reads them.
 */
function mayBeTrackedByGit(folder: string, projectRoot: string): boolean {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined) return true;
  for (let dir = path.resolve(projectRoot); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) {
      const inside = path.relative(dir, path.resolve(folder));
      return inside === "" || (!inside.startsWith("..") && !path.isAbsolute(inside));
    }
    if (path.dirname(dir) === dir) return false;
  }
}
