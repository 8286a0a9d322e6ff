import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { readFile, utimes } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { dueForPruning, removeOldFiles, writeAtomically } from "../cache-files.ts";
import { CONTENT_COMPONENTS, type UsedStyles } from "./used-components.ts";

export type Brand = "defra" | "govuk";

// Dart Sass spends seconds of pure JavaScript on GOV.UK Frontend. In a worker thread
// (lib/eleventy/sass-worker.cjs) that time runs on another core while the main thread renders pages.
// Remembered for the process by what is compiled in: the same Sass always compiles to the same stylesheet.
const compiled = new Map<string, Promise<string>>();
/** The styles each brand's last build used in this process, to start the next build's stylesheet early. */
const lastUsed = new Map<string, UsedStyles>();

/** Every layouts/components/<name>/ with styles, alphabetical so the order of ties never depends on the disk. */
export function layoutComponentsWithStyles(projectRoot: string): string[] {
  const folder = path.join(projectRoot, "layouts", "components");
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "_index.scss")))
    .map((entry) => entry.name)
    .sort();
}

/** The modules the brand's entry `@use`s as `build:<name>`, written for what this build compiles in. */
function generatedModules(projectRoot: string, used: UsedStyles): Record<string, string> {
  const uses = (urls: string[]) => urls.map((url) => `@use "${url}";\n`).join("");
  return {
    "govuk-components": uses(used.govuk.map((name) => `pkg:govuk-frontend/components/${name}`)),
    "layout-components": uses(layoutComponentsWithStyles(projectRoot).map((name) => `layouts/components/${name}`)),
    "content-components": uses(used.content.map((name) => `${CONTENT_COMPONENTS}/${name}`)),
  };
}

interface Compiled {
  css: string;
  /** Every file the stylesheet was compiled from, with a hash of what it held. */
  inputs: [file: string, hash: string][];
}

const hashOf = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/**
 * Stylesheets kept between processes, so a build whose pages use the components the last one did
 * writes its stylesheet without compiling it. An entry stands only while every file it was compiled
 * from still holds what it did.
 */
const cacheDir = (projectRoot: string) => path.join(projectRoot, "node_modules", ".cache", "site-stylesheets");

async function fromCache(file: string): Promise<string | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, "utf8")) as Compiled;
    for (const [input, hash] of entry.inputs) if (hashOf(await readFile(input)) !== hash) return undefined;
    return entry.css;
  } catch {
    return undefined;
  }
}

function compileInWorker(projectRoot: string, brand: Brand, modules: Record<string, string>): Promise<Compiled> {
  const entry = path.join(projectRoot, "assets", "scss", `${brand}.scss`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./sass-worker.cjs", import.meta.url), {
      execArgv: [],
      workerData: { entry, projectRoot, modules },
    });
    worker.once("message", async (message: { css?: string; files?: string[]; error?: string }) => {
      void worker.terminate();
      if (message.error !== undefined) return reject(new Error(`Sass could not compile ${entry}: ${message.error}`));
      try {
        const inputs = await Promise.all(
          message.files!.map(async (file): Promise<[string, string]> => [file, hashOf(await readFile(file))]),
        );
        resolve({ css: message.css!, inputs });
      } catch (error) {
        reject(error);
      }
    });
    worker.once("error", reject);
  });
}

const KEPT_FOR_MS = 30 * 24 * 60 * 60 * 1000;

async function compileOrReuse(projectRoot: string, brand: Brand, modules: Record<string, string>): Promise<string> {
  const file = path.join(cacheDir(projectRoot), `${brand}-${hashOf(JSON.stringify([projectRoot, modules]))}.json`);
  const cached = await fromCache(file);
  if (cached !== undefined) {
    const now = new Date();
    await utimes(file, now, now).catch(() => {});
    return cached;
  }
  const result = await compileInWorker(projectRoot, brand, modules);
  // A cache that cannot be written (a read-only checkout) costs the next build time, never this one.
  await writeAtomically(file, JSON.stringify(result)).catch(() => {});
  // Stylesheets no build has used for a month go (a used one is touched above).
  const dir = cacheDir(projectRoot);
  if (await dueForPruning(dir)) await removeOldFiles(dir, KEPT_FOR_MS, (name) => name.endsWith(".json"));
  return result.css;
}

const recentFile = (projectRoot: string, brand: Brand) => path.join(cacheDir(projectRoot), `${brand}-recent.json`);

function startCompiling(projectRoot: string, brand: Brand, used: UsedStyles): Promise<string> {
  const modules = generatedModules(projectRoot, used);
  const key = `${projectRoot}\0${brand}\0${JSON.stringify(modules)}`;
  let css = compiled.get(key);
  if (!css) {
    css = compileOrReuse(projectRoot, brand, modules);
    // Started early and awaited later: a failure is reported by whoever awaits, not as unhandled.
    css.catch(() => {});
    compiled.set(key, css);
  }
  return css;
}

/**
 * Compiles the stylesheet for a brand (`defra` or `govuk`) from assets/scss with the components the
 * pages use, once per process for each set of them until forgetCompiledStyles() says the Sass changed.
 */
export function compileStyles(projectRoot: string, brand: Brand, used: UsedStyles): Promise<string> {
  const key = `${projectRoot}\0${brand}`;
  if (JSON.stringify(lastUsed.get(key)) !== JSON.stringify(used)) {
    lastUsed.set(key, used);
    void writeAtomically(recentFile(projectRoot, brand), JSON.stringify(used)).catch(() => {});
  }
  return startCompiling(projectRoot, brand, used);
}

const isUsedStyles = (value: unknown): value is UsedStyles =>
  typeof value === "object" &&
  value !== null &&
  [(value as UsedStyles).govuk, (value as UsedStyles).content].every(
    (names) => Array.isArray(names) && names.every((name) => typeof name === "string" && /^[a-z0-9-]+$/.test(name)),
  );

/**
 * Starts compiling the stylesheet the brand's last build used, before this build's pages are rendered
 * and say what they use: most builds use what the last one did, and then the stylesheet is ready (or
 * compiling on another core) by the time the pages are.
 */
export async function prepareStyles(projectRoot: string, brand: Brand): Promise<void> {
  let used = lastUsed.get(`${projectRoot}\0${brand}`);
  if (!used) {
    const recent: unknown = await readFile(recentFile(projectRoot, brand), "utf8")
      .then(JSON.parse)
      .catch(() => undefined);
    if (!isUsedStyles(recent)) return;
    used = recent;
  }
  startCompiling(projectRoot, brand, used).catch(() => {});
}

/** Drops compiled stylesheets, so the next build compiles the changed Sass. */
export function forgetCompiledStyles(): void {
  compiled.clear();
}
