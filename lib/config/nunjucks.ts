import path from "node:path";
import nunjucks from "nunjucks";
import type { EleventyConfig } from "../eleventy-types.ts";
import { absoluteUrl } from "../filters/absolute-url.ts";
import { govukDate, isoDate } from "../filters/govuk-date.ts";
import { withoutCrown } from "../filters/without-crown.ts";

/** Nunjucks that finds our layouts and GOV.UK Frontend's macros, with the filters layouts use. */
export function nunjucksPlugin(eleventyConfig: EleventyConfig): void {
  const projectRoot = process.cwd();
  const environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(projectRoot, "layouts"), path.join(projectRoot, "node_modules/govuk-frontend/dist")]),
    // govuk-frontend escapes `text:` params only when autoescape is on.
    { autoescape: true, trimBlocks: true, lstripBlocks: true, throwOnUndefined: false },
  );
  const filters = { govukDate, isoDate, withoutCrown, absoluteUrl };
  for (const [name, filter] of Object.entries(filters)) {
    environment.addFilter(name, filter);
    eleventyConfig.addFilter(name, filter);
  }
  eleventyConfig.setLibrary("njk", environment);
}
