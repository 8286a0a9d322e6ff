import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AxeResults } from "axe-core";
import { AXE_DISABLED_RULES, AXE_SOURCE_PATH, AXE_TAGS } from "./axe-rules.ts";
import { CHROMEDRIVER_PATH, CHROMIUM_PATH, CHROMIUM_SWITCHES, requireChromium } from "./chromium.ts";

const run = promisify(execFile);
const AXE_CLI = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@axe-core/cli/package.json")),
  "dist/src/bin/cli.js",
);
// One browser session per batch: fewer start-ups, and a command line that stays short at 10,000 pages.
const URLS_PER_RUN = 50;

/**
 * The CLI has no switch for axe's plain `axe.run`. Given an axe with `runPartial`, it runs each page in parts and
 * then opens a blank window, injects axe a second time there and joins the parts: nearly twice the work a page,
 * and only of use for frames from other origins, which our pages do not embed. Without `runPartial` it calls
 * `axe.run` on the page, which reports the same results (same rules, same nodes). So the CLI is handed the same
 * axe-core build with that one function taken away, written for this run only.
 */
function axeSourceForPlainRun(dir: string): string {
  const file = path.join(dir, "axe.js");
  writeFileSync(file, `${readFileSync(AXE_SOURCE_PATH, "utf8")}\n;delete window.axe.runPartial;\n`);
  return file;
}

/** Runs @axe-core/cli in Debian's Chromium (through Debian's ChromeDriver) over the URLs, at its default window size. */
export async function runAxeCli(urls: string[]): Promise<AxeResults[]> {
  requireChromium([CHROMIUM_PATH, CHROMEDRIVER_PATH]);
  const sourceDir = mkdtempSync(path.join(tmpdir(), "axe-source-"));
  try {
    return await runInBatches(urls, axeSourceForPlainRun(sourceDir));
  } finally {
    rmSync(sourceDir, { recursive: true, force: true });
  }
}

async function runInBatches(urls: string[], axeSource: string): Promise<AxeResults[]> {
  const results: AxeResults[] = [];
  for (let start = 0; start < urls.length; start += URLS_PER_RUN) {
    const batch = urls.slice(start, start + URLS_PER_RUN);
    const args = [
      AXE_CLI,
      ...batch,
      "--tags",
      AXE_TAGS.join(","),
      ...(AXE_DISABLED_RULES.length > 0 ? ["--disable", AXE_DISABLED_RULES.join(",")] : []),
      "--axe-source",
      axeSource,
      "--chromedriver-path",
      CHROMEDRIVER_PATH,
      "--chrome-path",
      CHROMIUM_PATH,
      "--chrome-options",
      CHROMIUM_SWITCHES.join(","),
      "--stdout",
    ];
    let stdout: string;
    try {
      ({ stdout } = await run(process.execPath, args, { maxBuffer: 512 * 1024 * 1024 }));
    } catch (error) {
      const failed = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`@axe-core/cli failed: ${(failed.stderr || failed.stdout || failed.message).trim()}`, {
        cause: error,
      });
    }
    const parsed = JSON.parse(stdout) as AxeResults | AxeResults[];
    results.push(...(Array.isArray(parsed) ? parsed : [parsed]));
  }
  return results;
}
