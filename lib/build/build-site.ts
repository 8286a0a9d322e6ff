import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { outputPathForUrl } from "../content/load-content.ts";
import { ContentError, formatDiagnostic, type Diagnostic } from "../diagnostics.ts";
import { explainBuildError, runEleventy, type RenderedFile } from "../eleventy/run-eleventy.ts";
import { ownCopy } from "../eleventy/flat-string.ts";
import { siteToRender, type SiteToRender } from "../eleventy/pages.ts";
import { siteFiles as siteFilesOf } from "../eleventy/generated-pages.ts";
import type { UsedStyles } from "../eleventy/used-components.ts";
import { stopSassWorker } from "../eleventy/sass.ts";
import { createMarkdown } from "../markdown/govuk-markdown.ts";
import { loadSiteModel } from "../model/load-site-model.ts";
import type { SiteModel } from "../model/site-model.ts";
import { stageSearchDocuments, writeSearchIndex, type StagedSearch } from "../search/search-index.ts";
import type { Settings } from "../settings.ts";
import { buildAtomically, returnSpareFolders, reuseSpareFolders, type ReusedFolders } from "./atomic-output.ts";
import { openBuildCache, type BuildCache } from "./build-cache.ts";
import { releaseMemory } from "./release-memory.ts";

export interface BuildSiteOptions {
  settings: Settings;
  /** Where layouts/, assets/ and node_modules/ are, and what diagnostics name files from. */
  projectRoot: string;
  /** The folder the site is swapped into once it is built; relative to the working directory. */
  outputDir: string;
  /** The cache a build reuses and fills (lib/build/build-cache.ts); opened by buildSite when not given. */
  cache?: BuildCache;
  /** Called with each line as the build prints it, for a command line to show them as they come. */
  print?: (line: PrintedLine) => void;
  /** Pages Eleventy renders in one run (PAGES_PER_RENDER unless a test asks for fewer). */
  pagesPerRender?: number;
  /** Print how long each stage took once the build is done (BUILD_TIMINGS=1), to see where a build's time goes. */
  timings?: boolean;
}

/** A line the build printed: `stdout` for progress, `stderr` for warnings and errors. */
export interface PrintedLine {
  stream: "stdout" | "stderr";
  text: string;
}

export interface BuildResult {
  ok: boolean;
  pageCount: number;
  /** Every diagnostic the content gave, errors included. */
  diagnostics: Diagnostic[];
  /** What the build printed, in order. */
  lines: PrintedLine[];
  /** What came from the cache of earlier builds (lib/build/build-cache.ts) rather than being made again. */
  reused: { pages: number; searchBundles: number };
}

/** The site to render and its search documents, made from a model that is not kept: nothing here refers to it. */
interface Prepared {
  site: SiteToRender;
  search: StagedSearch;
  /** Pages and site files put in the output from the cache already: what their stylesheet and scripts need. */
  restored: { styles: UsedStyles; script?: string }[];
  /** How many of `restored` are pages. */
  restoredPages: number;
  /** The cache key of each page and site file left to render, by the file Eleventy writes it to. */
  toKeep: Map<string, string>;
}

/** Where Eleventy writes a site file: its URL, or the index.html inside a URL that ends in `/`. */
const siteFileOutput = (staging: string, url: string) =>
  path.resolve(path.join(staging, url.endsWith("/") ? path.join(url, "index.html") : url));

/**
 * Puts every page and site file the cache has the finished output of (by the key of what it is drawn
 * from) into the output folder; returns the others, to render, with the key each is kept under once rendered.
 */
async function restoreFromCache<T>(
  cache: BuildCache,
  wanted: { item: T; key: string; file: string }[],
  folders: ReadonlySet<string>,
) {
  const kept = await cache.restorePages(wanted, folders);
  return {
    restored: kept.flatMap((found) => (found ? [found] : [])),
    toRender: wanted.filter((_, index) => !kept[index]),
  };
}

/** The validated model and its diagnostics: held only until prepare has made what Eleventy needs of it. */
interface Loaded {
  model: SiteModel;
  diagnostics: Diagnostic[];
}

/**
 * Loads and validates every page before anything is written, so editors see all problems and no stack
 * trace, and a build that fails here makes no staging folder and starts no swap.
 */
async function loadValidated(options: BuildSiteOptions, warn: (diagnostic: Diagnostic) => void): Promise<Loaded> {
  const { settings, projectRoot, cache } = options;
  const contentDir = path.resolve(projectRoot, settings.contentDir);
  // With a cache, the renderer takes every page's settings from the render's env (as the dev server's does).
  const kept = await cache?.parsedPages();
  const reuse = cache && { pages: { parsed: new Map(), kept }, markdown: cache.rememberMarkdown(createMarkdown()) };
  try {
    const loaded = await loadSiteModel(projectRoot, contentDir, reuse, settings);
    for (const diagnostic of loaded.diagnostics) warn(diagnostic);
    return loaded;
  } finally {
    // Each page kept is right for its key whether or not the build goes on.
    await kept?.write();
  }
}

/**
 * Starts writing the search documents and restores what the cache has. Nothing returned refers to the
 * model: only what Eleventy renders and may let go of page by page (siteToRender) is handed on.
 */
async function prepare(
  { model }: Loaded,
  cache: BuildCache | undefined,
  staging: string,
  settings: Settings,
  folders: ReadonlySet<string>,
): Promise<Prepared> {
  // Written while the pages render.
  const search = await stageSearchDocuments(staging, model.pages, settings.searchBundlePages, undefined, cache);
  if (!cache)
    return {
      site: siteToRender(model),
      search,
      restored: [],
      restoredPages: 0,
      toKeep: new Map(),
    };
  const wantedPages = model.pages.map((view) => ({
    item: view,
    key: cache.pageKey(view),
    file: path.resolve(path.join(staging, outputPathForUrl(view.url), "index.html")),
  }));
  // The A to Z, tag pages, sitemap and feed are drawn from the whole site, but a change to one page's body
  // changes few of them: each is kept by what its template is given, as the dev server decides what to redraw.
  const wantedSiteFiles = siteFilesOf(model.generated).map((file) => ({
    item: file,
    key: cache.siteFileKey(file),
    file: siteFileOutput(staging, file.url),
  }));
  const existing = await withoutFoldersInTheWay(folders, [...wantedPages, ...wantedSiteFiles]);
  const pages = await restoreFromCache(cache, wantedPages, existing);
  const site = siteToRender(
    model,
    pages.toRender.map(({ item }) => item),
  );
  const files = await restoreFromCache(cache, wantedSiteFiles, existing);
  return {
    site: { ...site, siteFiles: files.toRender.map(({ item }) => item) },
    search,
    restored: [...pages.restored, ...files.restored],
    restoredPages: pages.restored.length,
    toKeep: new Map([...pages.toRender, ...files.toRender].map(({ key, file }) => [file, key])),
  };
}

/**
 * Removes each reused folder (emptied of files) that sits where this build writes a file, as a page
 * that became a redirect file leaves; returns the folders still there.
 */
async function withoutFoldersInTheWay(
  folders: ReadonlySet<string>,
  files: { file: string }[],
): Promise<ReadonlySet<string>> {
  const inTheWay = files.map(({ file }) => file).filter((file) => folders.has(file));
  if (!inTheWay.length) return folders;
  await Promise.all(inTheWay.map((folder) => rm(folder, { recursive: true, force: true })));
  return new Set(
    [...folders].filter(
      (folder) => !inTheWay.some((gone) => folder === gone || folder.startsWith(`${gone}${path.sep}`)),
    ),
  );
}

/**
 * Where, in the build cache, the site a build replaced is kept for the next build into the same folder
 * (its pages are links to the cache's own entries, so it adds little to it). A build into a folder that
 * was not there, as in CI's fresh checkout, replaces nothing and keeps nothing.
 */
const SPARE_FOLDERS = "spare-folders";

const NO_STYLES: UsedStyles = { govuk: [], content: [], layout: [], classes: [] };

const PAGE_SCRIPT = /\/assets\/js\/(application-[0-9a-f]+\.js)"/;

/** Copies the scripts of the pages restored from the cache into the output. */
async function restoreScripts(cache: BuildCache, prepared: Prepared, staging: string): Promise<void> {
  const jsDir = path.join(staging, "assets", "js");
  const scripts = new Set(prepared.restored.flatMap(({ script }) => (script ? [script] : [])));
  const restoredScripts = await Promise.all([...scripts].map((name) => cache.restoreScript(name, jsDir)));
  const missing = [...scripts].filter((_, index) => !restoredScripts[index]);
  if (missing.length) throw new Error(`the build cache lost the page scripts ${missing.join(", ")}: build again`);
}

/** Keeps each page just rendered. */
async function keepRendered(
  cache: BuildCache,
  prepared: Prepared,
  rendered: RenderedFile[],
  staging: string,
): Promise<void> {
  const jsDir = path.join(staging, "assets", "js");
  const code = new Map<string, Promise<string | undefined>>();
  const scriptCode = (name: string) => {
    if (!code.has(name))
      code.set(
        name,
        readFile(path.join(jsDir, name), "utf8").catch(() => undefined),
      );
    return code.get(name)!;
  };
  await Promise.all(
    rendered.map(async ({ outputPath, content, styles }) => {
      if (typeof outputPath !== "string" || typeof content !== "string") return;
      // Every HTML page's styles are read as it is rendered: one without them is not kept, rather than kept without its CSS.
      if (!styles && outputPath.endsWith(".html")) return;
      const file = path.resolve(outputPath);
      const key = prepared.toKeep.get(file);
      if (!key) return;
      const found = PAGE_SCRIPT.exec(content)?.[1];
      // A copy: the match is a slice of the page, which would keep its HTML alive while the write waits its turn.
      const script = found && ownCopy(found);
      // A file that is not HTML (the sitemap, the feed) has no styles of its own.
      const kept = { styles: styles ?? NO_STYLES, ...(script ? { script } : {}) };
      cache.keepPage(key, file, kept, script && (await scriptCode(script)));
    }),
  );
}

/**
 * Pages Eleventy renders in one run. It holds every page's HTML, and its own caches of each, until the run
 * ends: in one run of 10,000 pages the build's memory grew until the last page was written. Runs of 2,500
 * each start afresh, for about a third of a second each (README, Performance).
 */
const PAGES_PER_RENDER = 2500;

/**
 * Renders the pages and keeps them in the cache. A function of its own so that once it returns nothing
 * holds what Eleventy rendered: a local of the build's own async function would keep every page's HTML
 * alive while the search index is written, since its frame lives until the build returns.
 */
async function renderAndKeep(
  staging: string,
  settings: Settings,
  projectRoot: string,
  prepared: Prepared,
  cache: BuildCache | undefined,
  pagesPerRender: number,
): Promise<void> {
  const { pages, siteFiles } = prepared.site;
  // The stylesheet each run writes holds what every page rendered or restored so far uses; the last run's, all.
  const styles = prepared.restored.map(({ styles }) => styles);
  // At least one run: a rebuild that restored every page still renders the site files.
  for (let start = 0; start === 0 || start < pages.length; start += pagesPerRender) {
    const last = start + pagesPerRender >= pages.length;
    const rendered = await runEleventy(staging, {
      settings,
      projectRoot,
      site: { ...prepared.site, pages: pages.slice(start, start + pagesPerRender), siteFiles: last ? siteFiles : [] },
      prerendered: [...styles],
    });
    for (const file of rendered) if (file.styles) styles.push(file.styles);
    if (cache) await keepRendered(cache, prepared, rendered, staging);
  }
  if (cache) await restoreScripts(cache, prepared, staging);
}

/**
 * The one-off build: load the model, stage, render with Eleventy, release memory, index search and
 * swap the new site in. Never throws and never exits: the result says whether it worked and what it
 * printed. Holds no state between calls, so builds with different settings can run in one process.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildResult> {
  const { settings, projectRoot, outputDir } = options;
  const heapUsedAtStart = process.memoryUsage().heapUsed;
  const lines: PrintedLine[] = [];
  const print = (stream: PrintedLine["stream"], text: string) => {
    const line = { stream, text };
    lines.push(line);
    options.print?.(line);
  };
  let diagnostics: Diagnostic[] = [];
  let pageCount = 0;
  const reused = { pages: 0, searchBundles: 0 };
  let cache: BuildCache | undefined;
  // Folders taken for this build, until buildAtomically has them.
  let reusing: Promise<ReusedFolders | undefined> | undefined;
  const stages: string[] = [];
  let stageStart = performance.now();
  const stageDone = (name: string) => {
    const now = performance.now();
    stages.push(`${name} ${((now - stageStart) / 1000).toFixed(2)} s`);
    stageStart = now;
  };
  try {
    cache =
      options.cache ??
      (await openBuildCache(settings, projectRoot, path.resolve(projectRoot, settings.contentDir)).catch(
        () => undefined,
      ));
    // With a cache, most of the last site's files are links to its entries, so the site the last build
    // replaced cost little to keep: its folders are emptied beside the loading, and built in.
    const spareFolders = cache && path.join(cache.dir, SPARE_FOLDERS);
    if (spareFolders) reusing = reuseSpareFolders(outputDir, spareFolders);
    let loaded: Loaded | undefined = await loadValidated({ ...options, cache }, (diagnostic) =>
      print("stderr", formatDiagnostic(diagnostic)),
    );
    diagnostics = loaded.diagnostics;
    pageCount = loaded.model.pages.length;
    stageDone("loading");
    const spare = reusing;
    reusing = undefined;
    await buildAtomically(
      outputDir,
      async (staging, folders) => {
        const prepared = await prepare(loaded!, cache, staging, settings, folders);
        stageDone("restoring");
        // From here the model is not kept: Eleventy lets go of each page's part of what prepare made.
        loaded = undefined;
        reused.pages = prepared.restoredPages;
        const { search } = prepared;
        // A site whose search is one bundle is indexed while its pages render: the indexer is a process
        // of its own, so it takes the core Eleventy leaves idle, and one bundle's memory beside the pages'
        // is small. So is a rebuild with one bundle to index again and no more pages to render than a
        // bundle holds: no more memory than a one-bundle site's. A larger site is indexed after
        // rendering, once the pages' memory has been released.
        const fewToRender = prepared.site.pages.length <= settings.searchBundlePages;
        const indexing =
          search.bundles.length === 1 || (search.bundles.filter(({ kept }) => !kept).length <= 1 && fewToRender)
            ? writeSearchIndex(search, settings, cache)
            : undefined;
        // Awaited below, after the rendering; a failure is reported there, not as an unhandled rejection.
        indexing?.catch(() => {});
        try {
          await renderAndKeep(
            staging,
            settings,
            projectRoot,
            prepared,
            cache,
            options.pagesPerRender ?? PAGES_PER_RENDER,
          );
        } catch (error) {
          // The documents are still being written into the staging folder, or indexed from it: let that
          // finish, so removing the folder does not race it and hide Eleventy's error behind its own.
          await (indexing ?? search.written).catch(() => {});
          throw error;
        }
        stageDone("rendering");
        // A build large enough to want its memory back does not keep Sass waiting for another build either.
        if (await releaseMemory(heapUsedAtStart)) stopSassWorker();
        // Indexed before the swap, so the published search never lags behind the pages.
        reused.searchBundles = (await (indexing ?? writeSearchIndex(search, settings, cache))).reusedBundles;
        // The cache copies pages from this folder, written beside the indexing: done before it is swapped in.
        await cache?.settled();
        // A restored page is the cache's file and the last site's too: one written in place there since
        // (the dev server on the same folder) would be published as it now is.
        const changed = (await cache?.changedSinceRestored(staging)) ?? [];
        if (changed.length)
          throw new Error(
            `${changed.length} page${changed.length === 1 ? "" : "s"} in ${outputDir}/ changed while the site was built, ${changed
              .slice(0, 3)
              .map((file) => path.relative(staging, file))
              .join(
                ", ",
              )}${changed.length > 3 ? " …" : ""}: is the dev server (npm start) writing to the same folder? Stop it, or give it another OUTPUT_DIR, and build again.`,
          );
        stageDone("indexing");
      },
      { reused: spare, spare: spareFolders },
    );
    stageDone("swapping");
    await cache?.writeManifest().catch(() => {});
    await cache?.prune().catch(() => {});
    print("stdout", `Built ${pageCount} pages into ${outputDir}/`);
    if (options.timings) print("stdout", `Stages: ${stages.join(", ")}`);
    return { ok: true, pageCount, diagnostics, lines, reused };
  } catch (error) {
    // Nothing of this build is left being written when the caller goes on (or exits).
    await cache?.settled();
    const untouched = await reusing;
    if (untouched && cache) await returnSpareFolders(untouched, path.join(cache.dir, SPARE_FOLDERS));
    if (error instanceof ContentError) diagnostics = error.diagnostics;
    print("stderr", explainBuildError(error));
    print("stderr", `\nThe build failed, so ${outputDir}/ was left as it was.`);
    return { ok: false, pageCount, diagnostics, lines, reused };
  }
}
