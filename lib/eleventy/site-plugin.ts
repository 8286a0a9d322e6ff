import { HtmlBasePlugin } from "@11ty/eleventy";
import { assetsPlugin } from "./assets.ts";
import { contentSecurityPolicyPlugin } from "./content-security-policy-meta.ts";
import { siteFilesPlugin } from "./generated-pages.ts";
import { nunjucksPlugin } from "./nunjucks.ts";
import { pagesPlugin, type SiteToRender } from "./pages.ts";
import type { EleventyConfig } from "./types.ts";
import type { Settings } from "../settings.ts";
import type { UsedStyles } from "./used-components.ts";

export interface SitePluginOptions {
  settings: Settings;
  /** Where layouts/, assets/ and node_modules/ are. */
  projectRoot: string;
  /** The one-off build's site (siteToRender); without it the dev server loads the model on every save. */
  site?: SiteToRender;
  /** The styles of pages a build took from its cache rather than rendering (lib/build/build-cache.ts). */
  prerendered?: UsedStyles[];
  /** Told each rendered page's styles, for the build cache to keep with its HTML. */
  onPageStyles?: (outputPath: string, styles: UsedStyles) => void;
}

/**
 * The whole site as one Eleventy plugin: layouts, pages, the site's own files, assets and the
 * security policy, all from the settings and site given, so builds with different settings can
 * run in one process.
 */
export function sitePlugin(eleventyConfig: EleventyConfig, options: SitePluginOptions): void {
  const { settings, projectRoot } = options;
  const environment = nunjucksPlugin(eleventyConfig, { projectRoot, pathPrefix: settings.pathPrefix });
  const assets = assetsPlugin(eleventyConfig, {
    projectRoot,
    contentDir: settings.contentDir,
    prerendered: options.prerendered,
    onPageStyles: options.onPageStyles,
  });
  pagesPlugin(eleventyConfig, {
    settings,
    projectRoot,
    environment,
    site: options.site,
    onSite: (site) => assets.compile(site.brand),
  });
  siteFilesPlugin(eleventyConfig, environment);
  contentSecurityPolicyPlugin(eleventyConfig);
  // Rewrites every root-relative URL in the HTML (front matter hrefs included) under the path prefix.
  eleventyConfig.addPlugin(HtmlBasePlugin as never);
}
