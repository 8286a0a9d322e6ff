import path from "node:path";
import { ContentError, sortDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { lastCommitDates } from "../content/git-dates.ts";
import { loadContent } from "../content/load-content.ts";
import type { BuildReuse } from "../eleventy/dev-site-model.ts";
import { createMarkdown } from "../markdown/govuk-markdown.ts";
import { loadSiteData } from "../content/site-data.ts";
import { siteSettings } from "../settings.ts";
import { buildSiteModel, type SiteModel } from "./site-model.ts";

const markdown = createMarkdown();
let primed: Promise<{ model: SiteModel; diagnostics: Diagnostic[] }> | undefined;

/** Hands a model already loaded (and reported) by the build script to the next Eleventy run, so it is read once. */
export function primeSiteModel(loaded: { model: SiteModel; diagnostics: Diagnostic[] }): void {
  primed = Promise.resolve(loaded);
}

/** The primed model if there is one (used once), otherwise a fresh load: the dev server reloads on every save. */
export function takeSiteModel(): Promise<{ model: SiteModel; diagnostics: Diagnostic[]; primed?: boolean }> {
  const loaded = primed?.then((result) => ({ ...result, primed: true }));
  primed = undefined;
  return loaded ?? loadSiteModel();
}

/**
 * Reads the content folder into the site model, once per build. Throws ContentError
 * (with every diagnostic) when any page has an error, so nothing is published half-right.
 */
export async function loadSiteModel(
  projectRoot = process.cwd(),
  contentDir = path.resolve(projectRoot, siteSettings().contentDir),
  reuse?: BuildReuse,
): Promise<{ model: SiteModel; diagnostics: Diagnostic[] }> {
  const loaded = await collectSiteModel(projectRoot, contentDir, reuse);
  if (loaded.diagnostics.some((diagnostic) => diagnostic.severity === "error")) throw new ContentError(loaded.diagnostics);
  return loaded;
}

/** Reads the content folder into the site model and every diagnostic, errors included, without throwing on them (`npm run check`). */
export async function collectSiteModel(
  projectRoot = process.cwd(),
  contentDir = path.resolve(projectRoot, siteSettings().contentDir),
  reuse?: BuildReuse,
): Promise<{ model: SiteModel; diagnostics: Diagnostic[] }> {
  const { site, diagnostics: siteDiagnostics } = await loadSiteData(path.join(contentDir, "_data", "site.json"), projectRoot);
  const { today, includeDrafts } = siteSettings();
  const [content, commitDates] = await Promise.all([loadContent(contentDir, projectRoot, reuse?.pages), lastCommitDates(contentDir, projectRoot)]);
  const published = includeDrafts ? content.pages : content.pages.filter((page) => !page.frontMatter.draft);
  const built = buildSiteModel(published, site, reuse?.markdown ?? markdown, { today, lastCommitDates: commitDates });
  return { model: built.model, diagnostics: sortDiagnostics([...siteDiagnostics, ...content.diagnostics, ...built.diagnostics]) };
}
