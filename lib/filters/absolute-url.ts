import { siteSettings } from "../site-settings.ts";

/** A page URL as an absolute URL on the published site, including the path prefix. */
export const absoluteUrl = (url: string, base: string): string =>
  new URL(siteSettings().pathPrefix.replace(/\/$/, "") + url, base).href;
