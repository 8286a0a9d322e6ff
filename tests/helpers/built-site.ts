import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { load, type CheerioAPI } from "cheerio";
import { readSettings } from "../../lib/settings.ts";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
/** Byte-for-byte copies of the five source documents, so a clone needs nothing beside it. */
export const seedsDir = path.join(projectRoot, "tests/fixtures/seeds");
/** Where test builds go; TEST_OUTPUT_DIR lets two test runs share a checkout without colliding. */
export const testOutputDir = path.resolve(projectRoot, process.env.TEST_OUTPUT_DIR ?? ".test-output");

/** The sites tests read, each built once per `npm test` (scripts/test.ts) or on demand when a file runs alone. */
export const SITES = {
  root: {},
  // Search in two bundles of seven pages, so the browser tests also search an index merged from bundles (lib/search/search-index.ts).
  prefixed: { PATH_PREFIX: "/service-manual/", SEARCH_BUNDLE_PAGES: "7" },
  // A small site with known dates, orders, drafts and redirects for the findability tests, under a prefix.
  findability: { CONTENT_DIR: "tests/fixtures/findability", PATH_PREFIX: "/manual/", SITE_TODAY: "2026-01-15" },
} satisfies Record<string, NodeJS.ProcessEnv>;

/**
 * Builds a site in this process, as `npm run build` does with this environment, and says what it printed and how the
 * script would exit. For tests about what a build makes of some content: the child process costs seconds and proves
 * nothing more there. The settings come from `env` alone, never from the test process's environment.
 */
export async function buildInProcess(
  env: NodeJS.ProcessEnv & { OUTPUT_DIR: string },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const settings = readSettings(env);
  // Loaded on first use: it brings in Eleventy and all it loads, which the many test files needing only
  // projectRoot or readPage from here would otherwise each load for nothing.
  const { buildSite: buildSiteInProcess } = await import("../../lib/build/build-site.ts");
  const result = await buildSiteInProcess({ settings, projectRoot, outputDir: settings.outputDir });
  const printed = (stream: "stdout" | "stderr") =>
    result.lines
      .filter((line) => line.stream === stream)
      .map((line) => `${line.text}\n`)
      .join("");
  return { code: result.ok ? 0 : 1, stdout: printed("stdout"), stderr: printed("stderr") };
}

/**
 * Builds one of the standard sites into .test-output/<name> in this process: its settings over this process's
 * environment, as `npm run build` with them would. scripts/test.ts builds them so for a run; a file run alone, here.
 */
export async function buildStandardSite(
  name: keyof typeof SITES,
): Promise<{ dir: string; code: number; stdout: string; stderr: string }> {
  const dir = path.join(testOutputDir, name);
  return { dir, ...(await buildInProcess({ ...process.env, ...SITES[name], OUTPUT_DIR: dir })) };
}

/** Where scripts/test.ts records that a shared site's build has finished: "ok", or what the failed build printed. */
export const siteBuiltMarker = (name: string): string => path.join(testOutputDir, `${name}.built`);

/**
 * One of the standard sites: the one scripts/test.ts is building for this run (waiting for it to finish,
 * as the test files start beside the builds), built now otherwise.
 */
export async function standardSite(name: keyof typeof SITES): Promise<string> {
  const dir = path.join(testOutputDir, name);
  if (process.env.PREBUILT_SITES?.split(",").includes(name)) {
    const marker = siteBuiltMarker(name);
    const deadline = Date.now() + 10 * 60_000;
    while (!existsSync(marker)) {
      if (Date.now() > deadline) throw new Error(`the ${name} site was still being built after ten minutes`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const outcome = readFileSync(marker, "utf8");
    if (outcome !== "ok") throw new Error(`building the ${name} site failed:\n${outcome}`);
    return dir;
  }
  const result = await buildStandardSite(name);
  if (result.code !== 0) throw new Error(`building the ${name} site failed:\n${result.stderr}`);
  return dir;
}

/** A built page parsed for querying, by its URL path. */
export function readPage(siteDir: string, url: string): CheerioAPI {
  return load(readFileSync(path.join(siteDir, url, "index.html"), "utf8"));
}

/** The page's one script tag and the code of the bundle it loads, read from the built site (the path prefix taken off). */
export function pageScript(siteDir: string, $: CheerioAPI, prefix = "/"): { tags: number; src: string; code: string } {
  const scripts = $('script[type="module"][src]');
  const src = scripts.first().attr("src") ?? "";
  const file = src.startsWith(prefix) ? path.join(siteDir, src.slice(prefix.length)) : "";
  return { tags: scripts.length, src, code: file && existsSync(file) ? readFileSync(file, "utf8") : "" };
}

/** Set by scripts/test.ts for one run, so the files of that run can share builds and a later run never reads them. */
export const testRunId = process.env.TEST_RUN_ID;
const sharedInThisProcess = new Map<string, Promise<unknown>>();

/**
 * Makes something once per test run, however many test files ask for it and in whichever processes: the first to ask
 * makes it while the others wait, and all get the JSON it returned. What it makes must not be changed by those that
 * read it. A file run alone (no test run) makes it once for its own process.
 */
export function sharedOncePerRun<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!sharedInThisProcess.has(key)) sharedInThisProcess.set(key, testRunId ? acrossProcesses(key, make) : make());
  return sharedInThisProcess.get(key) as Promise<T>;
}

async function acrossProcesses<T>(key: string, make: () => Promise<T>): Promise<T> {
  const dir = path.join(testOutputDir, "shared", testRunId!);
  const result = path.join(dir, `${key}.json`);
  mkdirSync(dir, { recursive: true });
  let maker = true;
  try {
    // Creating a folder either succeeds or finds it there, in one step, so only one process makes each thing.
    mkdirSync(path.join(dir, `${key}.making`));
  } catch {
    maker = false;
  }
  if (maker) {
    let outcome: { value?: T; error?: string };
    try {
      outcome = { value: await make() };
    } catch (error) {
      outcome = { error: (error as Error).stack ?? String(error) };
    }
    writeFileSync(`${result}.partial`, JSON.stringify(outcome));
    renameSync(`${result}.partial`, result);
  }
  const deadline = Date.now() + 10 * 60_000;
  while (!existsSync(result)) {
    if (Date.now() > deadline) throw new Error(`${key} was still being made after ten minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const outcome = JSON.parse(readFileSync(result, "utf8")) as { value?: T; error?: string };
  if (outcome.error !== undefined) throw new Error(`making ${key} for this test run failed:\n${outcome.error}`);
  return outcome.value as T;
}
