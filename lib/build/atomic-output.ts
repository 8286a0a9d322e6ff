import { spawn, spawnSync } from "node:child_process";
import type { Dirent } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, unlink } from "node:fs/promises";
import path from "node:path";

const STAGING_MARK = "-building-";

/** Whether a process with this id is still running (signal 0 tests without sending anything). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the staging folders of builds that were killed before they could clean up after
 * themselves. Each staging folder's name carries its build's process id, so a folder whose
 * build is still running (a second build at the same time) is left alone.
 */
export async function removeAbandonedBuilds(target: string, inUse?: string): Promise<string[]> {
  const parent = path.dirname(path.resolve(target));
  const prefix = `.${path.basename(target)}${STAGING_MARK}`;
  const names = await readdir(parent).catch(() => [] as string[]);
  const abandoned = names.filter((name) => {
    if (!name.startsWith(prefix) || path.join(parent, name) === inUse) return false;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    return !Number.isInteger(pid) || pid === process.pid || !isRunning(pid);
  });
  await Promise.all(abandoned.map((name) => rm(path.join(parent, name), { recursive: true, force: true })));
  return abandoned.map((name) => path.join(parent, name));
}

// Linux's renameat2(RENAME_EXCHANGE) swaps two folders in one step, so no reader ever finds the
// target missing. Node has no binding for it; Python's ctypes reaches libc's without a native module.
const EXCHANGE_SCRIPT = `
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD, RENAME_EXCHANGE = -100, 2
if libc.renameat2(AT_FDCWD, os.fsencode(sys.argv[1]), AT_FDCWD, os.fsencode(sys.argv[2]), RENAME_EXCHANGE) != 0:
    sys.exit(1)
`;

// Isolated (no PYTHON* variables, no user site folder) and without the site module, which ctypes does not
// need: the interpreter starts in about two thirds of the time, and a machine's Python settings cannot change the swap.
const PYTHON_QUIET = ["-I", "-S"];

/** A staging folder made from the spare: its folders, not one file left. */
export interface ReusedFolders {
  staging: string;
  /** The folders it had, to remove those this build leaves empty. */
  folders: string[];
}

/**
 * Takes the folder the last build kept at `spare` (see buildAtomically's `spare`) as a staging folder
 * beside the target, and removes every file in it, keeping its folders: a site of thousands of pages has a
 * folder for each, and making them all again cost a rebuild about as much as anything it rendered. So
 * nothing is left of the last site but one, no file is shared with it (or through it with the cache or
 * the site being served), and the build writes every file anew. Resolves with undefined when there is no
 * spare folder, another build took it first, or it is on another disk. Meant to start with the build,
 * beside its loading.
 */
export async function reuseSpareFolders(target: string, spare: string): Promise<ReusedFolders | undefined> {
  const resolved = path.resolve(target);
  const staging = path.join(
    path.dirname(resolved),
    `.${path.basename(resolved)}${STAGING_MARK}${process.pid}-reused${Math.random().toString(36).slice(2, 8)}`,
  );
  try {
    await rename(spare, staging);
  } catch {
    return undefined;
  }
  try {
    const entries = await readdir(staging, { withFileTypes: true, recursive: true });
    const folders = entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(entry.parentPath, entry.name));
    await Promise.all(
      entries.filter((entry) => !entry.isDirectory()).map((entry) => unlink(path.join(entry.parentPath, entry.name))),
    );
    return { staging, folders };
  } catch {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    return undefined;
  }
}

/** Gives back folders reuseSpareFolders took, for a build that failed before it could build in them. */
export async function returnSpareFolders(reused: ReusedFolders, spare: string): Promise<void> {
  await rename(reused.staging, spare)
    .catch(() => rm(reused.staging, { recursive: true, force: true }))
    .catch(() => {
      // Named for this build's process, so the next build removes it (removeAbandonedBuilds).
    });
}

/**
 * Removes each of the reused folders the build left empty, deepest first, so none is published that a
 * fresh build would not have. `entries` is the whole staging folder, as listed once for refuseLinks too.
 */
async function removeEmptyFolders(folders: string[], entries: Dirent[]): Promise<void> {
  const holding = new Set<string>();
  for (const entry of entries)
    if (!entry.isDirectory())
      for (let folder = entry.parentPath; !holding.has(folder); folder = path.dirname(folder)) {
        holding.add(folder);
        if (path.dirname(folder) === folder) break;
      }
  const empty = folders.filter((folder) => !holding.has(folder));
  for (const folder of empty.sort((a, b) => b.split(path.sep).length - a.split(path.sep).length))
    await rmdir(folder).catch(() => {
      // Something was written in it after all: it stays.
    });
}

/**
 * A published site must hold files only: GitHub Pages' upload follows links, so a link in the
 * output would publish whatever it points at on the build machine.
 */
function refuseLinks(dir: string, entries: Dirent[]): void {
  const links = entries
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
  if (links.length) throw new Error(`The build wrote symbolic links, which are never published: ${links.join(", ")}`);
}

/** Swaps two existing folders in one atomic step where the platform can (Linux with python3); false when it cannot. */
export function exchangeFolders(a: string, b: string): boolean {
  if (process.platform !== "linux") return false;
  const result = spawnSync("python3", [...PYTHON_QUIET, "-c", EXCHANGE_SCRIPT, a, b], {
    stdio: "ignore",
    timeout: 10_000,
  });
  return result.status === 0;
}

// The same exchange, for two paths read from standard input, so the interpreter can start while the site builds.
const EXCHANGE_FROM_INPUT = `
import ctypes, os, sys
a, b = sys.stdin.read().split("\\0")[:2]
libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD, RENAME_EXCHANGE = -100, 2
if libc.renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) != 0:
    sys.exit(1)
`;

/**
 * An exchange made ready before it is needed: starting Python takes longer than building a small
 * site, so it starts with the build and waits for the two folders.
 */
function readyExchange(): { exchange(a: string, b: string): Promise<boolean>; cancel(): void } {
  if (process.platform !== "linux") return { exchange: async () => false, cancel() {} };
  const child = spawn("python3", [...PYTHON_QUIET, "-c", EXCHANGE_FROM_INPUT], { stdio: ["pipe", "ignore", "ignore"] });
  const exited = new Promise<boolean>((resolve) => {
    child.once("error", () => resolve(false));
    child.once("close", (code) => resolve(code === 0));
  });
  child.stdin.on("error", () => {});
  return {
    exchange(a, b) {
      const timer = setTimeout(() => child.kill(), 10_000);
      child.stdin.end(`${a}\0${b}`);
      return exited.finally(() => clearTimeout(timer));
    },
    cancel() {
      child.stdin.end();
      child.kill();
    },
  };
}

/**
 * Builds into a fresh folder beside the target and swaps it in only when the build succeeds,
 * so a failed build leaves the last good site exactly as it was. Where the platform allows, the
 * swap is one atomic exchange; otherwise it is two renames, and for the moment between them
 * (microseconds) the target does not exist. Leftovers of killed builds are removed first. With
 * `spare`, the site it replaced is kept there for the next build to take with reuseSpareFolders,
 * instead of being removed (a spare on another disk is removed).
 */
export async function buildAtomically(
  target: string,
  /** Builds the site in `outputDir`, which already has `folders` (when reused): each empty. */
  build: (outputDir: string, folders: ReadonlySet<string>) => Promise<void>,
  options: {
    /** Folders to build in (from reuseSpareFolders), rather than a new empty one. */
    reused?: Promise<ReusedFolders | undefined>;
    /** Where to keep the replaced site, for the next build to take its folders (reuseSpareFolders), rather than removing it. */
    spare?: string;
  } = {},
): Promise<void> {
  const resolved = path.resolve(target);
  const parent = path.dirname(resolved);
  await mkdir(parent, { recursive: true });
  const reused = await options.reused;
  await removeAbandonedBuilds(resolved, reused?.staging);
  const staging =
    reused?.staging ?? (await mkdtemp(path.join(parent, `.${path.basename(resolved)}${STAGING_MARK}${process.pid}-`)));
  const targetExisted = await readdir(resolved).then(
    () => true,
    () => false,
  );
  const ready = targetExisted ? readyExchange() : undefined;
  try {
    await build(staging, new Set(reused?.folders));
    const entries = await readdir(staging, { withFileTypes: true, recursive: true });
    if (reused) await removeEmptyFolders(reused.folders, entries);
    refuseLinks(staging, entries);
  } catch (error) {
    ready?.cancel();
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const targetExists = await readdir(resolved).then(
    () => true,
    () => false,
  );
  if (!targetExists) ready?.cancel();
  if (targetExists && (ready ? await ready.exchange(staging, resolved) : exchangeFolders(staging, resolved))) {
    // staging now holds the previous site.
    await retire(staging, options.spare);
    return;
  }
  const retired = `${staging}-previous`;
  await rename(resolved, retired).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, resolved);
  await retire(retired, options.spare);
}

/** Removes the site a build replaced, or keeps it as the spare folder for the next build. */
async function retire(previous: string, spare: string | undefined): Promise<void> {
  // The new site is in place: nothing here may fail the build. What is left is removed by the next one.
  try {
    if (spare) {
      // Another build's spare, left since, would only be older; a build finishing alongside may be removing it too.
      await rm(spare, { recursive: true, force: true }).catch(() => {});
      await mkdir(path.dirname(spare), { recursive: true }).catch(() => {});
      const kept = await rename(previous, spare).then(
        () => true,
        () => false,
      );
      if (kept) return;
    }
    await rm(previous, { recursive: true, force: true });
  } catch {
    // Named for this build's process, so the next build removes it (removeAbandonedBuilds).
  }
}
