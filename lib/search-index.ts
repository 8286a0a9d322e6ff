import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import type { PageView } from "./site-model.ts";

/**
 * Pages per search bundle. Pagefind's indexer holds about 200 KB per page while it writes an index
 * (2 GB for 10,000 pages), so a large site is indexed as several bundles, one after another, and the
 * search page merges them with Pagefind's mergeIndex. Merged bundles share the first one's WebAssembly,
 * so a reader pays only for each bundle's small entry file and the index chunks the query needs.
 */
export const DEFAULT_PAGES_PER_BUNDLE = 1000;

/** SEARCH_BUNDLE_PAGES, so tests can split a small site into several bundles. */
export function pagesPerBundle(env: NodeJS.ProcessEnv = process.env): number {
  const written = env.SEARCH_BUNDLE_PAGES?.trim();
  if (!written) return DEFAULT_PAGES_PER_BUNDLE;
  const value = Number(written);
  if (!Number.isInteger(value) || value < 1) throw new Error(`SEARCH_BUNDLE_PAGES must be a whole number of pages, at least 1, found "${written}"`);
  return value;
}

/** The site-relative folders of the search bundles for a site of this many pages: "pagefind/", then "pagefind-2/"… */
export function searchBundlePaths(pageCount: number, perBundle = pagesPerBundle()): string[] {
  const count = Math.max(1, Math.ceil(pageCount / perBundle));
  return Array.from({ length: count }, (_, index) => (index === 0 ? "pagefind/" : `pagefind-${index + 1}/`));
}

/**
 * Splits the pages evenly over the bundles (1,001 pages make two bundles of about 500, not 1,000 and 1):
 * each bundle ranks its pages by how rare the words are within it, which a tiny bundle would skew.
 */
export function splitIntoBundles<T>(pages: T[], perBundle = pagesPerBundle()): T[][] {
  const count = searchBundlePaths(pages.length, perBundle).length;
  return Array.from({ length: count }, (_, index) => pages.slice(Math.floor((index * pages.length) / count), Math.floor(((index + 1) * pages.length) / count)));
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * What search reads of a page: its caption, title (weighted above everything else, and the result's
 * title), summary and body. Written from the site model rather than read back from the rendered page,
 * so navigation, lists of other pages and notes about the page itself never match, and Pagefind parses
 * a tenth of the HTML.
 */
export function searchDocument(view: PageView, language = "en"): string {
  return [
    `<!doctype html><html lang="${escapeHtml(language)}"><head><title>${escapeHtml(view.title)}</title></head><body>`,
    view.caption ? `<p>${escapeHtml(view.caption)}</p>` : "",
    `<h1 data-pagefind-meta="title" data-pagefind-weight="10">${escapeHtml(view.title)}</h1>`,
    view.description ? `<p>${escapeHtml(view.description)}</p>` : "",
    view.bodyHtml,
    "</body></html>",
  ].join("");
}

/** The search documents of one build, written to disk until the pages are rendered and memory is free again. */
export interface StagedSearch {
  dir: string;
  bundles: { outputPath: string; sourceDir: string; pageCount: number }[];
}

/**
 * Writes every page's search document into a folder per bundle, inside `outputDir` (removed again by
 * writeSearchIndex). Their paths there give Pagefind the pages' URLs.
 */
export async function stageSearchDocuments(outputDir: string, pages: PageView[], perBundle = pagesPerBundle()): Promise<StagedSearch> {
  const dir = await mkdtemp(path.join(outputDir, ".search-documents-"));
  const paths = searchBundlePaths(pages.length, perBundle);
  const bundles = splitIntoBundles(pages, perBundle).map((bundlePages, index) => ({
    outputPath: path.join(outputDir, paths[index]),
    sourceDir: path.join(dir, String(index + 1)),
    pages: bundlePages,
  }));
  for (const bundle of bundles) {
    await mkdir(bundle.sourceDir, { recursive: true });
    await Promise.all(
      bundle.pages.map(async (page) => {
        const folder = path.join(bundle.sourceDir, page.url);
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, "index.html"), searchDocument(page));
      }),
    );
  }
  return { dir, bundles: bundles.map(({ outputPath, sourceDir, pages }) => ({ outputPath, sourceDir, pageCount: pages.length })) };
}

// Pagefind writes its ready-made search interfaces too; the search page is our own, so they are never loaded.
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

/**
 * Indexes the staged documents with Pagefind, one bundle at a time, each in a fresh indexer process
 * so the memory of one is returned before the next starts; then removes the staged documents.
 */
export async function writeSearchIndex(staged: StagedSearch): Promise<{ pageCount: number; bundleCount: number }> {
  try {
    let pageCount = 0;
    for (const [index, bundle] of staged.bundles.entries()) {
      try {
        const { index: searchIndex, errors } = await pagefind.createIndex({});
        if (!searchIndex) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
        const added = await searchIndex.addDirectory({ path: bundle.sourceDir });
        if (added.errors.length) throw new Error(`Pagefind could not index the pages: ${added.errors.join("; ")}`);
        if (added.page_count !== bundle.pageCount) throw new Error(`Pagefind indexed ${added.page_count} of ${bundle.pageCount} pages`);
        const written = await searchIndex.writeFiles({ outputPath: bundle.outputPath });
        if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
      } finally {
        await pagefind.close();
      }
      await removeUnusedFiles(bundle.outputPath, index === 0);
      pageCount += bundle.pageCount;
    }
    return { pageCount, bundleCount: staged.bundles.length };
  } finally {
    await rm(staged.dir, { recursive: true, force: true });
  }
}
