import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Builds into a fresh folder beside the target and swaps it in only when the build succeeds,
 * so a failed build leaves the last good site exactly as it was.
 */
export async function buildAtomically(target: string, build: (outputDir: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(path.resolve(target));
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(target)}-building-`));
  try {
    await build(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const retired = `${staging}-previous`;
  await rename(target, retired).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, target);
  await rm(retired, { recursive: true, force: true });
}
