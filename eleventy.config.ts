import { sitePlugin } from "./lib/eleventy/site-plugin.ts";
import type { EleventyConfig } from "./lib/eleventy/types.ts";
import { readSettings } from "./lib/settings.ts";
import { TEMPLATES_INPUT_DIR } from "./lib/eleventy/templates-input.ts";

// The dev server's configuration (`npm start`: scripts/serve.ts, through lib/eleventy/serve-site.ts). `npm run build`
// adds the same plugin in code (lib/eleventy/run-eleventy.ts), and so do tests that run a dev server in their process.
const settings = readSettings({ ...process.env, ELEVENTY_RUN_MODE: "serve" });

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(sitePlugin as never, { settings, projectRoot: process.cwd() });
}

export const config = {
  // Never content/: Eleventy runs what it finds in its input folder (templates, `_data/*.js`), and content is data.
  dir: { input: TEMPLATES_INPUT_DIR },
  templateFormats: ["njk"],
  pathPrefix: settings.pathPrefix,
};
