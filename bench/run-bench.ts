import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generateCorpus, writeCorpus, type Corpus } from "./corpus.ts";
import { measureDevServer, median, type DevServerMeasurement } from "./dev-server.ts";
import {
  measureFirstView,
  measureFirstViewPages,
  type FirstViewMeasurement,
  type PageTypeFirstView,
} from "./first-view.ts";
import { prepareFloor } from "./floor.ts";
import { measureLighthouse, type LighthousePage } from "./lighthouse.ts";
import { measureRun, writePeakRssHook, type RunMeasurement } from "./measure.ts";
import { evaluateTargets, type TargetResult } from "./targets.ts";

export interface BenchOptions {
  projectRoot: string;
  /** Corpus sizes, in pages, each built by our build and by the floor. */
  sizes: number[];
  /** How many times each build runs; the two alternate and medians are reported. */
  repetitions: number;
  seed: number;
  /** The corpus size the dev server is measured on. */
  devSize: number;
  /** How many saves the dev server measurement makes. */
  devSaves: number;
  /** The smaller site the dev server's start-up is also measured on (the live manual's size). */
  devSmallSize?: number;
  /** Skip Lighthouse (it takes a minute or two). */
  skipLighthouse?: boolean;
  /** Keep the generated corpora and builds (in workDir) for a look afterwards. */
  keep?: boolean;
  log?: (message: string) => void;
}

/** One build (ours or the floor) of one corpus, repeated. */
export interface BuildSeries {
  runs: RunMeasurement[];
  medianWallMs: number;
  /** CPU time of the Node processes, all threads: less swayed than wall time by other work on the machine. */
  medianCpuMs: number;
  pagesPerSecond: number;
  /** The highest peak memory over the runs, of the whole process tree. */
  peakRssMb: number;
  /** The highest peak of the Node process alone (without Pagefind's indexer). */
  nodePeakRssMb: number;
  /** Bytes of HTML per page, and of everything written (assets and search index too) per page. */
  htmlBytesPerPage: number;
  outputBytesPerPage: number;
}

export interface SizeResult {
  pages: number;
  ours: BuildSeries;
  floor: BuildSeries;
  /** Our median wall time over the floor's. */
  ratioToFloor: number;
  /** Our build again after one page's body changed, with the cache the last cold build left. */
  warmRebuild: RunMeasurement;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  seed: number;
  repetitions: number;
  builds: SizeResult[];
  /** Our build time at the largest size over that at 4,000 pages (or the next size down), when both ran. */
  scaling?: { fromPages: number; toPages: number; timeRatio: number };
  devServer: DevServerMeasurement;
  /** The dev server on a site the live manual's size (devSmallSize). */
  devServerSmall?: DevServerMeasurement;
  /** Lighthouse on each page type of the Defra app fixture's site. */
  lighthouse: LighthousePage[];
  firstView: FirstViewMeasurement;
  /** The first view of a page of each type in the Defra app fixture's site (the pages Lighthouse runs on). */
  firstViewPageTypes: PageTypeFirstView[];
  /** The first view of a page with an accordion, tabs, details and a code block (FIRST_VIEW_PAGES). */
  firstViewWithComponents: FirstViewMeasurement;
  targets: TargetResult[];
}

async function folderBytes(dir: string): Promise<{ html: number; htmlFiles: number; total: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let html = 0;
  let htmlFiles = 0;
  let total = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const { size } = await stat(path.join(entry.parentPath, entry.name));
    total += size;
    if (entry.name.endsWith(".html")) {
      html += size;
      htmlFiles++;
    }
  }
  return { html, htmlFiles, total };
}

function series(
  runs: RunMeasurement[],
  pages: number,
  bytes: { html: number; htmlFiles: number; total: number },
): BuildSeries {
  const medianWallMs = median(runs.map((run) => run.wallMs));
  return {
    runs,
    medianWallMs,
    medianCpuMs: median(runs.map((run) => run.cpuMs)),
    pagesPerSecond: pages / (medianWallMs / 1000),
    peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    nodePeakRssMb: Math.max(...runs.map((run) => run.nodePeakRssMb)),
    htmlBytesPerPage: bytes.html / Math.max(1, bytes.htmlFiles),
    outputBytesPerPage: bytes.total / pages,
  };
}

/** A page to edit and to weigh: a leaf page (not a section index) from the middle of the corpus. */
function samplePage(corpus: Corpus): { file: string; url: string } {
  const leaves = [...corpus.files.keys()].filter((file) => file.endsWith(".md") && !file.endsWith("index.md"));
  const file = leaves[Math.floor(leaves.length / 2)];
  return { file, url: `/${file.replace(/\.md$/, "/")}` };
}

/** A page of each type, in the Defra app fixture's site (tests/fixtures/defra-app). */
const LIGHTHOUSE_PAGES: Record<string, string> = {
  "hub (home)": "/",
  section: "/delivery-groups/",
  "content page": "/accessibility/test-your-service/",
  search: "/search/",
  "A to Z": "/a-to-z/",
  tags: "/tags/",
  tool: "/ai-toolkit/tools/diagram/",
  "triage question": "/ai-toolkit/triage/question-1/",
};

/** Builds the Defra app fixture's site, whose pages of each type Lighthouse runs on and the first view is weighed on. */
async function buildDefraAppSite(projectRoot: string, workDir: string): Promise<string> {
  const { contentFromDefraApp } = await import("../tests/helpers/defra-app.ts");
  const contentDir = path.join(workDir, "defra-app", "content");
  const siteDir = path.join(workDir, "defra-app", "_site");
  contentFromDefraApp(path.join(projectRoot, "tests/fixtures/defra-app"), contentDir);
  const { execFile } = await import("node:child_process");
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      ["scripts/run.mjs", "build"],
      { cwd: projectRoot, env: { ...process.env, CONTENT_DIR: contentDir, OUTPUT_DIR: siteDir } },
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  return siteDir;
}

/**
 * Runs the whole benchmark: per size, our build and the floor alternately; then the dev server
 * and a page's first view. Everything happens in a temporary folder, removed afterwards.
 */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {});
  const workDir = await mkdtemp(path.join(os.tmpdir(), "service-manual-bench-"));
  const hookFile = await writePeakRssHook(workDir);
  const corpusFor = new Map<number, { corpus: Corpus; contentDir: string }>();
  const prepare = async (pages: number) => {
    const existing = corpusFor.get(pages);
    if (existing) return existing;
    const corpus = generateCorpus({ pages, seed: options.seed });
    const contentDir = path.join(workDir, `corpus-${pages}`, "content");
    await writeCorpus(contentDir, corpus);
    corpusFor.set(pages, { corpus, contentDir });
    return { corpus, contentDir };
  };

  try {
    const builds: SizeResult[] = [];
    let firstViewSite: { dir: string; url: string } | undefined;
    for (const pages of options.sizes) {
      log(`Generating ${pages} pages (seed ${options.seed})`);
      const { corpus, contentDir } = await prepare(pages);
      const floor = await prepareFloor(path.join(workDir, `floor-${pages}`), corpus);
      const oursOutput = path.join(workDir, `corpus-${pages}`, "_site");
      const cacheDir = path.join(workDir, `corpus-${pages}`, "cache");
      const ours: RunMeasurement[] = [];
      const floorRuns: RunMeasurement[] = [];
      for (let repetition = 1; repetition <= options.repetitions; repetition++) {
        // Alternate, so a machine that slows down or warms up during the run weighs on both alike.
        // Both start from no output, as a build in CI does: deleting the last site is not building one.
        await rm(floor.outputDir, { recursive: true, force: true });
        await rm(oursOutput, { recursive: true, force: true });
        // Cold as well: nothing a build of these pages kept (the stylesheet and scripts, which do not depend on the pages, stay).
        await rm(cacheDir, { recursive: true, force: true });
        floorRuns.push(
          await measureRun(floor.command, floor.args, {
            cwd: floor.cwd,
            env: process.env,
            hookFile,
            scratchDir: workDir,
          }),
        );
        ours.push(
          await measureRun(process.execPath, ["scripts/run.mjs", "build"], {
            cwd: options.projectRoot,
            env: { ...process.env, CONTENT_DIR: contentDir, OUTPUT_DIR: oursOutput, BUILD_CACHE_DIR: cacheDir },
            hookFile,
            scratchDir: workDir,
          }),
        );
        log(
          `  ${pages} pages, run ${repetition}: ours ${(ours.at(-1)!.wallMs / 1000).toFixed(2)} s, floor ${(floorRuns.at(-1)!.wallMs / 1000).toFixed(2)} s`,
        );
      }
      const oursSeries = series(ours, pages, await folderBytes(oursOutput));
      // One page's body edited, as an editor's push does, and built again with what the last build kept.
      const edited = path.join(contentDir, samplePage(corpus).file);
      const original = await readFile(edited, "utf8");
      await writeFile(edited, `${original}\nA sentence added for the warm rebuild.\n`);
      const warmRebuild = await measureRun(process.execPath, ["scripts/run.mjs", "build"], {
        cwd: options.projectRoot,
        env: { ...process.env, CONTENT_DIR: contentDir, OUTPUT_DIR: oursOutput, BUILD_CACHE_DIR: cacheDir },
        hookFile,
        scratchDir: workDir,
      });
      await writeFile(edited, original);
      log(`  ${pages} pages, warm rebuild after one edit: ${(warmRebuild.wallMs / 1000).toFixed(2)} s`);
      const floorSeries = series(floorRuns, pages, await folderBytes(floor.outputDir));
      builds.push({
        pages,
        ours: oursSeries,
        floor: floorSeries,
        ratioToFloor: oursSeries.medianWallMs / floorSeries.medianWallMs,
        warmRebuild,
      });
      firstViewSite ??= { dir: oursOutput, url: samplePage(corpus).url };
      if (!options.keep) await rm(floor.cwd, { recursive: true, force: true });
    }

    log(`Measuring the dev server on ${options.devSize} pages`);
    const dev = await prepare(options.devSize);
    const devDir = path.join(workDir, `dev-${options.devSize}`);
    await mkdir(devDir, { recursive: true });
    // A copy, because the measurement edits a page.
    await writeCorpus(path.join(devDir, "content"), dev.corpus);
    const devServer = await measureDevServer({
      projectRoot: options.projectRoot,
      contentDir: path.join(devDir, "content"),
      outputDir: path.join(devDir, "_site"),
      page: samplePage(dev.corpus),
      pages: options.devSize,
      saves: options.devSaves,
      cacheDir: path.join(devDir, "build-cache"),
      // The smaller site is this one: its start again is timed here rather than on a second server.
      timeRestart: options.devSmallSize === options.devSize,
    });

    let devServerSmall: DevServerMeasurement | undefined;
    if (options.devSmallSize === options.devSize) devServerSmall = devServer;
    else if (options.devSmallSize) {
      log(`Measuring the dev server on ${options.devSmallSize} pages`);
      const small = await prepare(options.devSmallSize);
      const smallDir = path.join(workDir, `dev-${options.devSmallSize}-small`);
      await writeCorpus(path.join(smallDir, "content"), small.corpus);
      devServerSmall = await measureDevServer({
        projectRoot: options.projectRoot,
        contentDir: path.join(smallDir, "content"),
        outputDir: path.join(smallDir, "_site"),
        page: samplePage(small.corpus),
        pages: options.devSmallSize,
        saves: options.devSaves,
        cacheDir: path.join(smallDir, "build-cache"),
        // What an editor of a site this size waits for at every later `npm start`.
        timeRestart: true,
      });
    }

    log("Building the Defra app fixture's site");
    const defraAppSite = await buildDefraAppSite(options.projectRoot, workDir);
    let lighthouse: LighthousePage[] = [];
    if (!options.skipLighthouse) {
      log("Running Lighthouse on each page type");
      lighthouse = await measureLighthouse(defraAppSite, LIGHTHOUSE_PAGES);
    }
    log("Weighing the first view of each page type");
    const firstViewPageTypes: PageTypeFirstView[] = [];
    for (const [type, url] of Object.entries(LIGHTHOUSE_PAGES))
      firstViewPageTypes.push({ type, ...(await measureFirstView(defraAppSite, url)) });

    if (!firstViewSite) throw new Error("no size was built, so there is no page to weigh");
    log(`Weighing the first view of ${firstViewSite.url}`);
    const firstView = await measureFirstView(firstViewSite.dir, firstViewSite.url);
    log("Weighing the first view of a page with components");
    const firstViewWithComponents = (await measureFirstViewPages(options.projectRoot, workDir)).components;

    const sorted = [...builds].sort((a, b) => a.pages - b.pages);
    const largest = sorted.at(-1)!;
    const base =
      sorted.filter((build) => build.pages < largest.pages).find((build) => build.pages === 4000) ?? sorted.at(-2);
    const scaling = base && {
      fromPages: base.pages,
      toPages: largest.pages,
      timeRatio: largest.ours.medianWallMs / base.ours.medianWallMs,
    };

    const machine = {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    };
    const partial = {
      builds,
      scaling,
      devServer,
      devServerSmall,
      lighthouse,
      firstView,
      firstViewPageTypes,
      firstViewWithComponents,
    };
    return {
      date: new Date().toISOString(),
      machine,
      seed: options.seed,
      repetitions: options.repetitions,
      ...partial,
      targets: evaluateTargets(partial),
    };
  } finally {
    if (options.keep) log(`Kept the corpora and builds in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}
