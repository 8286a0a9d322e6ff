import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { freePort, type ContentPage, type DevServer } from "../../bench/dev-server.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "./built-site.ts";

/** A dev server running in the test's own process, and what it has said and done so far. */
export interface InProcessDevServer extends Omit<DevServer, "startupMs"> {
  /** What Eleventy and its server have printed, for a failing test to show. */
  output(): string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the dev server that `npm start` runs (serveSite) inside this process, on a content folder,
 * writing to outputDir, and resolves once its first build is written and it is watching and
 * listening. A test that is about the dev server's builds, not its process, pays neither for
 * starting Node nor for loading Eleventy again. `env` sets or (where undefined) removes settings.
 */
export async function startDevServerInProcess(options: {
  contentDir: string;
  outputDir: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Where layouts/, assets/ and node_modules/ are: the repository's own unless a test edits a layout in a copy. */
  projectRoot?: string;
}): Promise<InProcessDevServer> {
  // Loaded on first use: it brings in Eleventy, which a file importing only types from here need not load.
  const { serveSite } = await import("../../lib/eleventy/serve-site.ts");
  const timeoutMs = options.timeoutMs ?? 120_000;
  const settings = readSettings({
    ...process.env,
    ...options.env,
    CONTENT_DIR: options.contentDir,
    OUTPUT_DIR: options.outputDir,
    PORT: String(await freePort()),
    ELEVENTY_RUN_MODE: "serve",
  });
  const lines: string[] = [];
  const log = (...parts: unknown[]) => void lines.push(parts.map(String).join(" "));
  // What the server prints to the console of its own (each build's diagnostics) is kept with Eleventy's
  // messages, as a child process's output would be, rather than mixed into the test report.
  const consoleMethods = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  Object.assign(console, { log, info: log, warn: log, error: log });
  const restoreConsole = () => Object.assign(console, consoleMethods);
  let builds = 0;
  let server: Awaited<ReturnType<typeof serveSite>>;
  try {
    server = await serveSite({
      settings,
      projectRoot: options.projectRoot ?? projectRoot,
      onBuildFinished: () => void builds++,
      log: { log, info: log, warn: log, error: log },
    });
  } catch (error) {
    restoreConsole();
    throw new Error(`the dev server did not start:\n${lines.join("\n").slice(-4000)}`, { cause: error });
  }
  const output = () => lines.join("\n");
  const waitFor = async (done: () => boolean | Promise<boolean>, what: string) => {
    const deadline = performance.now() + timeoutMs;
    while (!(await done())) {
      if (!server.running()) throw new Error(`the dev server stopped while ${what}:\n${output().slice(-4000)}`);
      if (performance.now() > deadline) throw new Error(`timed out ${what}:\n${output().slice(-4000)}`);
      await sleep(10);
    }
  };
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    port: server.port,
    running: server.running,
    output,
    async save(page: ContentPage, name: string) {
      const before = builds;
      const sentence = `A sentence saved by test run ${run}: ${name}.`;
      const saved = performance.now();
      await appendFile(path.join(options.contentDir, page.file), `\n${sentence}\n`);
      const html = path.join(options.outputDir, page.url, "index.html");
      await waitFor(
        async () => (await readFile(html, "utf8").catch(() => "")).includes(sentence),
        `waiting for "${name}" to reach ${page.url}`,
      );
      const ms = performance.now() - saved;
      await waitFor(() => builds > before, `waiting for the build after "${name}" to finish`);
      return ms;
    },
    async stop() {
      try {
        await server.stop();
      } finally {
        restoreConsole();
      }
    },
  };
}
