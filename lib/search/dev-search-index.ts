import { mkdtemp, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { BuildCache } from "../build/build-cache.ts";
import type { PageView } from "../model/site-model.ts";
import type { Settings } from "../settings.ts";
import { SEARCH_BUNDLE_FOLDER, stageSearchDocuments, writeSearchIndex } from "./search-index.ts";

/** The start of the name of the folder in the output an index is made in, before it is moved into place. */
export const INDEX_BEING_MADE = ".search-index-";

/** Builds waited for before indexing: a burst of saves is indexed once, after the last. */
const QUIET_MS = 300;

export interface DevSearchIndexer {
  /** Asks for the site's search to be indexed from these pages, once the saves stop; the last call wins. */
  update(outputDir: string, pages: PageView[]): void;
  /** Forgets any indexing still waiting, and resolves once the one under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Keeps the dev server's search index in step with its pages, beside the serving: never before the first
 * page is served, nor a save's page written. Each index is made in a folder of its own and moved in whole,
 * so the search page never reads half of one. With a build cache, a bundle whose pages did not change is
 * the one an earlier index made, so a save re-indexes one bundle, not the site.
 */
export function devSearchIndexer(
  settings: Pick<Settings, "searchBundlePages" | "pagefindBinaryPath">,
  openCache: () => Promise<BuildCache | undefined>,
  // Looked up when a message is given, not when the indexer is made: the console may be redirected since.
  warn: (message: string) => void = (message) => console.warn(message),
): DevSearchIndexer {
  let wanted: { outputDir: string; pages: PageView[] } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let cache: Promise<BuildCache | undefined> | undefined;
  let failing = false;
  let indexed = false;

  const indexOnce = async ({ outputDir, pages }: { outputDir: string; pages: PageView[] }) => {
    cache ??= openCache().catch(() => undefined);
    const made = await mkdtemp(path.join(outputDir, INDEX_BEING_MADE));
    try {
      const staged = await stageSearchDocuments(made, pages, settings.searchBundlePages, undefined, await cache);
      // The first index's bundles are kept, for each save to reuse those it leaves alone. A save's own bundle
      // is not: it changes with every save, and a long session would fill the cache with bundles no one reuses.
      const keeping = indexed ? undefined : await cache;
      await writeSearchIndex(staged, { ...settings, background: true }, keeping);
      indexed = true;
      const bundles = (await readdir(made)).filter((name) => SEARCH_BUNDLE_FOLDER.test(name));
      const published = (await readdir(outputDir)).filter((name) => SEARCH_BUNDLE_FOLDER.test(name));
      const old = path.join(made, ".replaced");
      for (const name of published) await rename(path.join(outputDir, name), `${old}-${name}`);
      for (const name of bundles) await rename(path.join(made, name), path.join(outputDir, name));
      if (failing) console.log("[search] The search index is up to date again.");
      failing = false;
    } finally {
      await rm(made, { recursive: true, force: true });
    }
  };

  const run = async () => {
    while (wanted) {
      const next = wanted;
      wanted = undefined;
      try {
        await indexOnce(next);
      } catch (error) {
        // The pages are served all the same; only search is behind until the next save indexes it.
        failing = true;
        warn(
          `[search] The search index was not updated, so search shows the pages as they were: ${(error as Error)?.message ?? error}`,
        );
      }
    }
  };

  return {
    update(outputDir, pages) {
      wanted = { outputDir, pages };
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        running ??= run().finally(() => (running = undefined));
      }, QUIET_MS);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      wanted = undefined;
      await running;
    },
  };
}
