import path from "node:path";
import { Worker } from "node:worker_threads";

// Dart Sass spends about a second of pure JavaScript on GOV.UK Frontend. In a worker thread
// (lib/eleventy/sass-worker.cjs) that second runs on another core while the main thread renders pages.
// Remembered for the process: the same Sass always compiles to the same stylesheet, whichever build asks.
const compiled = new Map<string, Promise<string>>();

function compileInWorker(projectRoot: string, brand: "defra" | "govuk"): Promise<string> {
  const entry = path.join(projectRoot, "assets", "scss", `${brand}.scss`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./sass-worker.cjs", import.meta.url), {
      execArgv: [],
      workerData: { entry, projectRoot },
    });
    worker.once("message", (message: { css?: string; error?: string }) => {
      if (message.error !== undefined) reject(new Error(`Sass could not compile ${entry}: ${message.error}`));
      else resolve(message.css!);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

/**
 * Compiles the stylesheet for a brand (`defra` or `govuk`) from assets/scss, once per process
 * until forgetCompiledStyles() says the Sass changed.
 */
export function compileStyles(projectRoot: string, brand: "defra" | "govuk"): Promise<string> {
  const key = `${projectRoot}\0${brand}`;
  let css = compiled.get(key);
  if (!css) {
    css = compileInWorker(projectRoot, brand);
    // Started early and awaited later: a failure is reported by whoever awaits, not as unhandled.
    css.catch(() => {});
    compiled.set(key, css);
  }
  return css;
}

/** Drops compiled stylesheets, so the next build compiles the changed Sass. */
export function forgetCompiledStyles(): void {
  compiled.clear();
}
