import path from "node:path";
import nunjucks from "nunjucks";
import type { EleventyConfig } from "./types.ts";
import { absoluteUrl } from "./filters/absolute-url.ts";
import { govukDate, isoDate } from "./filters/govuk-date.ts";
import { withoutCrown } from "./filters/without-crown.ts";

const environments = new WeakMap<EleventyConfig, nunjucks.Environment>();

/** The Nunjucks environment nunjucksPlugin gave this configuration: Eleventy adds its own filters to it too. */
export function layoutEnvironment(eleventyConfig: EleventyConfig): nunjucks.Environment {
  const environment = environments.get(eleventyConfig);
  if (!environment) throw new Error("nunjucksPlugin must be added to the Eleventy configuration before layouts are rendered");
  return environment;
}

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
  environments.set(eleventyConfig, environment);
}
