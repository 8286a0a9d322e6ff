import type { SiteData } from "../content/site-data.ts";
import { absoluteUrl } from "./absolute-url.ts";

/**
 * What a link to the page shows when shared (Open Graph and Twitter card tags), every URL absolute. Its
 * description is the page's meta description too: search engines show it under the link.
 */
export interface LinkPreviewView {
  title: string;
  description?: string;
  /** The page's absolute address, path prefix included: the same as its canonical link. */
  url: string;
  /** `website` for the home page and the site's own pages, `article` for the other content pages. */
  type: "website" | "article";
  siteName: string;
  image?: { url: string; alt: string };
  /** A large card with an image, a small one without. */
  twitterCard: "summary" | "summary_large_image";
}

/**
 * The page's link preview. Open Graph asks for absolute URLs: a crawler reads the tags without the page's
 * address to resolve against, and Eleventy's base plugin adds the prefix only to root-relative ones.
 *
 * @see https://ogp.me/
 */
export function linkPreviewFor(
  page: { url: string; title: string; description?: string; isContentPage: boolean },
  site: Pick<SiteData, "url" | "serviceName" | "openGraphImage" | "description">,
  pathPrefix: string,
): LinkPreviewView {
  const image = site.openGraphImage && {
    url: absoluteUrl(site.openGraphImage.src, site.url, pathPrefix),
    alt: site.openGraphImage.alt,
  };
  return {
    title: page.title,
    description: page.description ?? site.description,
    url: absoluteUrl(page.url, site.url, pathPrefix),
    type: page.isContentPage && page.url !== "/" ? "article" : "website",
    siteName: site.serviceName,
    image,
    twitterCard: image ? "summary_large_image" : "summary",
  };
}
