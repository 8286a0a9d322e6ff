import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Environment } from "nunjucks";
import { formatDiagnostic } from "../diagnostics.ts";
import { outputPathForUrl } from "../content/load-content.ts";
import { collectSiteModel } from "../model/load-site-model.ts";
import { openBuildCache } from "../build/build-cache.ts";
import { createDevSiteModel, removeStaleOutputs, type DevErrorView } from "./dev-site-model.ts";
import { onDevServerStop } from "./dev-shutdown.ts";
import { devSearchIndexer, INDEX_BEING_MADE } from "../search/dev-search-index.ts";
import { SEARCH_BUNDLE_FOLDER } from "../search/search-index.ts";
import { flatString } from "./flat-string.ts";
import type { EleventyConfig } from "./types.ts";
import { siteFiles, type SiteFile } from "./generated-pages.ts";
import type { PageView, SiteModel } from "../model/site-model.ts";
import type { Settings } from "../settings.ts";

/** Renders one page through its layout, with the Nunjucks environment's cache of compiled layouts. */
function renderLayout(environment: Environment, data: { view: PageView | DevErrorView }): Promise<string> {
  return new Promise((resolve, reject) =>
    // Flat, because Eleventy holds every page's HTML until the build ends.
    environment.render(`${data.view.layout}.njk`, data, (error, html) =>
      error ? reject(error) : resolve(flatString(html ?? "")),
    ),
  );
}

/** One page for Eleventy to render: its URL, and its view until the page is rendered. */
export interface PageToRender {
  url: string;
  take(): PageView | DevErrorView;
}

/** What Eleventy renders of a site model: the global data `rendering`. */
export interface SiteToRender {
  brand: SiteModel["site"]["brand"];
  pages: PageToRender[];
  siteFiles: SiteFile[];
}

/**
 * What Eleventy renders of a model: its pages (or only `views`, for the dev server), and its site files.
 * Nothing here refers to the model itself. Eleventy holds every page's HTML until it has written them
 * all; in a one-off build each page lets go of its view once rendered, so once the caller drops the model
 * the page's Markdown HTML can be collected (README, "Where the time and memory go"). The dev server keeps them (`keepViews`).
 */
export function siteToRender(
  model: SiteModel,
  views: (PageView | DevErrorView)[] = model.pages,
  options: { keepViews?: boolean } = {},
): SiteToRender {
  const pages = views.map((view): PageToRender => {
    let held: PageView | DevErrorView | undefined = view;
    // Only the URL, not the view: a closure that named `view` would keep it, and its HTML, after it is taken.
    const { url } = view;
    return {
      url,
      take() {
        if (!held) throw new Error(`${url} was rendered twice in a build that lets each page go once rendered`);
        const taken = held;
        if (!options.keepViews) held = undefined;
        return taken;
      },
    };
  });
  return { brand: model.site.brand, pages, siteFiles: siteFiles(model.generated) };
}

/**
 * Eleventy deep-merges plain objects into each template's data: for 4,000 pages that cost a third of a
 * second on every dev-server save. Any other object is passed as it is.
 */
const asEleventyData = (site: SiteToRender): SiteToRender =>
  Object.assign(Object.create(ELEVENTY_DATA) as SiteToRender, site);
const ELEVENTY_DATA = {};

/** Where a page's URL is written under the output folder (its index.html goes inside). */
const pagePath = (url: string): string => outputPathForUrl(url);

interface EleventyAfter {
  directories: { output: string };
  results: { outputPath?: string | false }[];
  runMode: string;
}

/**
 * What an earlier run (a build, or a dev server since stopped) left in the output folder that the dev
 * server's first build did not write again: pages' HTML and search bundles (the dev server indexes its
 * own once its pages are served), so neither shows what has since been deleted or moved. Stylesheets,
 * scripts and published files are copied afresh and stay.
 */
async function leftFromEarlierRuns(output: string, written: Set<string>): Promise<string[]> {
  const entries = await readdir(output, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    // A dev server stopped while it indexed leaves the folder it was making the index in.
    if (entry.isDirectory() && (SEARCH_BUNDLE_FOLDER.test(entry.name) || entry.name.startsWith(INDEX_BEING_MADE)))
      await rm(path.join(output, entry.name), { recursive: true, force: true });
  }
  const kept = new Set(["assets", "public", "node_modules"]);
  const files = await readdir(output, { withFileTypes: true, recursive: true }).catch(() => []);
  return files
    .filter((entry) => entry.isFile() && entry.name === "index.html")
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => {
      const [top] = path.relative(output, file).split(path.sep);
      return !kept.has(top) && !top.startsWith(".") && !written.has(file);
    });
}

export interface PagesPluginOptions {
  settings: Settings;
  projectRoot: string;
  environment: Environment;
  /** The one-off build's site, loaded and reported already; without it the dev server loads the model on every save. */
  site?: SiteToRender;
  /** Called with each build's site before its pages render. */
  onSite(site: SiteToRender): void;
}

/** Publishes every page of the site model through its layout, and gives the site files their data. */
export function pagesPlugin(eleventyConfig: EleventyConfig, options: PagesPluginOptions): void {
  const { settings, projectRoot, environment } = options;
  // The dev server loads the pages that have no errors and shows the others' errors in their place;
  // the one-off build (lib/build/build-site.ts) has failed on any error before Eleventy starts.
  const devSiteModel = options.site
    ? undefined
    : createDevSiteModel(
        path.resolve(projectRoot, settings.contentDir),
        (reuse) => collectSiteModel(projectRoot, undefined, reuse, settings),
        projectRoot,
        { openBuildCache: () => openBuildCache(settings, projectRoot, path.resolve(projectRoot, settings.contentDir)) },
      );
  eleventyConfig.on("eleventy.beforeWatch", (changedFiles: string[]) => devSiteModel?.noteChanges(changedFiles));
  // The dev server's search, indexed beside the serving after each build.
  const devSearch =
    devSiteModel &&
    devSearchIndexer(settings, () =>
      openBuildCache(settings, projectRoot, path.resolve(projectRoot, settings.contentDir)),
    );
  if (devSearch) onDevServerStop(devSearch.stop);
  let served: SiteModel | undefined;
  /** Every file the dev server's last build left in the output folder for a page, an error page or a site file. */
  let outputs: Set<string> | undefined;
  /**
   * What each site file was drawn from (template and data), as last written and as the build under way
   * draws it: after a save the dev server draws again only the site files whose data changed, as it does pages.
   */
  let writtenSiteFiles = new Map<string, string>();
  let drawingSiteFiles = new Map<string, string>();
  eleventyConfig.on("eleventy.after", async ({ directories, results, runMode }: EleventyAfter) => {
    if (!devSiteModel) return;
    devSiteModel.buildFinished();
    writtenSiteFiles = drawingSiteFiles;
    if (runMode !== "serve" || !served) return;
    const output = path.resolve(directories.output);
    const now = new Set([
      ...devSiteModel.servedUrls(served.pages).map((url) => path.join(output, pagePath(url), "index.html")),
      // Site files this build left as they were are still published.
      ...[...drawingSiteFiles.keys()].map((url) => path.join(output, url.endsWith("/") ? `${url}index.html` : url)),
      ...results.flatMap((result) => (result.outputPath ? [path.resolve(result.outputPath)] : [])),
    ]);
    const stale = outputs ? [...outputs].filter((file) => !now.has(file)) : await leftFromEarlierRuns(output, now);
    const removed = await removeStaleOutputs(output, stale);
    if (removed.length)
      console.log(
        `[11ty] Removed ${removed.length} file${removed.length === 1 ? "" : "s"} nothing is published at now: ${removed
          .slice(0, 5)
          .map((file) => path.relative(output, file))
          .join(", ")}${removed.length > 5 ? " …" : ""}`,
      );
    outputs = now;
    devSearch?.update(output, served.pages);
  });
  const loadForDevServer = async (dev: NonNullable<typeof devSiteModel>): Promise<SiteToRender> => {
    const { model, diagnostics, errorPages } = await dev.load();
    for (const diagnostic of diagnostics) console.warn(formatDiagnostic(diagnostic));
    if (errorPages.some((view) => view.siteWide))
      console.warn(`Every page shows the site's errors until they are fixed:\n${errorPages[0].problems.join("\n")}`);
    else if (errorPages.length)
      console.warn(
        `Pages with errors show them in their place until they are fixed: ${errorPages.map((view) => view.url).join(", ")}`,
      );
    served = model;
    // After a save the dev server renders only the pages whose view changed, and the site files whose data did.
    const site = siteToRender(model, dev.pagesToRender(model.pages), { keepViews: true });
    drawingSiteFiles = new Map(site.siteFiles.map((file) => [file.url, JSON.stringify([file.template, file.data])]));
    if (dev.rendersEverything()) return site;
    return {
      ...site,
      siteFiles: site.siteFiles.filter((file) => writtenSiteFiles.get(file.url) !== drawingSiteFiles.get(file.url)),
    };
  };
  eleventyConfig.addGlobalData("rendering", async () => {
    const site = options.site ?? (await loadForDevServer(devSiteModel!));
    options.onSite(site);
    return asEleventyData(site);
  });
  // One template renders every page: the site model decides URLs and layouts, so Eleventy never reads
  // content/*.md itself and every page goes through the same validation. A JavaScript template, because
  // Eleventy compiles a Nunjucks template's text again for every page it paginates to.
  eleventyConfig.addTemplateFormats("11ty.js");
  const render = (data: { toRender: PageToRender }) =>
    renderLayout(environment, { ...data, view: data.toRender.take() });
  eleventyConfig.addTemplate(
    "pages.11ty.js",
    { render },
    {
      pagination: { data: "rendering.pages", size: 1, alias: "toRender" },
      // Page URLs are percent-encoded; Eleventy writes the permalink as a path, so it gets the names unescaped.
      permalink: (data: { toRender: PageToRender }) => pagePath(data.toRender.url),
      eleventyExcludeFromCollections: true,
    },
  );
  eleventyConfig.addWatchTarget(`${settings.contentDir}/**/*.md`);
  // Folder defaults (*.11tydata.json) are read and validated with each page by lib/content/directory-data.ts;
  // Eleventy must not apply them a second time to the one virtual template.
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.addWatchTarget(`${settings.contentDir}/**/*.11tydata.json`);
  // A saved layout renders every page again: it is not a page file, so the dev model treats it as a change
  // to everything, and Eleventy drops the layout from Nunjucks' cache of compiled templates.
  eleventyConfig.addWatchTarget(path.join(projectRoot, "layouts", "**", "*.njk"));
}
