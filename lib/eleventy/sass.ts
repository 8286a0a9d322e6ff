import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { readFile, utimes } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { dueForPruning, hashOfFile, removeOldFiles, writeAtomically } from "../cache-files.ts";
import {
  allPartsModules,
  componentsAlwaysIn,
  keepParts,
  partDependencies,
  type PartDependencies,
} from "./stylesheet-parts.ts";
import { availableStyles, type AvailableStyles, type UsedStyles } from "./used-components.ts";

export type Brand = "defra" | "govuk";

// Dart Sass spends seconds of pure JavaScript on GOV.UK Frontend. In a worker thread
// (lib/eleventy/sass-worker.cjs) that time runs on another core while the main thread renders pages.
// Remembered for the process by what is compiled in: the same Sass always compiles to the same stylesheet.
const compiled = new Map<string, Promise<string>>();

interface Compiled {
  css: string;
  /**
   * Every file the stylesheet was compiled from, with a hash of what it held: relative to the project
   * root when inside it, so a copy of the project (a test's, a second checkout) reuses what this one compiled.
   */
  inputs: [file: string, hash: string][];
}

const hashOf = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/**
 * Stylesheets kept between processes, so a build whose pages use the components the last one did
 * writes its stylesheet without compiling it. An entry stands only while every file it was compiled
 * from still holds what it did.
 */
const cacheDir = (projectRoot: string) => path.join(projectRoot, "node_modules", ".cache", "site-stylesheets");

async function fromCache(file: string, projectRoot: string): Promise<string | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, "utf8")) as Compiled;
    for (const [input, hash] of entry.inputs)
      if ((await hashOfFile(path.resolve(projectRoot, input))) !== hash) return undefined;
    return entry.css;
  } catch {
    return undefined;
  }
}

interface WorkerReply {
  id: number;
  css?: string;
  files?: string[];
  error?: string;
}

interface SassWorker {
  worker: Worker;
  waiting: Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>;
  idle?: NodeJS.Timeout;
}

// One worker for the process, kept from one compile to the next: a fresh worker loads Dart Sass and runs it
// cold every time, where a kept one compiles in a fraction of that, which tells in the dev server and in any
// process that builds many sites. It never holds the process open while it waits for work, and it goes after
// a while without any, or when a large build wants its memory back (stopSassWorker), so it is safe to keep.
let sassWorker: SassWorker | undefined;
let lastRequest = 0;
const IDLE_MS = 30_000;

function startSassWorker(): SassWorker {
  const started: SassWorker = {
    worker: new Worker(new URL("./sass-worker.cjs", import.meta.url), { execArgv: [] }),
    waiting: new Map(),
  };
  const fail = (error: Error) => {
    if (sassWorker === started) sassWorker = undefined;
    clearTimeout(started.idle);
    for (const { reject } of started.waiting.values()) reject(error);
    started.waiting.clear();
  };
  started.worker.on("message", (reply: WorkerReply) => {
    const request = started.waiting.get(reply.id);
    started.waiting.delete(reply.id);
    if (started.waiting.size === 0) {
      started.worker.unref();
      started.idle = setTimeout(() => stopSassWorker(), IDLE_MS).unref();
    }
    request?.resolve(reply);
  });
  started.worker.on("error", fail);
  started.worker.on("exit", (code) => fail(new Error(`the Sass worker stopped (exit code ${code})`)));
  return started;
}

/** Stops the kept Sass worker, if there is one and it has nothing to do; the next compile starts another. */
export function stopSassWorker(): void {
  if (!sassWorker || sassWorker.waiting.size > 0) return;
  const stopping = sassWorker;
  sassWorker = undefined;
  clearTimeout(stopping.idle);
  void stopping.worker.terminate();
}

async function compileInWorker(projectRoot: string, brand: Brand, modules: Record<string, string>): Promise<Compiled> {
  const entry = path.join(projectRoot, "assets", "scss", `${brand}.scss`);
  sassWorker ??= startSassWorker();
  const { worker, waiting } = sassWorker;
  clearTimeout(sassWorker.idle);
  worker.ref();
  const id = ++lastRequest;
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, entry, projectRoot, modules });
  });
  if (reply.error !== undefined) throw new Error(`Sass could not compile ${entry}: ${reply.error}`);
  const inside = (file: string) => {
    const relative = path.relative(projectRoot, file);
    return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  };
  const inputs = await Promise.all(
    reply.files!.map(async (file): Promise<[string, string]> => [inside(file), await hashOfFile(file)]),
  );
  return { css: reply.css!, inputs };
}

const KEPT_FOR_MS = 30 * 24 * 60 * 60 * 1000;

/** A hash of the project's own Sass (assets/ and layouts/), by each file's path in the project and what it holds. */
async function ownSassDigest(projectRoot: string): Promise<string> {
  const digest = createHash("sha256");
  for (const folder of ["assets", "layouts"]) {
    const files = readdirSync(path.join(projectRoot, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".scss"))
      .sort();
    for (const file of files)
      digest.update(`${folder}/${file}\0`).update(await hashOfFile(path.join(projectRoot, folder, file)));
  }
  return digest.digest("hex");
}

async function compileOrReuse(projectRoot: string, brand: Brand, modules: Record<string, string>): Promise<string> {
  // Named by what is compiled in, not where, so a copy of the project shares it; a copy whose own Sass differs
  // has an entry of its own rather than taking turns with the project at one.
  const file = path.join(
    cacheDir(projectRoot),
    `${brand}-${hashOf(JSON.stringify([modules, await ownSassDigest(projectRoot)]))}.json`,
  );
  const cached = await fromCache(file, projectRoot);
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

/** The stylesheet with every component in, each in a part of its own (stylesheet-parts.ts), and what each depends on. */
function startCompiling(
  projectRoot: string,
  brand: Brand,
): { css: Promise<string>; dependencies: PartDependencies; alwaysIn: string[]; available: AvailableStyles } {
  const available = availableStyles(projectRoot);
  const dependencies = partDependencies(projectRoot, available);
  const alwaysIn = componentsAlwaysIn(projectRoot, available);
  const modules = allPartsModules(available, dependencies);
  const key = `${projectRoot}\0${brand}\0${JSON.stringify(modules)}`;
  let css = compiled.get(key);
  if (!css) {
    css = compileOrReuse(projectRoot, brand, modules);
    // Started early and awaited later: a failure is reported by whoever awaits, not as unhandled.
    css.catch(() => {});
    compiled.set(key, css);
  }
  return { css, dependencies, alwaysIn, available };
}

/**
 * The stylesheet for a brand (`defra` or `govuk`) from assets/scss with the components the pages use.
 * Sass compiles it once with every component in, until forgetCompiledStyles() says the Sass changed;
 * each call keeps the parts `used` needs.
 */
export async function compileStyles(projectRoot: string, brand: Brand, used: UsedStyles): Promise<string> {
  const { css, dependencies, alwaysIn, available } = startCompiling(projectRoot, brand);
  const govuk = available.govuk.filter((name) => used.govuk.includes(name) || alwaysIn.includes(name));
  return keepParts(await css, { ...used, govuk }, dependencies);
}

/** Starts compiling the brand's stylesheet before the pages are rendered, so it is ready (or compiling on another core) by the time they are. */
export function prepareStyles(projectRoot: string, brand: Brand): void {
  startCompiling(projectRoot, brand).css.catch(() => {});
}

/** Drops compiled stylesheets, so the next build compiles the changed Sass. */
export function forgetCompiledStyles(): void {
  compiled.clear();
}
