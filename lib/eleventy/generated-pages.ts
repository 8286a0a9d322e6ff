import type { EleventyConfig } from "./types.ts";
import { tagUrl } from "./filters/tag-url.ts";
import type { RedirectView } from "../model/redirects.ts";
import { SITE_FILE_URLS, aToZ, feed, generatedView, redirectView, sitemapEntries, tagPages, type TagView } from "../model/generated-pages.ts";
import { searchBundlePaths } from "../search/search-index.ts";
import type { SiteModel } from "../model/site-model.ts";

type Data = { siteModel: SiteModel };

/** The pages in the sitemap beside the content pages: the listings that lead to every page. */
const listingUrls = (model: SiteModel) => [SITE_FILE_URLS.aToZ, SITE_FILE_URLS.tags, ...tagPages(model).map((tagPage) => tagPage.url)];

/**
 * The files the site makes from its model beside the content pages: search and A to Z pages,
 * tag pages, the 404 page, redirects for moved pages, sitemap.xml, robots.txt and the Atom feed.
 * Each is one virtual template that reads the site model once.
 */
export function siteFilesPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("tagUrl", tagUrl);
  const addSiteFile = (layout: string, permalink: string, data: Record<string, unknown> = {}) =>
    eleventyConfig.addTemplate(`generated/${layout}`, `{% extends "site-files/${layout}" %}`, {
      permalink,
      eleventyExcludeFromCollections: true,
      ...data,
    });

  addSiteFile("search.njk", SITE_FILE_URLS.search, {
    eleventyComputed: {
      view: ({ siteModel }: Data) => generatedView(siteModel, { url: SITE_FILE_URLS.search, title: "Search", noindex: true }),
      searchBundles: ({ siteModel }: Data) => searchBundlePaths(siteModel.pages.length),
    },
  });
  addSiteFile("a-to-z.njk", SITE_FILE_URLS.aToZ, {
    eleventyComputed: {
      view: ({ siteModel }: Data) =>
        generatedView(siteModel, { url: SITE_FILE_URLS.aToZ, title: "A to Z", description: "Every page in this manual, by title." }),
      aToZ: ({ siteModel }: Data) => aToZ(siteModel),
    },
  });
  addSiteFile("tags.njk", SITE_FILE_URLS.tags, {
    eleventyComputed: {
      view: ({ siteModel }: Data) => generatedView(siteModel, { url: SITE_FILE_URLS.tags, title: "Tags", description: "The topics pages are tagged with." }),
      tagPages: ({ siteModel }: Data) => tagPages(siteModel),
    },
  });
  addSiteFile("tag.njk", "", {
    pagination: { data: "siteModel.pages", size: 1, alias: "tagPage", before: (_: unknown, { siteModel }: Data) => tagPages(siteModel) },
    permalink: ({ tagPage }: { tagPage: TagView }) => tagPage.url,
    eleventyComputed: {
      view: ({ siteModel, tagPage }: Data & { tagPage: TagView }) =>
        generatedView(siteModel, {
          url: tagPage.url,
          title: `Pages tagged ‘${tagPage.tag}’`,
          breadcrumbs: [{ text: "Home", href: "/" }, { text: "Tags", href: SITE_FILE_URLS.tags }],
        }),
    },
  });
  addSiteFile("not-found.njk", SITE_FILE_URLS.notFound, {
    eleventyComputed: { view: ({ siteModel }: Data) => generatedView(siteModel, { url: SITE_FILE_URLS.notFound, title: "Page not found", noindex: true, breadcrumbs: [] }) },
  });
  addSiteFile("redirect.njk", "", {
    pagination: { data: "siteModel.redirects", size: 1, alias: "redirect" },
    permalink: ({ redirect }: { redirect: RedirectView }) => redirect.from,
    eleventyComputed: { view: ({ siteModel, redirect }: Data & { redirect: RedirectView }) => redirectView(siteModel, redirect) },
  });
  addSiteFile("sitemap.xml.njk", SITE_FILE_URLS.sitemap, {
    eleventyComputed: { sitemap: ({ siteModel }: Data) => sitemapEntries(siteModel, listingUrls(siteModel)) },
  });
  addSiteFile("robots.txt.njk", SITE_FILE_URLS.robots);
  addSiteFile("feed.xml.njk", SITE_FILE_URLS.feed, {
    eleventyComputed: { atomFeed: ({ siteModel }: Data) => feed(siteModel) },
  });
}
