import Eleventy from "@11ty/eleventy";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { TEMPLATES_INPUT_DIR } from "../lib/eleventy/templates-input.ts";
import { rebuildOnRemovals } from "../lib/eleventy/dev-site-model.ts";
import { devServerGuard } from "../lib/safety/request-path.ts";
import { readSettings } from "../lib/settings.ts";

// The dev server: builds into _site, rebuilds on every save and reloads the browser.
// CONTENT_DIR, OUTPUT_DIR and PORT let the benchmark run one on a generated site beside yours.
// HOST (default 127.0.0.1, this machine only) is the address it listens on.
const settings = readSettings({ ...process.env, ELEVENTY_RUN_MODE: "serve" });
const { outputDir, host } = settings;

// Eleventy Dev Server 2 listens with `listen({ port })`, on every interface, and has no option for
// the address, so its one listening method is replaced. If an upgrade renames it, stop rather than
// quietly serve the site to the whole network.
const DevServer = createRequire(import.meta.url)("@11ty/eleventy-dev-server") as {
  prototype: { _serverListen?: (port: number) => void; server: Server };
};
if (typeof DevServer.prototype._serverListen !== "function")
  throw new Error("Eleventy Dev Server no longer has _serverListen: the dev server cannot be bound to HOST");
DevServer.prototype._serverListen = function (port: number) {
  this.server.listen({ port, host });
};

const eleventy = new Eleventy(TEMPLATES_INPUT_DIR, outputDir, {
  configPath: "eleventy.config.ts",
  runMode: "serve",
  config: (eleventyConfig: { setServerOptions(options: object): void }) =>
    eleventyConfig.setServerOptions({ middleware: [devServerGuard(outputDir, settings.pathPrefix)] }),
});
await eleventy.init();
// Deleted pages and renamed folders change the site too; Eleventy on its own rebuilds only on saves.
const rebuild = await eleventy.watch();
rebuildOnRemovals(eleventy.watcher, rebuild);
await eleventy.serve(settings.port);
