import Eleventy from "@11ty/eleventy";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { devServerGuard } from "../safety/request-path.ts";
import type { Settings } from "../settings.ts";
import { stopDevServerWork } from "./dev-shutdown.ts";
import { rebuildOnRemovals } from "./dev-site-model.ts";
import { sitePlugin } from "./site-plugin.ts";
import { TEMPLATES_INPUT_DIR } from "./templates-input.ts";
import type { EleventyConfig } from "./types.ts";

/** The server option that carries the address to listen on to the replaced listening method below. */
const LISTEN_HOST = "listenHost";

// Eleventy Dev Server 2 listens with `listen({ port })`, on every interface, and has no option for
// the address, so its one listening method is replaced by one that listens on the address each
// server was given. If an upgrade renames it, stop rather than quietly serve the site to the whole network.
const EleventyDevServer = createRequire(import.meta.url)("@11ty/eleventy-dev-server") as {
  prototype: { _serverListen?: (port: number) => void; server: Server; options: Record<string, unknown> };
};
if (typeof EleventyDevServer.prototype._serverListen !== "function")
  throw new Error("Eleventy Dev Server no longer has _serverListen: the dev server cannot be bound to HOST");
EleventyDevServer.prototype._serverListen = function (port: number) {
  const host = this.options[LISTEN_HOST];
  if (typeof host !== "string") throw new Error("the dev server was started without an address to listen on");
  this.server.listen({ port, host });
};

/** Where Eleventy's and its server's messages go. */
export interface DevServerLog {
  log(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ServeSiteOptions {
  /** The dev server's settings: its content and output folders, path prefix, HOST and PORT. */
  settings: Settings;
  /** Where layouts/, assets/ and node_modules/ are, and what diagnostics name files from. */
  projectRoot: string;
  /** Called when a build, the first or one after a save, has written the site. */
  onBuildFinished?(): void;
  /** Where Eleventy's messages go instead of the console. */
  log?: DevServerLog;
  /**
   * The Eleventy configuration file that adds the site plugin, reading the same settings from the
   * environment: `npm start`'s eleventy.config.ts. Without one the plugin is added here, with `settings`,
   * as tests do to run a dev server with settings of their own in their process.
   */
  configFile?: string;
}

/** A dev server started by serveSite. */
export interface RunningDevServer {
  /** The port it listens on: the one asked for, or the next free one Eleventy moved to. */
  port: number;
  /** Whether it is still serving: false once stopped, or once a fatal error in a rebuild has stopped it. */
  running(): boolean;
  /** Stops watching and serving. */
  stop(): Promise<void>;
}

/**
 * The dev server (`npm start`): builds the content folder into the output folder, rebuilds on every
 * save, deletion or move, serves it on HOST:PORT and reloads the browser. Resolves once the first
 * build is written, the file watcher has read every folder it watches and the server is listening.
 */
export async function serveSite(options: ServeSiteOptions): Promise<RunningDevServer> {
  const { settings, projectRoot } = options;
  let listening: (port: number) => void = () => {};
  const port = new Promise<number>((resolve) => (listening = resolve));
  let open = false;
  const eleventy = new Eleventy(TEMPLATES_INPUT_DIR, settings.outputDir, {
    configPath: options.configFile ?? false,
    runMode: "serve",
    pathPrefix: settings.pathPrefix,
    config: (
      eleventyConfig: EleventyConfig & {
        setServerOptions(options: object): void;
        setChokidarConfig(options: object): void;
        setWatchJavaScriptDependencies(watch: boolean): void;
      },
    ) => {
      // Here, not in the plugin: Eleventy reads the template formats before it runs any plugin.
      eleventyConfig.setTemplateFormats(["njk"]);
      if (!options.configFile) eleventyConfig.addPlugin(sitePlugin as never, { settings, projectRoot });
      if (options.onBuildFinished) eleventyConfig.on("eleventy.after", () => options.onBuildFinished!());
      // Eleventy waits until a saved file has kept its size for 150 ms before it rebuilds, in case an editor
      // writes it in parts; 50 ms still covers a write in parts and takes a tenth of a second off every save.
      eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
      // Eleventy parses the configuration's JavaScript and everything it imports to watch those files too,
      // about a third of a second before the first page is served. The code is loaded once, bundled, when the
      // server starts, so a change to it needs a restart whatever is watched: there is nothing to gain.
      eleventyConfig.setWatchJavaScriptDependencies(false);
      eleventyConfig.setServerOptions({
        [LISTEN_HOST]: settings.host,
        middleware: [devServerGuard(settings.outputDir, settings.pathPrefix)],
        ...(options.log ? { logger: options.log } : {}),
        ready: ({ server }: { server: Server }) => {
          open = true;
          server.once("close", () => (open = false));
          listening((server.address() as AddressInfo).port);
        },
      });
    },
  });
  // Not typed by Eleventy's declarations: its logger, and stopping what watch() and serve() started.
  const running = eleventy as unknown as {
    logger: { overrideLogger(logger: DevServerLog): void };
    stopWatch(): Promise<void>;
  };
  if (options.log) running.logger.overrideLogger(options.log);
  await eleventy.init();
  // Deleted pages and renamed folders change the site too; Eleventy on its own rebuilds only on saves.
  const rebuild = await eleventy.watch();
  rebuildOnRemovals(eleventy.watcher, rebuild);
  await eleventy.serve(settings.port);
  return {
    port: await port,
    running: () => open,
    stop: async () => {
      await running.stopWatch();
      await stopDevServerWork();
    },
  };
}
