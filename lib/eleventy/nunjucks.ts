import path from "node:path";
import nunjucks from "nunjucks";
import { CompilingLoader } from "./compiled-templates.ts";
import type { EleventyConfig } from "./types.ts";
import { absoluteUrlFilter } from "./filters/absolute-url.ts";
import { govukDate, isoDate } from "./filters/govuk-date.ts";
import { tagUrl } from "./filters/tag-url.ts";
import { withoutCrown } from "./filters/without-crown.ts";

/**
 * Nunjucks that finds our layouts and GOV.UK Frontend's macros, with the filters layouts use, for
 * this configuration (Eleventy adds its own filters to it too). Returns the environment, which renders
 * every page's layout.
 */
export function nunjucksPlugin(
  eleventyConfig: EleventyConfig,
  options: { projectRoot: string; pathPrefix: string },
): nunjucks.Environment {
  const { projectRoot } = options;
  const loader = new CompilingLoader(
    [path.join(projectRoot, "layouts"), path.join(projectRoot, "node_modules/govuk-frontend/dist")],
    path.join(projectRoot, "node_modules", ".cache", "site-templates"),
  );
  const environment = new nunjucks.Environment(
    loader,
    // govuk-frontend escapes `text:` params only when autoescape is on.
    { autoescape: true, trimBlocks: true, lstripBlocks: true, throwOnUndefined: false },
  );
  loader.environment = environment;
  const filters = { govukDate, isoDate, withoutCrown, tagUrl, absoluteUrl: absoluteUrlFilter(options.pathPrefix) };
  for (const [name, filter] of Object.entries(filters)) {
    environment.addFilter(name, filter);
    eleventyConfig.addFilter(name, filter);
  }
  eleventyConfig.setLibrary("njk", environment);
  // Eleventy drops a changed file from Nunjucks' cache only when it is one of Eleventy's own templates; a
  // layout is ours, so after a save Nunjucks would go on rendering the layout as it was. Reading every
  // template again costs little: the compiled code is kept by the text's hash (compiled-templates.ts).
  eleventyConfig.on("eleventy.beforeWatch", (changedFiles: string[]) => {
    if (changedFiles.some((file) => file.endsWith(".njk")))
      (environment as nunjucks.Environment & { invalidateCache(): void }).invalidateCache();
  });
  return environment;
}
