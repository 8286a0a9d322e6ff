import { buildAtomically } from "../lib/build/atomic-output.ts";
import { loadSiteModel, primeSiteModel } from "../lib/model/load-site-model.ts";
import { formatDiagnostic } from "../lib/diagnostics.ts";
import { explainBuildError, runEleventy } from "../lib/eleventy/run-eleventy.ts";
import { limitHeapGrowth, releaseMemory } from "../lib/build/release-memory.ts";
import { stageSearchDocuments, writeSearchIndex, type StagedSearch } from "../lib/search/search-index.ts";

const outputDir = process.env.OUTPUT_DIR ?? "_site";
limitHeapGrowth();

/** Validates every page, then renders the site into `staging`; the site model goes out of scope on return. */
async function renderPages(staging: string): Promise<{ pageCount: number; search: StagedSearch }> {
  // Validate every page before Eleventy starts, so editors see all problems and no stack trace.
  const loaded = await loadSiteModel();
  for (const diagnostic of loaded.diagnostics) console.warn(formatDiagnostic(diagnostic));
  primeSiteModel(loaded);
  const search = await stageSearchDocuments(staging, loaded.model.pages);
  try {
    await runEleventy(staging);
  } catch (error) {
    // The documents are still being written into the staging folder: let them finish, so removing
    // the folder does not race them and hide Eleventy's error behind its own.
    await search.written.catch(() => {});
    throw error;
  }
  return { pageCount: loaded.model.pages.length, search };
}

try {
  let pageCount = 0;
  await buildAtomically(outputDir, async (staging) => {
    const rendered = await renderPages(staging);
    pageCount = rendered.pageCount;
    await releaseMemory();
    // Indexed before the swap, so the published search never lags behind the pages.
    await writeSearchIndex(rendered.search);
  });
  console.log(`Built ${pageCount} pages into ${outputDir}/`);
} catch (error) {
  console.error(explainBuildError(error));
  console.error(`\nThe build failed, so ${outputDir}/ was left as it was.`);
  process.exitCode = 1;
}
