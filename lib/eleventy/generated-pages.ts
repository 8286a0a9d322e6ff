import type { Environment } from "nunjucks";
import type { EleventyConfig } from "./types.ts";
import { SITE_FILE_URLS, type GeneratedPages } from "../model/generated-pages.ts";

/** One page or file the site makes itself: where it is written, the template that draws it and the data the template reads. */
export interface SiteFile {
  url: string;
  template: string;
  data: Record<string, unknown>;
}

/**
 * The files the site makes from its model beside the content pages: search and A to Z pages,
 * tag pages, the 404 page, redirects for moved pages, the pages before links to internal services, sitemap.xml, robots.txt and the Atom feed,
 * each drawn by its template in layouts/site-files/ from the view the model computed.
 */
export function siteFiles(generated: GeneratedPages): SiteFile[] {
  const file = (url: string, name: string, data: Record<string, unknown>): SiteFile => ({
    url,
    template: `site-files/${name}`,
    data,
  });
  return [
    file(SITE_FILE_URLS.search, "search.njk", {
      view: generated.search,
      searchBundles: generated.search.searchBundles,
    }),
    file(SITE_FILE_URLS.aToZ, "a-to-z.njk", { view: generated.aToZ, aToZ: generated.aToZ.groups }),
    file(SITE_FILE_URLS.tags, "tags.njk", { view: generated.tags, tagPages: generated.tags.tagPages }),
    ...generated.tagPages.map((view) => file(view.tagPage.url, "tag.njk", { view, tagPage: view.tagPage })),
    file(SITE_FILE_URLS.notFound, "not-found.njk", { view: generated.notFound }),
    ...generated.redirects.map((view) => file(view.redirect.from, "redirect.njk", { view })),
    ...generated.interruptions.map((view) => file(view.url, "interruption.njk", { view })),
    file(SITE_FILE_URLS.sitemap, "sitemap.xml.njk", { sitemap: generated.sitemap }),
    file(SITE_FILE_URLS.robots, "robots.txt.njk", { robots: generated.robots }),
    file(SITE_FILE_URLS.feed, "feed.xml.njk", { atomFeed: generated.feed }),
    file(SITE_FILE_URLS.webManifest, "manifest.webmanifest.njk", { webManifest: generated.webManifest }),
    ...(generated.accessibilityStatement
      ? [
          file(generated.accessibilityStatement.url, "accessibility-statement.njk", {
            view: generated.accessibilityStatement,
          }),
        ]
      : []),
    ...(generated.cookies ? [file(generated.cookies.url, "cookies.njk", { view: generated.cookies })] : []),
    ...(generated.privacy ? [file(generated.privacy.url, "privacy.njk", { view: generated.privacy })] : []),
    file(SITE_FILE_URLS.contentHealth, "content-health.njk", { view: generated.contentHealth }),
    file(SITE_FILE_URLS.pagesApi, "pages.json.njk", { pagesApi: generated.pagesApi }),
    ...generated.printPages.map((view) => file(view.url, "print.njk", { view })),
  ];
}

/** Publishes the site files of `rendering.siteFiles` (lib/eleventy/pages.ts gives it), one virtual template for them all. */
export function siteFilesPlugin(eleventyConfig: EleventyConfig, environment: Environment): void {
  const render = (data: { siteFile: SiteFile }) =>
    new Promise<string>((resolve, reject) =>
      environment.render(data.siteFile.template, { ...data, ...data.siteFile.data }, (error, text) =>
        error ? reject(error) : resolve(text ?? ""),
      ),
    );
  eleventyConfig.addTemplate(
    "site-files.11ty.js",
    { render },
    {
      pagination: { data: "rendering.siteFiles", size: 1, alias: "siteFile" },
      permalink: (data: { siteFile: SiteFile }) => data.siteFile.url,
      eleventyExcludeFromCollections: true,
    },
  );
}
