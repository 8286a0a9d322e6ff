import { copyFile, lstat, mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Copies content/public/ into the site's /public/, regular files only. Eleventy's passthrough copy
 * would follow a symbolic link and publish whatever it points at (`passwd -> /etc/passwd`); the
 * content check refuses links, and this copy never follows one even if a link appears after it.
 * Files already copied and unchanged (same size and time) are left alone, so a dev-server save is cheap;
 * files no longer in content/public/ are removed from the output.
 */
export async function copyPublicFiles(sourceDir: string, targetDir: string): Promise<void> {
  const entries = await readdir(sourceDir, { withFileTypes: true, recursive: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    },
  );
  const wanted = new Set<string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(sourceDir, path.join(entry.parentPath, entry.name));
    wanted.add(relative);
    const from = path.join(sourceDir, relative);
    const to = path.join(targetDir, relative);
    const [source, copied] = await Promise.all([lstat(from), lstat(to).catch(() => undefined)]);
    if (copied?.isFile() && copied.size === source.size && copied.mtimeMs >= source.mtimeMs) continue;
    await mkdir(path.dirname(to), { recursive: true });
    await rm(to, { force: true });
    await copyFile(from, to);
  }
  const published = await readdir(targetDir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of published) {
    const relative = path.relative(targetDir, path.join(entry.parentPath, entry.name));
    if (!entry.isDirectory() && !wanted.has(relative)) await rm(path.join(targetDir, relative), { force: true });
  }
}
