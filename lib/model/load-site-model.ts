import path from "node:path";
import { ContentError, sortDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { lastCommitDates } from "../content/git-dates.ts";
import { imageSize } from "../content/image-size.ts";
import { loadContent } from "../content/load-content.ts";
import type { BuildReuse } from "../eleventy/dev-site-model.ts";
import { createMarkdown } from "../markdown/govuk-markdown.ts";
import { loadSiteData } from "../content/site-data.ts";
import { loadToolsData } from "../content/tools-data.ts";
import { listPublicFiles } from "../content/wiki-link-targets.ts";
import { readSettings, type Settings } from "../settings.ts";
import { buildSiteModel, type SiteModel } from "./site-model.ts";
import { logoDiagnostics } from "./site-chrome.ts";
import { goLiveDataDiagnostics } from "./go-live-pages.ts";

/** What the model reads of the settings. */
export type ModelSettings = Pick<
  Settings,
  "contentDir" | "today" | "includeDrafts" | "pathPrefix" | "searchBundlePages" | "publishingRun"
>;

/**
 * Reads the content folder into the site model, once per build. Throws ContentError
 * (with every diagnostic) when any page has an error, so nothing is published half-right.
 * `settings` defaults to the environment's, for scripts and tests that have none of their own.
 */
export async function loadSiteModel(
  projectRoot = process.cwd(),
  contentDir?: string,
  reuse?: BuildReuse,
  settings: ModelSettings = readSettings(),
): Promise<{ model: SiteModel; diagnostics: Diagnostic[] }> {
  const loaded = await collectSiteModel(projectRoot, contentDir, reuse, settings);
  if (loaded.diagnostics.some((diagnostic) => diagnostic.severity === "error"))
    throw new ContentError(loaded.diagnostics);
  return loaded;
}

/** The size of the header logo's file in content/public/ (logoDiagnostics reports an address that names none). */
function logoSizeOf(src: string | undefined, contentRoot: string): { width: number; height: number } | undefined {
  const relative = src && /^\/public\/(.+)$/.exec(src.split(/[?#]/)[0])?.[1];
  if (!relative) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  const segments = decoded.split("/");
  if (segments.some((segment) => segment === ".." || segment === ".")) return undefined;
  return imageSize(path.join(contentRoot, "public", ...segments));
}

/** Reads the content folder into the site model and every diagnostic, errors included, without throwing on them (`npm run check`). */
export async function collectSiteModel(
  projectRoot = process.cwd(),
  contentDir?: string,
  reuse?: BuildReuse,
  settings: ModelSettings = readSettings(),
): Promise<{ model: SiteModel; diagnostics: Diagnostic[] }> {
  const contentRoot = contentDir ?? path.resolve(projectRoot, settings.contentDir);
  const siteJson = path.join(contentRoot, "_data", "site.json");
  const {
    site,
    file: siteFile,
    diagnostics: siteDiagnostics,
    lineOf: siteLineOf,
  } = await loadSiteData(siteJson, projectRoot);
  const [content, commitDates, tools, logoProblems, publicFiles] = await Promise.all([
    loadContent(contentRoot, projectRoot, reuse?.pages),
    lastCommitDates(contentRoot, projectRoot),
    loadToolsData(contentRoot, projectRoot),
    logoDiagnostics(site, contentRoot, { file: siteFile, lineOf: siteLineOf }),
    listPublicFiles(contentRoot),
  ]);
  const published = settings.includeDrafts ? content.pages : content.pages.filter((page) => !page.frontMatter.draft);
  const markdown = reuse?.markdown ?? createMarkdown({ ...site.markdown, internalDomains: site.internalDomains });
  const built = buildSiteModel(published, site, markdown, {
    today: settings.today,
    lastCommitDates: commitDates,
    pathPrefix: settings.pathPrefix,
    searchBundlePages: settings.searchBundlePages,
    publishingRun: settings.publishingRun,
    tools: tools.tools,
    contentFolder: path.relative(projectRoot, contentRoot),
    publicFiles,
    logoSize: logoSizeOf(site.logo?.src, contentRoot),
  });
  return {
    model: built.model,
    diagnostics: sortDiagnostics([
      ...siteDiagnostics,
      ...logoProblems,
      // With errors, site holds stand-in settings: what they lack is not the editor's to fill in.
      ...(siteDiagnostics.some((diagnostic) => diagnostic.severity === "error")
        ? []
        : goLiveDataDiagnostics(site, new Set(published.map((page) => page.url)), {
            file: siteFile,
            lineOf: siteLineOf,
          })),
      ...content.diagnostics,
      ...commitDates.diagnostics,
      ...tools.diagnostics,
      ...built.diagnostics,
    ]),
  };
}
