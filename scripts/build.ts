import { buildAtomically } from "../lib/atomic-output.ts";
import { loadSiteModel, primeSiteModel } from "../lib/build-site.ts";
import { formatDiagnostic } from "../lib/content/diagnostics.ts";
import { explainBuildError, runEleventy } from "../lib/eleventy-build.ts";
import { writeSearchIndex } from "../lib/search-index.ts";

const outputDir = process.env.OUTPUT_DIR ?? "_site";

try {
  // Validate every page before Eleventy starts, so editors see all problems and no stack trace.
  const loaded = await loadSiteModel();
  for (const diagnostic of loaded.diagnostics) console.warn(formatDiagnostic(diagnostic));
  primeSiteModel(loaded);
  await buildAtomically(outputDir, async (staging) => {
    await runEleventy(staging);
    // Indexed before the swap, so the published search never lags behind the pages.
    await writeSearchIndex(staging, loaded.model.pages.map((page) => page.url));
  });
  console.log(`Built ${loaded.model.pages.length} pages into ${outputDir}/`);
} catch (error) {
  console.error(explainBuildError(error));
  console.error(`\nThe build failed, so ${outputDir}/ was left as it was.`);
  process.exitCode = 1;
}
