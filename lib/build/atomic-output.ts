import { spawn, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
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
export async function removeAbandonedBuilds(target: string): Promise<string[]> {
  const parent = path.dirname(path.resolve(target));
  const prefix = `.${path.basename(target)}${STAGING_MARK}`;
  const names = await readdir(parent).catch(() => [] as string[]);
  const abandoned = names.filter((name) => {
    if (!name.startsWith(prefix)) return false;
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

/**
 * A published site must hold files only: GitHub Pages' upload follows links, so a link in the
 * output would publish whatever it points at on the build machine.
 */
async function refuseLinks(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
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
 * (microseconds) the target does not exist. Leftovers of killed builds are removed first.
 */
export async function buildAtomically(target: string, build: (outputDir: string) => Promise<void>): Promise<void> {
  const resolved = path.resolve(target);
  const parent = path.dirname(resolved);
  await mkdir(parent, { recursive: true });
  await removeAbandonedBuilds(resolved);
  const staging = await mkdtemp(path.join(parent, `.${path.basename(resolved)}${STAGING_MARK}${process.pid}-`));
  const targetExisted = await readdir(resolved).then(
    () => true,
    () => false,
  );
  const ready = targetExisted ? readyExchange() : undefined;
  try {
    await build(staging);
    await refuseLinks(staging);
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
    await rm(staging, { recursive: true, force: true });
    return;
  }
  const retired = `${staging}-previous`;
  await rename(resolved, retired).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, resolved);
  await rm(retired, { recursive: true, force: true });
}
