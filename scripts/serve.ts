import { parseCommandLine } from "../lib/command-line.ts";
import { serveSite } from "../lib/eleventy/serve-site.ts";
import { readSettings } from "../lib/settings.ts";

// The dev server: builds into _site, rebuilds on every save and reloads the browser.
// CONTENT_DIR, OUTPUT_DIR and PORT let the benchmark run one on a generated site beside yours.
// HOST (default 127.0.0.1, this machine only) is the address it listens on.
// Eleventy reads its configuration from eleventy.config.ts, which adds the site plugin with the same
// settings (`npm start` hands it over bundled as JavaScript, through scripts/run.mjs, as --config).
const USAGE =
  "npm start: builds the site into _site/, serves it at http://127.0.0.1:8080/ (PORT and HOST change it) and rebuilds on every save";
const { values } = parseCommandLine({ options: { config: { type: "string", default: "eleventy.config.ts" } } }, USAGE);
await serveSite({
  settings: readSettings({ ...process.env, ELEVENTY_RUN_MODE: "serve" }),
  projectRoot: process.cwd(),
  configFile: values.config,
});
