/** A page URL as an absolute URL on the published site, under the path prefix ("/" or "/repo-name/"). */
export const absoluteUrl = (url: string, base: string, pathPrefix: string): string =>
  new URL(pathPrefix.replace(/\/$/, "") + url, base).href;
