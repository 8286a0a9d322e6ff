import path from "node:path";
import { ContentError, formatDiagnostic, type Diagnostic } from "../diagnostics.ts";
import { explainBuildError, runEleventy } from "../eleventy/run-eleventy.ts";
import { siteToRender, type SiteToRender } from "../eleventy/pages.ts";
import { loadSiteModel } from "../model/load-site-model.ts";
import { stageSearchDocuments, writeSearchIndex, type StagedSearch } from "../search/search-index.ts";
import type { Settings } from "../settings.ts";
import { buildAtomically } from "./atomic-output.ts";
import { releaseMemory } from "./release-memory.ts";

export interface BuildSiteOptions {
  settings: Settings;
  /** Where layouts/, assets/ and node_modules/ are, and what diagnostics name files from. */
  projectRoot: string;
  /** The folder the site is swapped into once it is built; relative to the working directory. */
  outputDir: string;
  /** Called with each line as the build prints it, for a command line to show them as they come. */
  print?: (line: PrintedLine) => void;
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
}

/** The site to render and its search documents, made from a model that is not kept: nothing here refers to it. */
interface Prepared {
  pageCount: number;
  diagnostics: Diagnostic[];
  site: SiteToRender;
  search: StagedSearch;
}

/**
 * Loads and validates every page before Eleventy starts, so editors see all problems and no stack trace,
 * and starts writing the search documents. The model goes out of scope on return: only what Eleventy
 * renders and may let go of page by page (siteToRender) is handed on.
 */
async function prepare(
  options: BuildSiteOptions,
  staging: string,
  warn: (diagnostic: Diagnostic) => void,
): Promise<Prepared> {
  const { settings, projectRoot } = options;
  const { model, diagnostics } = await loadSiteModel(
    projectRoot,
    path.resolve(projectRoot, settings.contentDir),
    undefined,
    settings,
  );
  for (const diagnostic of diagnostics) warn(diagnostic);
  // Written while the pages render.
  const search = await stageSearchDocuments(staging, model.pages, settings.searchBundlePages);
  return { pageCount: model.pages.length, diagnostics, site: siteToRender(model), search };
}

/**
 * The one-off build: load the model, stage, render with Eleventy, release memory, index search and
 * swap the new site in. Never throws and never exits: the result says whether it worked and what it
 * printed. Holds no state between calls, so builds with different settings can run in one process.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildResult> {
  const { settings, projectRoot, outputDir } = options;
  const lines: PrintedLine[] = [];
  const print = (stream: PrintedLine["stream"], text: string) => {
    const line = { stream, text };
    lines.push(line);
    options.print?.(line);
  };
  let diagnostics: Diagnostic[] = [];
  let pageCount = 0;
  try {
    await buildAtomically(outputDir, async (staging) => {
      const prepared = await prepare(options, staging, (diagnostic) => print("stderr", formatDiagnostic(diagnostic)));
      diagnostics = prepared.diagnostics;
      pageCount = prepared.pageCount;
      const { search } = prepared;
      try {
        await runEleventy(staging, { settings, projectRoot, site: prepared.site });
      } catch (error) {
        // The documents are still being written into the staging folder: let them finish, so removing
        // the folder does not race them and hide Eleventy's error behind its own.
        await search.written.catch(() => {});
        throw error;
      }
      await releaseMemory();
      // Indexed before the swap, so the published search never lags behind the pages.
      await writeSearchIndex(search, settings);
    });
    print("stdout", `Built ${pageCount} pages into ${outputDir}/`);
    return { ok: true, pageCount, diagnostics, lines };
  } catch (error) {
    if (error instanceof ContentError) diagnostics = error.diagnostics;
    print("stderr", explainBuildError(error));
    print("stderr", `\nThe build failed, so ${outputDir}/ was left as it was.`);
    return { ok: false, pageCount, diagnostics, lines };
  }
}
