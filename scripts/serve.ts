import Eleventy from "@11ty/eleventy";
import { TEMPLATES_INPUT_DIR } from "../lib/config/templates-input.ts";
import { rebuildOnRemovals } from "../lib/dev-site-model.ts";

// The dev server: builds into _site, rebuilds on every save and reloads the browser.
// CONTENT_DIR, OUTPUT_DIR and PORT let the benchmark run one on a generated site beside yours.
const eleventy = new Eleventy(TEMPLATES_INPUT_DIR, process.env.OUTPUT_DIR ?? "_site", { configPath: "eleventy.config.ts", runMode: "serve" });
await eleventy.init();
// Deleted pages and renamed folders change the site too; Eleventy on its own rebuilds only on saves.
const rebuild = await eleventy.watch();
rebuildOnRemovals(eleventy.watcher, rebuild);
await eleventy.serve(Number(process.env.PORT ?? 8080));
