import path from "node:path";
import type { Environment } from "nunjucks";
import { formatDiagnostic } from "../content/diagnostics.ts";
import { outputPathForUrl } from "../content/load-content.ts";
import { loadSiteModel, takeSiteModel } from "../build-site.ts";
import { createDevSiteModel } from "../dev-site-model.ts";
import { flatString } from "../flat-string.ts";
import type { EleventyConfig } from "../eleventy-types.ts";
import { layoutEnvironment } from "./nunjucks.ts";
import type { PageView, SiteModel } from "../site-model.ts";
import { siteSettings } from "../site-settings.ts";

/** Renders one page through its layout, with the Nunjucks environment's cache of compiled layouts. */
function renderLayout(environment: Environment, data: { view: PageView }): Promise<string> {
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

/** Publishes every page of the site model through its layout. */
export function pagesPlugin(eleventyConfig: EleventyConfig): void {
  const devSiteModel = createDevSiteModel(path.resolve(siteSettings().contentDir), (reuse) => loadSiteModel(undefined, undefined, reuse));
  eleventyConfig.on("eleventy.beforeWatch", (changedFiles: string[]) => devSiteModel.noteChanges(changedFiles));
  eleventyConfig.on("eleventy.after", () => devSiteModel.buildFinished());
  // Whether this run renders a model the build script handed over, used once and then dropped.
  let oneOffBuild = false;
  eleventyConfig.addGlobalData("siteModel", async () => {
    const serving = process.env.ELEVENTY_RUN_MODE === "serve";
    const { model, diagnostics, primed } = serving ? { ...(await devSiteModel.load()), primed: false } : await takeSiteModel();
    if (!primed) for (const diagnostic of diagnostics) console.warn(formatDiagnostic(diagnostic));
    oneOffBuild = Boolean(primed);
    return asEleventyData(model);
  });
  // One template renders every page: the site model decides URLs and layouts, so Eleventy never reads
  // content/*.md itself and every page goes through the same validation. A JavaScript template, because
  // Eleventy compiles a Nunjucks template's text again for every page it paginates to.
  eleventyConfig.addTemplateFormats("11ty.js");
  const render = async (data: { view: PageView }) => {
    const html = await renderLayout(layoutEnvironment(eleventyConfig), data);
    // Eleventy holds every page's HTML until it has written them all. In a one-off build nothing reads a
    // page's body again once the page holds it (its search document was written before Eleventy ran),
    // so the model lets go of its copy: 85 MB at 10,000 pages. The dev server keeps it for the next save.
    if (oneOffBuild) data.view.bodyHtml = "";
    return html;
  };
  eleventyConfig.addTemplate("pages.11ty.js", { render }, {
    // After a save the dev server renders only the pages whose view changed.
    pagination: { data: "siteModel.pages", size: 1, alias: "view", before: (pages: PageView[]) => devSiteModel.pagesToRender(pages) },
    // Page URLs are percent-encoded; Eleventy writes the permalink as a path, so it gets the names unescaped.
    permalink: (data: { view: PageView }) => outputPathForUrl(data.view.url),
    eleventyExcludeFromCollections: true,
  });
  eleventyConfig.addWatchTarget(`${siteSettings().contentDir}/**/*.md`);
  // Folder defaults (*.11tydata.json) are read and validated with each page by lib/content/directory-data.ts;
  // Eleventy must not apply them a second time to the one virtual template.
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.addWatchTarget(`${siteSettings().contentDir}/**/*.11tydata.json`);
}
