import { formatDiagnostic } from "../content/diagnostics.ts";
import { takeSiteModel } from "../build-site.ts";
import type { EleventyConfig } from "../eleventy-types.ts";
import type { PageView } from "../site-model.ts";
import { siteSettings } from "../site-settings.ts";

// One template renders every page: the site model decides URLs and layouts, so Eleventy
// never reads content/*.md itself and every page goes through the same validation.
const PAGE_TEMPLATE = `{% extends view.layout + ".njk" %}`;

/** Publishes every page of the site model through its layout. */
export function pagesPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addGlobalData("siteModel", async () => {
    const { model, diagnostics, primed } = await takeSiteModel();
    if (!primed) for (const diagnostic of diagnostics) console.warn(formatDiagnostic(diagnostic));
    return model;
  });
  eleventyConfig.addTemplate("pages.njk", PAGE_TEMPLATE, {
    pagination: { data: "siteModel.pages", size: 1, alias: "view" },
    permalink: (data: { view: PageView }) => data.view.url,
    eleventyExcludeFromCollections: true,
  });
  eleventyConfig.addWatchTarget(`${siteSettings().contentDir}/**/*.md`);
  // Folder defaults (*.11tydata.json) are read and validated with each page by lib/content/directory-data.ts;
  // Eleventy must not apply them a second time to the one virtual template.
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.addWatchTarget(`${siteSettings().contentDir}/**/*.11tydata.json`);
}
