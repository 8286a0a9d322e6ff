import { HtmlBasePlugin } from "@11ty/eleventy";
import { assetsPlugin } from "./lib/eleventy/assets.ts";
import { contentSecurityPolicyPlugin } from "./lib/eleventy/content-security-policy-meta.ts";
import { nunjucksPlugin } from "./lib/eleventy/nunjucks.ts";
import { pagesPlugin } from "./lib/eleventy/pages.ts";
import { siteFilesPlugin } from "./lib/eleventy/generated-pages.ts";
import type { EleventyConfig } from "./lib/eleventy/types.ts";
import { siteSettings } from "./lib/settings.ts";
import { TEMPLATES_INPUT_DIR } from "./lib/eleventy/templates-input.ts";

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(nunjucksPlugin);
  eleventyConfig.addPlugin(pagesPlugin);
  eleventyConfig.addPlugin(siteFilesPlugin);
  eleventyConfig.addPlugin(assetsPlugin);
  eleventyConfig.addPlugin(contentSecurityPolicyPlugin);
  // Rewrites every root-relative URL in the HTML (front matter hrefs included) under PATH_PREFIX.
  eleventyConfig.addPlugin(HtmlBasePlugin as never);
}

export const config = {
  // Never content/: Eleventy runs what it finds in its input folder (templates, `_data/*.js`), and content is data.
  dir: { input: TEMPLATES_INPUT_DIR },
  templateFormats: ["njk"],
  pathPrefix: siteSettings().pathPrefix,
};
