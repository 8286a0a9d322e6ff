import { absoluteUrl } from "../../model/absolute-url.ts";

/** The `absoluteUrl` filter for a site served under `pathPrefix`: `url | absoluteUrl(site.url)`. */
export const absoluteUrlFilter =
  (pathPrefix: string) =>
  (url: string, base: string): string =>
    absoluteUrl(url, base, pathPrefix);
