import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

// What the caches in node_modules/.cache (stylesheets, page scripts, compiled templates, the build cache)
// share: entries written so that a build running alongside never reads half of one, and old entries
// removed now and then so a cache folder does not grow without end.

const partialName = (file: string) => `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;

/**
 * Folders this process has made or found: a cache entry's folder is nearly always there already, and asking
 * costs a system call for each of a build's thousands of writes. A folder removed since (a cache deleted by
 * hand while the dev server runs) shows as a write failing with ENOENT, and is made again.
 */
const madeFolders = new Set<string>();

async function inFolder<T>(file: string, write: () => Promise<T>): Promise<T> {
  const folder = path.dirname(file);
  if (!madeFolders.has(folder)) {
    await mkdir(folder, { recursive: true });
    madeFolders.add(folder);
    return write();
  }
  try {
    return await write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    madeFolders.delete(folder);
    return inFolder(file, write);
  }
}

/** Writes the file beside its final name and renames it, making its folder first. */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const partial = partialName(file);
  await inFolder(file, async () => {
    await writeFile(partial, data);
    await rename(partial, file);
  });
}

/**
 * Puts the file at `to` as a hard link, a second name for the same storage, where the disk allows, since
 * that writes nothing; else (another disk) as a copy.
 */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  await link(from, to).catch(() => copyFile(from, to));
}

/** linkOrCopy beside its final name first, then renamed, making its folder first. */
export async function linkAtomically(from: string, file: string): Promise<void> {
  const partial = partialName(file);
  try {
    await inFolder(file, async () => {
      await linkOrCopy(from, partial);
      await rename(partial, file);
    });
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** writeAtomically, for callers that cannot wait (a Nunjucks loader, a Markdown renderer). */
export function writeAtomicallySync(file: string, data: string): void {
  const folder = path.dirname(file);
  const write = () => {
    const partial = partialName(file);
    writeFileSync(partial, data);
    renameSync(partial, file);
  };
  if (!madeFolders.has(folder)) {
    mkdirSync(folder, { recursive: true });
    madeFolders.add(folder);
    return write();
  }
  try {
    write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(folder, { recursive: true });
    write();
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a cache folder is due to be looked over for old entries, at most once a day: a folder can hold
 * tens of thousands. Says yes once, marking the folder, so the next build does not look again.
 */
export async function dueForPruning(dir: string): Promise<boolean> {
  const mark = path.join(dir, ".pruned");
  const last = (await stat(mark).catch(() => undefined))?.mtimeMs ?? 0;
  if (Date.now() - last < DAY_MS) return false;
  await writeAtomically(mark, new Date().toISOString()).catch(() => {});
  return true;
}

/** Removes the files of a cache folder, named as `matches` says, last written (or touched) longer ago than keptForMs. */
export async function removeOldFiles(
  dir: string,
  keptForMs: number,
  matches: (name: string) => boolean,
): Promise<void> {
  const cutoff = Date.now() - keptForMs;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!matches(name)) continue;
    const file = path.join(dir, name);
    if (((await stat(file).catch(() => undefined))?.mtimeMs ?? Infinity) < cutoff) await rm(file, { force: true });
  }
}

/**
 * Each file's hash by what its stat says of it, for this process's later builds: the renderer's few
 * hundred files, and the stylesheet's, are read and hashed once, not on every build of a test run or dev session. Safe to keep:
 * an entry is used only while the file's size, inode and nanosecond modification time are all unchanged,
 * which any write changes.
 */
const hashedFiles = new Map<string, { stamp: string; hash: string }>();

export async function hashOfFile(file: string): Promise<string> {
  const stats = await stat(file, { bigint: true });
  const stamp = `${stats.size}:${stats.ino}:${stats.mtimeNs}:${stats.ctimeNs}`;
  const known = hashedFiles.get(file);
  if (known?.stamp === stamp) return known.hash;
  const hash = createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
  hashedFiles.set(file, { stamp, hash });
  return hash;
}
