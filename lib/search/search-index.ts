import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { setPriority } from "node:os";
import path from "node:path";
import type { PageView } from "../model/site-model.ts";
import { escapeHtml } from "../safety/escape-html.ts";
import { DEFAULT_PAGES_PER_BUNDLE } from "../settings.ts";
import { searchFilterValues, type SearchFilterValues } from "./search-filters.ts";
import { searchBundleKey, type BuildCache } from "../build/build-cache.ts";

/**
 * Pages per search bundle (Settings.searchBundlePages). Pagefind's indexer holds every page of an index in memory while it writes
 * it (README, "Where the time and memory go"), so a large site is indexed as several bundles, a few at a time,
 * and the search page merges them with Pagefind's mergeIndex. Merged bundles share the first one's WebAssembly,
 * so a reader pays only for each bundle's small entry file and the index chunks the query needs.
 */
export { DEFAULT_PAGES_PER_BUNDLE, pagesPerBundle } from "../settings.ts";

/** The name of a folder searchBundlePaths names: `pagefind`, then `pagefind-2` and on for a larger site. */
export const SEARCH_BUNDLE_FOLDER = /^pagefind(?:-\d+)?$/;

/** The site-relative folders of the search bundles for a site of this many pages: "pagefind/", then "pagefind-2/"… */
export function searchBundlePaths(pageCount: number, perBundle = DEFAULT_PAGES_PER_BUNDLE): string[] {
  const count = Math.max(1, Math.ceil(pageCount / perBundle));
  return Array.from({ length: count }, (_, index) => (index === 0 ? "pagefind/" : `pagefind-${index + 1}/`));
}

/**
 * Splits the pages evenly over the bundles (1,001 pages make two bundles of about 500, not 1,000 and 1):
 * each bundle ranks its pages by how rare the words are within it, which a tiny bundle would skew.
 */
export function splitIntoBundles<T>(pages: T[], perBundle = DEFAULT_PAGES_PER_BUNDLE): T[][] {
  const count = searchBundlePaths(pages.length, perBundle).length;
  return Array.from({ length: count }, (_, index) =>
    pages.slice(Math.floor((index * pages.length) / count), Math.floor(((index + 1) * pages.length) / count)),
  );
}

/**
 * What search reads of a page: its caption, title (weighted above everything else, and the result's
 * title), summary and body. Written from the site model rather than read back from the rendered page,
 * so navigation, lists of other pages and notes about the page itself never match, and Pagefind parses
 * a tenth of the HTML. The body's headings keep their ids, from which Pagefind makes each result's
 * links to the sections that match. The page's section and tags are filters, kept out of the words
 * searched (`data-pagefind-ignore` skips the text, not the filters).
 */
export function searchDocument(view: PageView, language = "en", filters?: SearchFilterValues): string {
  const filter = (name: string, value: string) => `<span data-pagefind-filter="${name}">${escapeHtml(value)}</span>`;
  const filterHtml = filters
    ? [
        filters.section ? filter("section", filters.section) : "",
        ...filters.tags.map((tag) => filter("tag", tag)),
      ].join("")
    : "";
  return [
    `<!doctype html><html lang="${escapeHtml(language)}"><head><title>${escapeHtml(view.title)}</title></head><body>`,
    filterHtml ? `<div data-pagefind-ignore>${filterHtml}</div>` : "",
    view.caption ? `<p>${escapeHtml(view.caption)}</p>` : "",
    `<h1 data-pagefind-meta="title" data-pagefind-weight="10">${escapeHtml(view.title)}</h1>`,
    view.description ? `<p>${escapeHtml(view.description)}</p>` : "",
    view.bodyHtml,
    "</body></html>",
  ].join("");
}

/** The pages the site's search lists: all but those whose front matter says `noindex`. */
export const searchablePages = <Page extends Pick<PageView, "noindex">>(pages: readonly Page[]): Page[] =>
  pages.filter((page) => !page.noindex);

/** How a search document is written: `writeFile`, unless a test stands in for a full disk. */
export type WriteFile = (file: string, data: string) => Promise<void>;

/** The message for a write the disk had no room for, naming what was being written; other errors as they are. */
export function explainWriteError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== "ENOSPC" && code !== "EDQUOT") return error;
  const full = code === "ENOSPC" ? "the disk is full (ENOSPC)" : "the disk quota is used up (EDQUOT)";
  return new Error(`${full} while writing ${file}: free some space and build again`, { cause: error });
}

/** The search documents of one build, written to disk while the pages render, until memory is free to index them. */
export interface StagedSearch {
  dir: string;
  bundles: {
    outputPath: string;
    sourceDir: string;
    pageCount: number;
    /** What the bundle is made from, hashed, to find an index kept by an earlier build (lib/build/build-cache.ts). */
    key?: string;
    /** Whether an earlier build's index of the same documents was found, to restore rather than index. */
    kept: boolean;
    /** Set once the bundle's kept index is in place: its documents were not written, and it is not indexed again. */
    restored?: boolean;
    /** Settles when the bundle's documents are on disk, or its kept index restored. */
    ready: Promise<void>;
  }[];
  /** Settles when every document is on disk, and every kept index restored. */
  written: Promise<void>;
}

/**
 * Writes every searchable page's search document into a folder per bundle, inside `outputDir` (removed again by
 * writeSearchIndex); their paths there give Pagefind the pages' URLs. The documents are made at once,
 * from the pages as they are now, and written in the background: the writing overlaps the rendering.
 */
export async function stageSearchDocuments(
  outputDir: string,
  pages: PageView[],
  perBundle = DEFAULT_PAGES_PER_BUNDLE,
  write: WriteFile = writeFile,
  cache?: Pick<BuildCache, "fingerprint" | "searchBundle" | "restoreSearchBundle">,
): Promise<StagedSearch> {
  const dir = await mkdtemp(path.join(outputDir, ".search-documents-")).catch((error) => {
    throw explainWriteError(error, outputDir);
  });
  const searchable = searchablePages(pages);
  const filters = searchFilterValues(searchable, pages);
  const paths = searchBundlePaths(searchable.length, perBundle);
  const bundles = splitIntoBundles(searchable, perBundle).map((bundlePages, index) => {
    const sourceDir = path.join(dir, String(index + 1));
    return {
      outputPath: path.join(outputDir, paths[index]),
      sourceDir,
      pageCount: bundlePages.length,
      // Made when hashed and again when written, never all held at once: each repeats its page's body, and
      // at 10,000 pages they were 110 MB held beside the rendering until the disk had taken them.
      documents: bundlePages.map((page) => ({
        folder: path.join(sourceDir, page.url),
        html: () => searchDocument(page, undefined, filters.get(page.url)),
      })),
    };
  });
  const keyed = bundles.map((bundle, index) => ({
    ...bundle,
    key:
      cache &&
      searchBundleKey(
        cache.fingerprint,
        index === 0,
        (function* () {
          for (const { folder, html } of bundle.documents)
            yield { relativeFolder: path.relative(bundle.sourceDir, folder), html: html() };
        })(),
      ),
  }));
  // A bundle made from the same documents as one an earlier build indexed is that index again: linked in
  // while the pages render, rather than its documents written out to be indexed once more.
  const keptFolders = await Promise.all(keyed.map(({ key }) => (key ? cache?.searchBundle(key) : undefined)));
  const writeDocuments = async ({ sourceDir, documents }: (typeof bundles)[number]) => {
    await mkdir(sourceDir, { recursive: true });
    await Promise.all(
      documents.map(async ({ folder, html }) => {
        const file = path.join(folder, "index.html");
        try {
          await mkdir(folder, { recursive: true });
          await write(file, html());
        } catch (error) {
          // Node's ENOSPC message names the system call, not the file.
          throw explainWriteError(error, file);
        }
      }),
    );
  };
  // The documents to index first, so their indexer can start while the kept indexes are copied.
  const documentsWritten = bundles.map((bundle, index) => (keptFolders[index] ? undefined : writeDocuments(bundle)));
  const allDocumentsWritten = Promise.all(documentsWritten);
  // Reported through each bundle's `ready`, not as an unhandled rejection.
  allDocumentsWritten.catch(() => {});
  const staged = keyed.map(({ outputPath, sourceDir, pageCount, key }, index) => {
    const kept = keptFolders[index];
    const bundle = {
      outputPath,
      sourceDir,
      pageCount,
      key,
      kept: Boolean(kept),
      restored: false,
      ready: Promise.resolve(),
    };
    bundle.ready = kept
      ? allDocumentsWritten.then(async () => {
          try {
            await cache!.restoreSearchBundle(kept, outputPath);
            bundle.restored = true;
          } catch {
            // Removed from the cache since (pruned by another build): indexed again instead.
            await rm(outputPath, { recursive: true, force: true });
            await writeDocuments(bundles[index]);
          }
        })
      : documentsWritten[index]!;
    // Awaited by writeSearchIndex; a failure is reported there, not as an unhandled rejection.
    bundle.ready.catch(() => {});
    return bundle;
  });
  const written = Promise.all(staged.map(({ ready }) => ready)).then(() => {});
  written.catch(() => {});
  return { dir, bundles: staged, written };
}

// Pagefind writes its ready-made search interfaces too; the search page is our own, so they are never loaded.
// Its highlighter is left out as well: it marks the whole page, navigation and all, and adds an inline
// style the Content-Security-Policy refuses, so pages reached from search mark the words with their own
// small script (assets/js/mark-search-terms.js).
const UNUSED_FILES = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;
// A merged bundle is read through the first bundle's script and WebAssembly.
const FIRST_BUNDLE_ONLY = /^(pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind)$/;

async function removeUnusedFiles(bundleDir: string, isFirst: boolean): Promise<void> {
  const names = await readdir(bundleDir);
  await Promise.all(
    names
      .filter((name) => UNUSED_FILES.test(name) || (!isFirst && FIRST_BUNDLE_ONLY.test(name)))
      .map((name) => rm(path.join(bundleDir, name))),
  );
}

/** The Pagefind program the `pagefind` package installed for this platform, found the way its own wrapper finds it. */
function pagefindProgram(override: string | undefined): string {
  if (override) return override;
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const fromPagefind = createRequire(import.meta.resolve("pagefind"));
  for (const name of ["pagefind_extended", "pagefind"]) {
    try {
      return fromPagefind.resolve(
        `@pagefind/${platform}-${process.arch}/bin/${name}${platform === "windows" ? ".exe" : ""}`,
      );
    } catch {
      // Try the next name: the extended build is preferred, the plain one is enough.
    }
  }
  throw new Error(
    `Pagefind has no program for ${platform}-${process.arch}: run npm ci again, or set PAGEFIND_BINARY_PATH`,
  );
}

/** The niceness of a process the system runs only when nothing else wants the core. */
const LOWEST_PRIORITY = 19;

/** How Pagefind (a Rust program) words a write the disk had no room for. */
const NO_SPACE = /No space left on device|os error 28|StorageFull|Disk quota exceeded|os error 122/i;

/** Runs Pagefind over one bundle's documents; resolves with the number of pages the bundle's index holds. */
function indexBundle(program: string, bundle: StagedSearch["bundles"][number], background = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ["--site", bundle.sourceDir, "--output-path", bundle.outputPath, "--silent"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    if (background && child.pid !== undefined) {
      try {
        setPriority(child.pid, LOWEST_PRIORITY);
      } catch {
        // Indexed at the usual priority where the system refuses: slower saves, not a failure.
      }
    }
    let errors = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (errors += text));
    child.on("error", (error) => reject(new Error(`Pagefind could not start: ${error.message}`)));
    child.on("close", async (code) => {
      if (code !== 0 && NO_SPACE.test(errors))
        return reject(
          new Error(`the disk is full (ENOSPC) while writing ${bundle.outputPath}: free some space and build again`),
        );
      if (code !== 0)
        return reject(new Error(`Pagefind could not index the pages (exit code ${code}): ${errors.trim()}`));
      const entryFile = path.join(bundle.outputPath, "pagefind-entry.json");
      let text: string;
      try {
        text = await readFile(entryFile, "utf8");
      } catch (error) {
        return reject(new Error(`Pagefind wrote no index to ${bundle.outputPath}: ${(error as Error).message}`));
      }
      let entry: { languages?: Record<string, { page_count?: number }> };
      try {
        entry = JSON.parse(text);
      } catch {
        // Pagefind has been seen to finish with success and a file cut off where the disk filled up.
        return reject(
          new Error(
            `${entryFile} is cut short (${text.length} bytes of Pagefind's index entry): the disk may be full: free some space and build again`,
          ),
        );
      }
      const counts = Object.values(entry.languages ?? {}).map((language) => language.page_count);
      if (!counts.length || counts.some((count) => typeof count !== "number"))
        return reject(new Error(`${entryFile} is not the index entry this Pagefind version writes: run npm ci again`));
      resolve(counts.reduce<number>((sum, count) => sum + (count as number), 0));
    });
  });
}

/**
 * The file in the first bundle that lists every bundle, site-relative, for scripts on pages that are
 * not the search page (the header's suggestions), which are built without knowing how many there are.
 */
export const BUNDLE_LIST_FILE = "search-bundles.json";

/**
 * Two indexers at a time: one Pagefind indexer leaves part of a second core idle, so two bundles side by
 * side finish sooner than one after another, for twice the indexers' memory (README, Performance).
 */
const CONCURRENT_INDEXERS = 2;

/**
 * Indexes the staged documents with Pagefind, each bundle in its own indexer process, so a bundle's
 * memory is returned when it is done; then removes the staged documents.
 */
export async function writeSearchIndex(
  staged: StagedSearch,
  settings: {
    pagefindBinaryPath?: string;
    /** Run the indexer at the lowest CPU priority, as the dev server does, so its rebuilds keep the cores. */
    background?: boolean;
  } = {},
  cache?: Pick<BuildCache, "keepSearchBundle">,
): Promise<{ pageCount: number; bundleCount: number; reusedBundles: number }> {
  try {
    const program = pagefindProgram(settings.pagefindBinaryPath);
    // The bundles to index first: a kept one only has to be waited for.
    const queue = staged.bundles
      .map((bundle, index) => ({ bundle, index }))
      .sort((a, b) => Number(a.bundle.kept) - Number(b.bundle.kept));
    let pageCount = 0;
    let reusedBundles = 0;
    const lane = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await next.bundle.ready;
          if (next.bundle.restored) {
            pageCount += next.bundle.pageCount;
            reusedBundles++;
            continue;
          }
          const indexed = await indexBundle(program, next.bundle, settings.background);
          if (indexed !== next.bundle.pageCount)
            throw new Error(
              `Pagefind indexed ${indexed} of ${next.bundle.pageCount} pages into ${next.bundle.outputPath}`,
            );
          await removeUnusedFiles(next.bundle.outputPath, next.index === 0);
          if (next.bundle.key) await cache?.keepSearchBundle(next.bundle.key, next.bundle.outputPath);
          pageCount += indexed;
        } catch (error) {
          queue.length = 0;
          throw error;
        }
      }
    };
    // Settled, not raced: the staged documents are removed only once no indexer is still reading them.
    const lanes = await Promise.allSettled(Array.from({ length: Math.min(CONCURRENT_INDEXERS, queue.length) }, lane));
    const failed = lanes.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const [first] = staged.bundles;
    const bundlePaths = staged.bundles.map((bundle) => `${path.basename(bundle.outputPath)}/`);
    await writeFile(path.join(first.outputPath, BUNDLE_LIST_FILE), JSON.stringify(bundlePaths)).catch((error) => {
      throw explainWriteError(error, path.join(first.outputPath, BUNDLE_LIST_FILE));
    });
    return { pageCount, bundleCount: staged.bundles.length, reusedBundles };
  } finally {
    // Not while a document is still being written into it.
    await staged.written.catch(() => {});
    await rm(staged.dir, { recursive: true, force: true });
  }
}
