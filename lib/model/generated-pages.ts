import type { BreadcrumbItem } from "../schema/front-matter.ts";
import { tagUrl } from "../eleventy/filters/tag-url.ts";
import { searchablePages, searchBundlePaths } from "../search/search-index.ts";
import { searchFilterOptions, type SearchFilterOptions } from "../search/search-filters.ts";
import { feedbackFor } from "./feedback.ts";
import { absoluteUrl } from "./absolute-url.ts";
import { isoDate } from "./dates.ts";
import type { RedirectView } from "./redirects.ts";
import { navigationBarFor, siteChromeFor, type SiteChromeView } from "./site-chrome.ts";
import { interruptionPageUrl } from "./interruption-pages.ts";
import type { PageView, ServiceNavigationView, SiteModel } from "./site-model.ts";
import { compareTitles } from "./title-order.ts";
import {
  accessibilityStatement,
  currentGateChecks,
  type AccessibilityStatementView,
} from "./accessibility-statement.ts";
import { cookiesView, type CookiesView } from "./cookies.ts";
import { GO_LIVE_URLS, replacedByContent } from "./go-live-pages.ts";
import { privacyView, type PrivacyView } from "./privacy.ts";
import { bannersFor, type BannersView } from "./banners.ts";
import { linkPreviewFor, type LinkPreviewView } from "./link-preview.ts";
import { webManifest, WEB_MANIFEST_URL, type WebManifest } from "./web-manifest.ts";
import { printPagesFor, type PrintPageView } from "./print-pages.ts";
import { CONTENT_HEALTH_URLS, contentHealthPages, type ContentHealthPages } from "./content-health.ts";

/** The pages the site makes itself, beside the content pages. Content may not use these URLs. */
export const SITE_FILE_URLS = {
  search: "/search/",
  aToZ: "/a-to-z/",
  tags: "/tags/",
  notFound: "/404.html",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
  feed: "/feed.xml",
  webManifest: WEB_MANIFEST_URL,
  contentHealth: CONTENT_HEALTH_URLS.page,
  pagesApi: CONTENT_HEALTH_URLS.api,
} as const;

/** What the site's own pages and files at a URL are, for the message refusing a page there. */
const SITE_FILE_NAMES: Record<keyof typeof SITE_FILE_URLS, string> = {
  search: "the site's search page",
  aToZ: "the site's A to Z page",
  tags: "where the site lists its tags",
  notFound: "the site's page-not-found page",
  sitemap: "the site's sitemap",
  robots: "the site's robots.txt",
  feed: "the site's feed",
  webManifest: "the site's web app manifest",
  contentHealth: "the site's content health page",
  pagesApi: "the site's list of pages and their review dates",
};

/** Folders the build fills with files of its own; a page there would sit among them or overwrite one. */
const SITE_FOLDERS: { pattern: RegExp; what: string }[] = [
  { pattern: /^\/assets\//, what: "/assets/ holds the site's stylesheets, scripts and images" },
  // The search index is split into /pagefind/, /pagefind-2/ … once the site outgrows one bundle.
  {
    pattern: /^\/pagefind(?:-\d+)?\//,
    what: "/pagefind/ (and /pagefind-2/, /pagefind-3/ …) hold the site's search index",
  },
  { pattern: /^\/public\//, what: "/public/ holds the files in the content folder's public/, published as they are" },
  {
    pattern: /^\/interruption\//,
    what: "/interruption/ holds the pages the site puts before links to internal services",
  },
];

/**
 * Why a URL belongs to the site itself, or undefined when content may use it. Compared without regard
 * to case or Unicode normalisation: on macOS and Windows /Search/ and /search/ are one folder, so a page
 * at either would overwrite the site's own.
 */
export function siteFileUrlReason(url: string): string | undefined {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // A malformed escape is not one of the site's URLs; it is compared as written.
  }
  const folded = decoded.normalize("NFC").toLowerCase();
  for (const [key, own] of Object.entries(SITE_FILE_URLS) as [keyof typeof SITE_FILE_URLS, string][]) {
    const name = SITE_FILE_NAMES[key];
    if (key === "tags" ? folded.startsWith(own) : folded === own) return `${own} is ${name}`;
    // /sitemap.xml/ would be a folder where the site writes the file sitemap.xml.
    if (!own.endsWith("/") && folded.startsWith(`${own}/`)) return `${own} is ${name}`;
  }
  // Hosts show /404.html for every missing address; a page at /404/ looks like it replaces that page, and does not.
  if (folded === "/404/")
    return `${SITE_FILE_URLS.notFound} is ${SITE_FILE_NAMES.notFound}, and a page at /404/ would not replace it`;
  return SITE_FOLDERS.find(({ pattern }) => pattern.test(folded))?.what;
}

/** Whether the site publishes one of its own pages or files at a URL, or under it, so content must not use it. */
export const isSiteFileUrl = (url: string): boolean => siteFileUrlReason(url) !== undefined;

/** What base.njk needs to draw a page the site makes itself, in the shape of a content page's view. */
export interface GeneratedPageView {
  url: string;
  site: SiteChromeView;
  title: string;
  description?: string;
  breadcrumbs: BreadcrumbItem[];
  serviceNavigation: ServiceNavigationView;
  /** Keeps search engines from listing the page (search results, redirects, the 404 page). */
  noindex?: boolean;
  /** The Open Graph and Twitter card tags. */
  linkPreview?: LinkPreviewView;
  /** The phase and notification banners, as content pages have them. */
  banners?: BannersView;
}

/** The model as the site's own pages read it: everything but their own views. */
type ListedSite = Omit<SiteModel, "generated">;

/** The view of a page the site makes itself: the site's own header, navigation bar and a trail back home. */
export function generatedView(
  model: Pick<SiteModel, "site" | "navigation">,
  page: { url: string; title: string; description?: string; noindex?: boolean; breadcrumbs?: BreadcrumbItem[] },
  site: SiteChromeView = siteChromeFor(model.site),
): GeneratedPageView {
  return {
    breadcrumbs: [{ text: "Home", href: "/" }],
    ...page,
    site,
    serviceNavigation: {
      serviceName: model.site.serviceName,
      serviceUrl: model.site.serviceUrl,
      // The model's navigation has its hrefs in the pages' canonical form already.
      navigation: navigationBarFor({ url: page.url }, { ...model.site, navigation: model.navigation }),
    },
  };
}

/** A page as the site's listings show it. */
export interface ListedPage {
  title: string;
  description?: string;
  url: string;
}

/** One letter of the A to Z. */
export interface AToZGroup {
  letter: string;
  id: string;
  pages: ListedPage[];
}

/** The A to Z: every page by title, grouped under its first letter (digits and symbols under "#"). */
export function aToZ(pages: PageView[]): AToZGroup[] {
  const groups = new Map<string, ListedPage[]>();
  const sorted = [...pages].sort((a, b) => compareTitles(a.title, b.title));
  for (const page of sorted) {
    const first = page.title.normalize("NFD").charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : "#";
    const group = groups.get(letter) ?? [];
    group.push({ title: page.title, description: page.description, url: page.url });
    groups.set(letter, group);
  }
  return [...groups].map(([letter, pages]) => ({
    letter,
    id: letter === "#" ? "other" : `letter-${letter.toLowerCase()}`,
    pages,
  }));
}

/** A tag's page: the pages that carry the tag, by title. */
export interface TagView {
  tag: string;
  url: string;
  pages: ListedPage[];
}

/**
 * Every tag used on the site, by name, with the pages carrying it. Tags that differ only in case or
 * punctuation ("Service owner", "service-owner") share one page, named as first written.
 */
export function tagPages(pages: PageView[]): TagView[] {
  const byUrl = new Map<string, TagView>();
  for (const page of [...pages].sort((a, b) => compareTitles(a.title, b.title))) {
    for (const tag of new Set(page.tags)) {
      const url = tagUrl(tag);
      const view = byUrl.get(url) ?? { tag, url, pages: [] };
      if (!view.pages.some((listed) => listed.url === page.url))
        view.pages.push({ title: page.title, description: page.description, url: page.url });
      byUrl.set(url, view);
    }
  }
  return [...byUrl.values()].sort((a, b) => compareTitles(a.tag, b.tag));
}

/** The newest date a page gives for itself: its front matter's, or else git's. */
export const lastModified = (page: PageView): Date | undefined =>
  page.history?.lastUpdated ?? page.history?.lastCommitted ?? page.history?.published;

/** One entry of sitemap.xml. */
export interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

/** sitemap.xml's entries: every content page and every listing page, with absolute URLs. Redirects, drafts and `noindex` pages are never in it. */
export function sitemapEntries(
  model: Pick<SiteModel, "site" | "pages">,
  listingUrls: string[],
  pathPrefix: string,
): SitemapEntry[] {
  const lastmod = (page: PageView) => {
    const date = lastModified(page);
    return date && isoDate(date);
  };
  const pages = model.pages
    .filter((page) => !page.noindex)
    .map((page) => ({
      loc: absoluteUrl(page.url, model.site.url, pathPrefix),
      lastmod: lastmod(page),
    }));
  const listings = listingUrls.map((url) => ({
    loc: absoluteUrl(url, model.site.url, pathPrefix),
    lastmod: undefined,
  }));
  return [...pages, ...listings];
}

/** One entry of the Atom feed. */
export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  summary?: string;
  published?: string;
  updated: string;
}

export interface FeedView {
  id: string;
  title: string;
  /** Who the feed is by: the organisation. */
  author: string;
  url: string;
  selfUrl: string;
  updated: string;
  entries: FeedEntry[];
}

/**
 * The Atom feed: the pages whose front matter dates them (published or last updated), newest first.
 * Git's dates are left out, so a typo fixed across the site doesn't fill readers' feeds.
 */
export function feed(model: Pick<SiteModel, "site" | "pages">, pathPrefix: string): FeedView {
  const entries = model.pages
    .filter((page) => !page.noindex)
    .flatMap((page) => {
      const updated = page.history?.lastUpdated ?? page.history?.published;
      if (!updated) return [];
      const url = absoluteUrl(page.url, model.site.url, pathPrefix);
      return [
        {
          id: url,
          title: page.title,
          url,
          summary: page.description,
          published: page.history?.published?.toISOString(),
          updated: updated.toISOString(),
        },
      ];
    })
    .sort((a, b) => b.updated.localeCompare(a.updated) || compareTitles(a.title, b.title));
  const home = absoluteUrl("/", model.site.url, pathPrefix);
  return {
    id: home,
    title: model.site.serviceName,
    author: model.site.organisationName,
    url: home,
    selfUrl: absoluteUrl(SITE_FILE_URLS.feed, model.site.url, pathPrefix),
    updated: entries[0]?.updated ?? new Date(0).toISOString(),
    entries,
  };
}

/** The view of the page at a redirect's old path. */
export function redirectView(
  model: Pick<SiteModel, "site" | "navigation">,
  redirect: RedirectView,
  site?: SiteChromeView,
): GeneratedPageView & { redirect: RedirectView } {
  return {
    ...generatedView(model, { url: redirect.to, title: `${redirect.title} has moved`, noindex: true }, site),
    redirect,
  };
}

/** What the page before a link to an internal service (site.json `internalDomains`) offers. */
export interface InterruptionView {
  /** Where the Continue button leads. */
  target: string;
  /** The way back that needs no JavaScript: the page that links to the target when only one does, else the home page. */
  back: { text: string; href: string };
}

/** A page as the interruption pages read it: where it links to internal services, once the Markdown has been rendered. */
export interface LinkingPage {
  url: string;
  title: string;
  internalLinkTargets?: readonly string[];
}

/** One interruption page per internal link target on the site, each at interruptionPageUrl(target), in URL order. */
export function interruptions(pages: readonly LinkingPage[]): { url: string; interruption: InterruptionView }[] {
  const linkers = new Map<string, LinkingPage[]>();
  for (const page of pages) {
    for (const target of new Set(page.internalLinkTargets ?? []))
      linkers.set(target, [...(linkers.get(target) ?? []), page]);
  }
  return [...linkers]
    .map(([target, from]) => ({
      url: interruptionPageUrl(target),
      interruption: {
        target,
        back: from.length === 1 ? { text: "Back", href: from[0].url } : { text: "Back to the home page", href: "/" },
      },
    }))
    .sort((a, b) => a.url.localeCompare(b.url));
}

/** The interruption page's heading and title, as the Defra service manual words it. */
export const INTERRUPTION_TITLE = "You are going to an internal service";

/** The views of every page and file the site makes from its model, computed once per model. */
export interface GeneratedPages extends ContentHealthPages {
  search: GeneratedPageView & { searchBundles: string[]; searchFilters: SearchFilterOptions };
  aToZ: GeneratedPageView & { groups: AToZGroup[] };
  tags: GeneratedPageView & { tagPages: TagView[] };
  tagPages: (GeneratedPageView & { tagPage: TagView })[];
  notFound: GeneratedPageView;
  /** At each redirect's old path (`redirect.from`). */
  redirects: (GeneratedPageView & { redirect: RedirectView })[];
  /** Before each link to an internal service, at interruptionPageUrl(target). Never in the sitemap, search or feed. */
  interruptions: (GeneratedPageView & { interruption: InterruptionView })[];
  sitemap: SitemapEntry[];
  robots: { sitemapUrl: string };
  feed: FeedView;
  webManifest: WebManifest;
  /** The pages public sector sites must have, each left out when a content page has its address. */
  accessibilityStatement?: GeneratedPageView & { statement: AccessibilityStatementView };
  cookies?: GeneratedPageView & { cookies: CookiesView };
  privacy?: GeneratedPageView & { privacy: PrivacyView };
  /** Each section's printable version, when its index page asks for one (`printSection`). Never in the sitemap, search or feed. */
  printPages: PrintPageView[];
}

/** Computes the generated pages' views from the rest of the model. */
export function generatedPages(
  model: ListedSite,
  site: SiteChromeView,
  settings: {
    pathPrefix: string;
    searchBundlePages: number;
    /** The build's date, which the accessibility statement gives as the checks' (today unless given). */
    today?: Date;
    publishingRun?: { commit: string; url: string };
  },
): GeneratedPages {
  const aboutPage = (page: { url: string; title: string }) => ({
    title: page.title,
    absoluteUrl: absoluteUrl(page.url, model.site.url, settings.pathPrefix),
  });
  const view = (page: Parameters<typeof generatedView>[1]) => ({
    ...generatedView(model, page, site),
    linkPreview: linkPreviewFor({ ...page, isContentPage: false }, model.site, settings.pathPrefix),
    // The site's own pages have no feedback links of their own, so the phase banner's asks about the site.
    banners: bannersFor({ url: page.url }, model.site, feedbackFor(aboutPage(page), model.site)?.generalUrl),
  });
  const tags = tagPages(model.pages);
  const goLive = goLivePages(model, view, settings);
  const listingUrls = [
    SITE_FILE_URLS.aToZ,
    SITE_FILE_URLS.tags,
    ...tags.map((tagPage) => tagPage.url),
    CONTENT_HEALTH_URLS.page,
    ...Object.values(goLive).flatMap((page) => (page ? [page.url] : [])),
  ];
  return {
    search: {
      // Open to search engines, unlike the site's other generated pages: a reader may look for the manual's
      // search itself. Its results are drawn in the browser, so `?q=` gives the same document, whose
      // canonical link names /search/; no page links to a query, so crawlers meet no endless set of them.
      ...view({ url: SITE_FILE_URLS.search, title: "Search", description: "Search the pages of this manual." }),
      searchBundles: searchBundlePaths(searchablePages(model.pages).length, settings.searchBundlePages),
      searchFilters: searchFilterOptions(searchablePages(model.pages), model.pages),
    },
    aToZ: {
      ...view({ url: SITE_FILE_URLS.aToZ, title: "A to Z", description: "Every page in this manual, by title." }),
      groups: aToZ(model.pages),
    },
    tags: {
      ...view({ url: SITE_FILE_URLS.tags, title: "Tags", description: "The topics pages are tagged with." }),
      tagPages: tags,
    },
    tagPages: tags.map((tagPage) => ({
      ...view({
        url: tagPage.url,
        title: `Pages tagged ‘${tagPage.tag}’`,
        breadcrumbs: [
          { text: "Home", href: "/" },
          { text: "Tags", href: SITE_FILE_URLS.tags },
        ],
      }),
      tagPage,
    })),
    notFound: view({ url: SITE_FILE_URLS.notFound, title: "Page not found", noindex: true, breadcrumbs: [] }),
    redirects: model.redirects.map((redirect) => redirectView(model, redirect, site)),
    interruptions: interruptions(model.pages).map(({ url, interruption }) => ({
      ...view({ url, title: INTERRUPTION_TITLE, noindex: true, breadcrumbs: [] }),
      interruption,
    })),
    sitemap: sitemapEntries(model, listingUrls, settings.pathPrefix),
    robots: { sitemapUrl: absoluteUrl(SITE_FILE_URLS.sitemap, model.site.url, settings.pathPrefix) },
    feed: feed(model, settings.pathPrefix),
    webManifest: webManifest(model.site),
    ...goLive,
    printPages: printPagesFor(model.pages, model.site, view, settings.pathPrefix),
    ...contentHealthPages(
      model.pages,
      settings.today ?? new Date(),
      { url: model.site.url, pathPrefix: settings.pathPrefix },
      view,
    ),
  };
}

/** The accessibility statement, cookies and privacy pages, except those a content page replaces. */
function goLivePages(
  model: ListedSite,
  view: (page: Parameters<typeof generatedView>[1]) => GeneratedPageView,
  settings: Parameters<typeof generatedPages>[2],
): Pick<GeneratedPages, "accessibilityStatement" | "cookies" | "privacy"> {
  const contentUrls = new Set(model.byUrl.keys());
  const made = (url: string) => !replacedByContent(url, contentUrls);
  const date = settings.today ?? new Date();
  const run = settings.publishingRun;
  return {
    accessibilityStatement: made(GO_LIVE_URLS.accessibilityStatement)
      ? {
          ...view({
            url: GO_LIVE_URLS.accessibilityStatement,
            title: `Accessibility statement for ${model.site.serviceName}`,
          }),
          statement: accessibilityStatement(
            model.site,
            currentGateChecks(),
            run ? { kind: "published", date, commit: run.commit, runUrl: run.url } : { kind: "local", date },
          ),
        }
      : undefined,
    cookies: made(GO_LIVE_URLS.cookies)
      ? { ...view({ url: GO_LIVE_URLS.cookies, title: "Cookies" }), cookies: cookiesView(model.site) }
      : undefined,
    privacy: made(GO_LIVE_URLS.privacy)
      ? { ...view({ url: GO_LIVE_URLS.privacy, title: "Privacy notice" }), privacy: privacyView(model.site) }
      : undefined,
  };
}
