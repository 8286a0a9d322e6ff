import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Environment } from "nunjucks";
import { formatDiagnostic } from "../diagnostics.ts";
import { outputPathForUrl } from "../content/load-content.ts";
import { collectSiteModel, takeSiteModel } from "../model/load-site-model.ts";
import { createDevSiteModel, removeStaleOutputs, type DevErrorView } from "./dev-site-model.ts";
import { flatString } from "./flat-string.ts";
import type { EleventyConfig } from "./types.ts";
import { layoutEnvironment } from "./nunjucks.ts";
import type { PageView, SiteModel } from "../model/site-model.ts";
import { siteSettings } from "../settings.ts";

/** Renders one page through its layout, with the Nunjucks environment's cache of compiled layouts. */
function renderLayout(environment: Environment, data: { view: PageView | DevErrorView }): Promise<string> {
  return new Promise((resolve, reject) =>
    // Flat, because Eleventy holds every page's HTML until the build ends.
    environment.render(`${data.view.layout}.njk`, data, (error, html) => (error ? reject(error) : resolve(flatString(html ?? "")))),
  );
}

/**
 * The model as Eleventy data. Eleventy deep-merges plain objects into each template's data and,
 * to see what a computed value reads, walks them through proxies: for 4,000 pages that cost the
 * site files a third of a second on every dev-server save. Any other object is passed as it is.
 */
const asEleventyData = (model: SiteModel): SiteModel => Object.assign(Object.create(ELEVENTY_DATA) as SiteModel, model);
const ELEVENTY_DATA = {};

/** Where a page's URL is written under the output folder (its index.html goes inside). */
const pagePath = (url: string): string => outputPathForUrl(url);

interface EleventyAfter {
  directories: { output: string };
  results: { outputPath?: string | false }[];
  runMode: string;
}

/** Search bundles are built only by `npm run build`: ones left in the output folder describe pages as they were then. */
const SEARCH_BUNDLE = /^pagefind(?:-\d+)?$/;

/**
 * What an earlier run (a build, or a dev server since stopped) left in the output folder that the dev
 * server's first build did not write again: pages' HTML and search bundles, so neither shows what has
 * since been deleted or moved. Stylesheets, scripts and published files are copied afresh and stay.
 */
async function leftFromEarlierRuns(output: string, written: Set<string>): Promise<string[]> {
  const entries = await readdir(output, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory() && SEARCH_BUNDLE.test(entry.name)) await rm(path.join(output, entry.name), { recursive: true, force: true });
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

/** Publishes every page of the site model through its layout. */
export function pagesPlugin(eleventyConfig: EleventyConfig): void {
  // The dev server loads the pages that have no errors and shows the others' errors in their place;
  // the one-off build (takeSiteModel) still fails on any error.
  const devSiteModel = createDevSiteModel(path.resolve(siteSettings().contentDir), (reuse) => collectSiteModel(undefined, undefined, reuse));
  eleventyConfig.on("eleventy.beforeWatch", (changedFiles: string[]) => devSiteModel.noteChanges(changedFiles));
  let served: SiteModel | undefined;
  /** Every file the dev server's last build left in the output folder for a page, an error page or a site file. */
  let outputs: Set<string> | undefined;
  eleventyConfig.on("eleventy.after", async ({ directories, results, runMode }: EleventyAfter) => {
    devSiteModel.buildFinished();
    if (runMode !== "serve" || !served) return;
    const output = path.resolve(directories.output);
    const now = new Set([
      ...devSiteModel.servedUrls(served.pages).map((url) => path.join(output, pagePath(url), "index.html")),
      ...results.flatMap((result) => (result.outputPath ? [path.resolve(result.outputPath)] : [])),
    ]);
    const stale = outputs ? [...outputs].filter((file) => !now.has(file)) : await leftFromEarlierRuns(output, now);
    const removed = await removeStaleOutputs(output, stale);
    if (removed.length) console.log(`[11ty] Removed ${removed.length} file${removed.length === 1 ? "" : "s"} nothing is published at now: ${removed.slice(0, 5).map((file) => path.relative(output, file)).join(", ")}${removed.length > 5 ? " …" : ""}`);
    outputs = now;
  });
  // Whether this run renders a model the build script handed over, used once and then dropped.
  let oneOffBuild = false;
  eleventyConfig.addGlobalData("siteModel", async () => {
    const serving = process.env.ELEVENTY_RUN_MODE === "serve";
    const { model, diagnostics, primed, errorPages } = serving ? { ...(await devSiteModel.load()), primed: false } : { ...(await takeSiteModel()), errorPages: [] };
    if (!primed) for (const diagnostic of diagnostics) console.warn(formatDiagnostic(diagnostic));
    if (errorPages.some((view) => view.siteWide)) console.warn(`Every page shows the site's errors until they are fixed:\n${errorPages[0].problems.join("\n")}`);
    else if (errorPages.length) console.warn(`Pages with errors show them in their place until they are fixed: ${errorPages.map((view) => view.url).join(", ")}`);
    oneOffBuild = Boolean(primed);
    served = model;
    return asEleventyData(model);
  });
  // One template renders every page: the site model decides URLs and layouts, so Eleventy never reads
  // content/*.md itself and every page goes through the same validation. A JavaScript template, because
  // Eleventy compiles a Nunjucks template's text again for every page it paginates to.
  eleventyConfig.addTemplateFormats("11ty.js");
  const render = async (data: { view: PageView | DevErrorView }) => {
    const html = await renderLayout(layoutEnvironment(eleventyConfig), data);
    // Eleventy holds every page's HTML until it has written them all. In a one-off build nothing reads a
    // page's body again once the page holds it (its search document was written before Eleventy ran),
    // so the model lets go of its copy: 85 MB at 10,000 pages. The dev server keeps it for the next save.
    if (oneOffBuild && "bodyHtml" in data.view) data.view.bodyHtml = "";
    return html;
  };
  eleventyConfig.addTemplate("pages.11ty.js", { render }, {
    // After a save the dev server renders only the pages whose view changed.
    pagination: { data: "siteModel.pages", size: 1, alias: "view", before: (pages: PageView[]) => devSiteModel.pagesToRender(pages) },
    // Page URLs are percent-encoded; Eleventy writes the permalink as a path, so it gets the names unescaped.
    permalink: (data: { view: PageView | DevErrorView }) => pagePath(data.view.url),
    eleventyExcludeFromCollections: true,
  });
  eleventyConfig.addWatchTarget(`${siteSettings().contentDir}/**/*.md`);
  // Folder defaults (*.11tydata.json) are read and validated with each page by lib/content/directory-data.ts;
  // Eleventy must not apply them a second time to the one virtual template.
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.addWatchTarget(`${siteSettings().contentDir}/**/*.11tydata.json`);
}
