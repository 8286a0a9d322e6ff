import { siteSettings } from "../../settings.ts";

// Layouts call this for every page: read the settings again only when PATH_PREFIX changes.
let prefix: { from: string | undefined; path: string } | undefined;
const prefixPath = (): string => {
  if (!prefix || prefix.from !== process.env.PATH_PREFIX) prefix = { from: process.env.PATH_PREFIX, path: siteSettings().pathPrefix.replace(/\/$/, "") };
  return prefix.path;
};

/** A page URL as an absolute URL on the published site, including the path prefix. */
export const absoluteUrl = (url: string, base: string): string => new URL(prefixPath() + url, base).href;
