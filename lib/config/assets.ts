import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EleventyConfig } from "../eleventy-types.ts";
import { loadSiteData } from "../site-data.ts";
import { compileStyles } from "../sass.ts";
import { siteSettings } from "../site-settings.ts";

/** Stylesheets, scripts, images and GOV.UK Frontend's own assets. */
export function assetsPlugin(eleventyConfig: EleventyConfig): void {
  const projectRoot = process.cwd();
  const { contentDir } = siteSettings();
  eleventyConfig.addPassthroughCopy({
    "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js": "assets/js/govuk-frontend.min.js",
    "node_modules/govuk-frontend/dist/govuk/assets": "assets",
    "assets/js": "assets/js",
    "assets/images": "assets/images",
    [`${contentDir}/public`]: "public",
  });
  eleventyConfig.addWatchTarget("assets/scss/**/*.scss");
  eleventyConfig.on("eleventy.before", async ({ directories }: { directories: { output: string } }) => {
    const site = await loadSiteData(path.resolve(projectRoot, contentDir, "_data", "site.json"));
    const css = await compileStyles(projectRoot, site.brand);
    const outDir = path.join(directories.output, "assets", "css");
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, `${site.brand}.css`), css);
  });
}
