import type { BreadcrumbItem } from "../schema/front-matter.ts";
import { absoluteUrl } from "../eleventy/filters/absolute-url.ts";
import { tagUrl } from "../eleventy/filters/tag-url.ts";
import type { RedirectView } from "./redirects.ts";
import type { PageView, ServiceNavigationView, SiteModel } from "./site-model.ts";

/** The pages the site makes itself, beside the content pages. Content may not use these URLs. */
export const SITE_FILE_URLS = {
  search: "/search/",
  aToZ: "/a-to-z/",
  tags: "/tags/",
  notFound: "/404.html",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
  feed: "/feed.xml",
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
};

/** Folders the build fills with files of its own; a page there would sit among them or overwrite one. */
const SITE_FOLDERS: { pattern: RegExp; what: string }[] = [
  { pattern: /^\/assets\//, what: "/assets/ holds the site's stylesheets, scripts and images" },
  // The search index is split into /pagefind/, /pagefind-2/ … once the site outgrows one bundle.
  { pattern: /^\/pagefind(?:-\d+)?\//, what: "/pagefind/ (and /pagefind-2/, /pagefind-3/ …) hold the site's search index" },
  { pattern: /^\/public\//, what: "/public/ holds the files in the content folder's public/, published as they are" },
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
  if (folded === "/404/") return `${SITE_FILE_URLS.notFound} is ${SITE_FILE_NAMES.notFound}, and a page at /404/ would not replace it`;
  return SITE_FOLDERS.find(({ pattern }) => pattern.test(folded))?.what;
}

/** Whether the site publishes one of its own pages or files at a URL, or under it, so content must not use it. */
export const isSiteFileUrl = (url: string): boolean => siteFileUrlReason(url) !== undefined;

/** What base.njk needs to draw a page the site makes itself, in the shape of a content page's view. */
export interface GeneratedPageView {
  url: string;
  title: string;
  description?: string;
  breadcrumbs: BreadcrumbItem[];
  serviceNavigation: ServiceNavigationView;
  /** Keeps search engines from listing the page (search results, redirects, the 404 page). */
  noindex?: boolean;
}

/** The view of a page the site makes itself: the site-wide service navigation and a trail back home. */
export function generatedView(model: SiteModel, page: { url: string; title: string; description?: string; noindex?: boolean; breadcrumbs?: BreadcrumbItem[] }): GeneratedPageView {
  return {
    breadcrumbs: [{ text: "Home", href: "/" }],
    ...page,
    serviceNavigation: {
      serviceName: model.site.serviceName,
      serviceUrl: model.site.serviceUrl,
      navigation: model.site.showMainNavigation
        ? model.navigation.map((item) => ({ ...item, current: item.href === page.url, active: item.href !== "/" && page.url.startsWith(item.href) }))
        : [],
    },
  };
}

// One collator for the build: localeCompare with options builds a new one on every comparison,
// which made sorting 4,000 titles take a fifth of a second each time.
const BY_NAME = new Intl.Collator("en-GB", { sensitivity: "base" });

/** Remembers a list made from the model: the site files ask for the same ones several times a build. */
function perModel<T>(make: (model: SiteModel) => T): (model: SiteModel) => T {
  const made = new WeakMap<SiteModel, T>();
  return (model) => {
    if (!made.has(model)) made.set(model, make(model));
    return made.get(model)!;
  };
}

/** The A to Z: every page by title, grouped under its first letter (digits and symbols under "#"). */
export const aToZ = perModel((model): { letter: string; id: string; pages: { title: string; description?: string; url: string }[] }[] => {
  const groups = new Map<string, { title: string; description?: string; url: string }[]>();
  const sorted = [...model.pages].sort((a, b) => BY_NAME.compare(a.title, b.title));
  for (const page of sorted) {
    const first = page.title.normalize("NFD").charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : "#";
    const group = groups.get(letter) ?? [];
    group.push({ title: page.title, description: page.description, url: page.url });
    groups.set(letter, group);
  }
  return [...groups].map(([letter, pages]) => ({ letter, id: letter === "#" ? "other" : `letter-${letter.toLowerCase()}`, pages }));
});

/** A tag's page: the pages that carry the tag, by title. */
export interface TagView {
  tag: string;
  url: string;
  pages: { title: string; description?: string; url: string }[];
}

/**
 * Every tag used on the site, by name, with the pages carrying it. Tags that differ only in case or
 * punctuation ("Service owner", "service-owner") share one page, named as first written.
 */
export const tagPages = perModel((model): TagView[] => {
  const byUrl = new Map<string, TagView>();
  for (const page of [...model.pages].sort((a, b) => a.title.localeCompare(b.title, "en-GB"))) {
    for (const tag of new Set(page.tags)) {
      const url = tagUrl(tag);
      const view = byUrl.get(url) ?? { tag, url, pages: [] };
      if (!view.pages.some((listed) => listed.url === page.url)) view.pages.push({ title: page.title, description: page.description, url: page.url });
      byUrl.set(url, view);
    }
  }
  return [...byUrl.values()].sort((a, b) => BY_NAME.compare(a.tag, b.tag));
});

/** The newest date a page gives for itself: its front matter's, or else git's. */
export const lastModified = (page: PageView): Date | undefined =>
  page.history?.lastUpdated ?? page.history?.lastCommitted ?? page.history?.published;

/** sitemap.xml's entries: every content page and every listing page, with absolute URLs. Redirects and drafts are never in it. */
export function sitemapEntries(model: SiteModel, listingUrls: string[]): { loc: string; lastmod?: string }[] {
  const pages = model.pages.map((page) => ({ loc: absoluteUrl(page.url, model.site.url), lastmod: lastModified(page)?.toISOString().slice(0, 10) }));
  const listings = listingUrls.map((url) => ({ loc: absoluteUrl(url, model.site.url), lastmod: undefined }));
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

/**
 * The Atom feed: the pages whose front matter dates them (published or last updated), newest first.
 * Git's dates are left out, so a typo fixed across the site doesn't fill readers' feeds.
 */
export function feed(model: SiteModel): { id: string; title: string; url: string; selfUrl: string; updated: string; entries: FeedEntry[] } {
  const entries = model.pages
    .flatMap((page) => {
      const updated = page.history?.lastUpdated ?? page.history?.published;
      if (!updated) return [];
      const url = absoluteUrl(page.url, model.site.url);
      return [{ id: url, title: page.title, url, summary: page.description, published: page.history?.published?.toISOString(), updated: updated.toISOString() }];
    })
    .sort((a, b) => b.updated.localeCompare(a.updated) || a.title.localeCompare(b.title));
  const home = absoluteUrl("/", model.site.url);
  return {
    id: home,
    title: model.site.serviceName,
    url: home,
    selfUrl: absoluteUrl(SITE_FILE_URLS.feed, model.site.url),
    updated: entries[0]?.updated ?? new Date(0).toISOString(),
    entries,
  };
}

/** The view of the page at a redirect's old path. */
export function redirectView(model: SiteModel, redirect: RedirectView): GeneratedPageView & { redirect: RedirectView } {
  return { ...generatedView(model, { url: redirect.to, title: `${redirect.title} has moved`, noindex: true }), redirect };
}
