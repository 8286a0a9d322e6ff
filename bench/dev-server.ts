import { spawn } from "node:child_process";
import { appendFile, readFile, rm } from "node:fs/promises";
import { connect, createServer } from "node:net";
import path from "node:path";

/** How long saving one page takes to reach disk as HTML in the running dev server. */
export interface DevServerMeasurement {
  pages: number;
  /** The page edited, by URL. */
  url: string;
  /** Time from the file being saved to the page's HTML on disk holding the edit, one per save. */
  savesMs: number[];
  medianSaveMs: number;
  /** Time from starting the dev server to its first build being served, with an empty build cache. */
  startupMs: number;
  /**
   * The same after stopping it and starting it again on the same folder, as an editor's next `npm start`:
   * the build cache holds what the first start rendered.
   */
  restartMs?: number;
}

/** Whether something on this machine accepts a TCP connection on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** A port nothing is listening on now, so the dev server never collides with one already running. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** A page of the content folder: its file, relative to the folder, and its URL. */
export interface ContentPage {
  file: string;
  url: string;
}

/** A running dev server (scripts/serve.ts) whose file watcher is known to be ready. */
export interface DevServer {
  /** The port it was told to listen on. */
  port: number;
  /** Whether its process is still running. */
  running(): boolean;
  /** Time from starting the server to its first build being written. */
  startupMs: number;
  /**
   * Appends a sentence to a page and resolves, once the build it started has finished, with the
   * time from the save to the page's HTML on disk holding the sentence.
   */
  save(page: ContentPage, name: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the dev server on a content folder, writing to outputDir, and waits until it is built
 * and watching. `warmUp` is a page it may save to find out when the watcher is ready; without one it
 * waits only for the first build and the port, for callers that never save.
 */
export async function startDevServer(options: {
  projectRoot: string;
  contentDir: string;
  outputDir: string;
  warmUp?: ContentPage;
  timeoutMs?: number;
  /** Environment variables to set in the server's process, or to remove where undefined. */
  env?: Record<string, string | undefined>;
}): Promise<DevServer> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const port = await freePort();
  const started = performance.now();
  const server = spawn(process.execPath, ["scripts/run.mjs", "serve"], {
    cwd: options.projectRoot,
    env: {
      ...process.env,
      ...options.env,
      CONTENT_DIR: options.contentDir,
      OUTPUT_DIR: options.outputDir,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exited = false;
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  server.on("exit", () => (exited = true));
  // Eleventy logs "Watching…" when a build (the first, or one after a save) has finished.
  const buildsFinished = () => output.split("Watching").length - 1;
  const waitFor = async (done: () => boolean | Promise<boolean>, what: string, limitMs = timeoutMs) => {
    const deadline = performance.now() + limitMs;
    while (!(await done())) {
      if (exited) throw new Error(`the dev server stopped while ${what}:\n${output.slice(-4000)}`);
      if (performance.now() > deadline) throw new Error(`timed out ${what}:\n${output.slice(-4000)}`);
      await sleep(5);
    }
  };
  const stop = async () => {
    server.kill("SIGTERM");
    await waitFor(() => exited, "stopping the dev server", 10_000).catch(() => server.kill("SIGKILL"));
  };
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  /** Saves a sentence into a page and returns when it was saved and how to tell its HTML shows it. */
  const append = async (page: ContentPage, name: string) => {
    const before = buildsFinished();
    const sentence = `A sentence saved by benchmark run ${run}: ${name}.`;
    await appendFile(path.join(options.contentDir, page.file), `\n${sentence}\n`);
    const html = path.join(options.outputDir, page.url, "index.html");
    return {
      saved: performance.now(),
      before,
      shown: async () => (await readFile(html, "utf8").catch(() => "")).includes(sentence),
    };
  };

  try {
    await waitFor(() => buildsFinished() >= 1, "waiting for the first build");
    const startupMs = performance.now() - started;
    // The file watcher finishes its first scan a little after the first build and misses saves
    // until then, so unmeasured saves are repeated until Eleventy says it saw one ("File changed"),
    // then that save's build is awaited. Without a page to save, the first build and a listening
    // port are enough: the caller only makes requests.
    if (options.warmUp) {
      for (let attempt = 1; ; attempt++) {
        const seenFrom = output.length;
        const warmUp = await append(options.warmUp, `warm-up ${attempt}`);
        const noticed = await waitFor(() => output.includes("File changed", seenFrom), "warming up", 1_000).then(
          () => true,
          () => false,
        );
        if (noticed) {
          await waitFor(warmUp.shown, "waiting for the warm-up save to be built");
          await waitFor(() => buildsFinished() > warmUp.before, "waiting for the warm-up build to finish");
          break;
        }
        if (attempt === 60)
          throw new Error(`the dev server never noticed a save to ${options.warmUp.file}:\n${output.slice(-4000)}`);
      }
    } else {
      await waitFor(() => accepts(port), "waiting for the server to accept connections");
    }
    return {
      port,
      running: () => !exited,
      startupMs,
      async save(page, name) {
        const { saved, shown, before } = await append(page, name);
        await waitFor(shown, `waiting for "${name}" to reach ${page.url}`);
        const ms = performance.now() - saved;
        await waitFor(() => buildsFinished() > before, `waiting for the build after "${name}" to finish`);
        return ms;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts the dev server on a content folder, saves one page `saves` times and measures each time
 * until the page's rebuilt HTML on disk shows the change.
 */
export async function measureDevServer(options: {
  projectRoot: string;
  contentDir: string;
  outputDir: string;
  page: ContentPage;
  pages: number;
  saves: number;
  timeoutMs?: number;
  /** A build cache folder of the measurement's own, emptied first; without one, the project's is used. */
  cacheDir?: string;
  /** Also time a second start with the build cache the first left (needs `cacheDir`). */
  timeRestart?: boolean;
}): Promise<DevServerMeasurement> {
  if (options.cacheDir) await rm(options.cacheDir, { recursive: true, force: true });
  const env = options.cacheDir ? { BUILD_CACHE_DIR: options.cacheDir } : undefined;
  const server = await startDevServer({ ...options, env, warmUp: options.page });
  let measured: DevServerMeasurement;
  try {
    const savesMs: number[] = [];
    for (let index = 1; index <= options.saves; index++) savesMs.push(await server.save(options.page, `save ${index}`));
    measured = {
      pages: options.pages,
      url: options.page.url,
      savesMs,
      medianSaveMs: median(savesMs),
      startupMs: server.startupMs,
    };
  } finally {
    await server.stop();
  }
  if (!options.cacheDir || !options.timeRestart) return measured;
  const restarted = await startDevServer({ ...options, env });
  await restarted.stop();
  return { ...measured, restartMs: restarted.startupMs };
}
