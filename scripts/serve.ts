import Eleventy from "@11ty/eleventy";
import { siteSettings } from "../lib/site-settings.ts";

// The dev server: builds into _site, rebuilds on every save and reloads the browser.
// CONTENT_DIR, OUTPUT_DIR and PORT let the benchmark run one on a generated site beside yours.
const eleventy = new Eleventy(siteSettings().contentDir, process.env.OUTPUT_DIR ?? "_site", { configPath: "eleventy.config.ts", runMode: "serve" });
await eleventy.init();
await eleventy.watch();
await eleventy.serve(Number(process.env.PORT ?? 8080));
