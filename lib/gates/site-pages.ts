import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { listSiteFiles, urlPathForFile } from "./built-files.ts";
import { resolveSitePath } from "./static-server.ts";

/** The pages a gate visits, and where the list came from. */
export interface SitePages {
  /** URL paths, prefix included, such as /service-manual/roles/. */
  urls: string[];
  source: "sitemap.xml" | "HTML files" | "the built HTML files";
  /** Sitemap entries that the built site does not serve. */
  problems: Diagnostic[];
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The <loc> values of a sitemap, entities decoded. */
export function sitemapLocations(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((match) =>
    match[1].replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]),
  );
}

/** Whether a sitemap's entries are all served: one error per entry the built site does not serve under the prefix. */
function sitemapProblems(
  siteDir: string,
  pathPrefix: string,
  locations: string[],
): { urls: string[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const urls: string[] = [];
  for (const location of locations) {
    const url = URL.canParse(location) ? new URL(location).pathname : undefined;
    const answer = url === undefined ? undefined : resolveSitePath(siteDir, pathPrefix, url);
    if (url === undefined || !answer || "redirectTo" in answer) {
      problems.push({
        severity: "error",
        file: urlPathForFile("sitemap.xml", pathPrefix),
        message: `lists ${location}, which the built site does not serve under ${pathPrefix}`,
      });
    } else urls.push(url);
  }
  return { urls, problems };
}

/**
 * Every page of a built site: the URLs its sitemap.xml lists when it has one (what search engines and
 * people reach), otherwise every HTML file. 404.html is added either way: sitemaps leave it out, yet
 * GitHub Pages shows it for every missing URL.
 */
export function listSitePages(siteDir: string, pathPrefix: string): SitePages {
  const sitemap = path.join(siteDir, "sitemap.xml");
  const notFoundPage = existsSync(path.join(siteDir, "404.html")) ? [urlPathForFile("404.html", pathPrefix)] : [];
  if (!existsSync(sitemap)) {
    return {
      urls: listSiteFiles(siteDir, [".html"]).map((file) => urlPathForFile(file, pathPrefix)),
      source: "HTML files",
      problems: [],
    };
  }
  const { urls, problems } = sitemapProblems(siteDir, pathPrefix, sitemapLocations(readFileSync(sitemap, "utf8")));
  return { urls: [...new Set([...urls, ...notFoundPage])], source: "sitemap.xml", problems };
}

// A redirect stub sends the browser on at once (layouts/site-files/redirect.njk): what a reader sees is the page it names.
const REDIRECT_STUB = /<meta\s[^>]*http-equiv\s*=\s*["']?refresh\b/i;

/**
 * Marks a page only the dev server draws (layouts/site-files/dev-error.njk and dev-findings.njk), in place of or
 * over a page of the site: never published, so a build that still holds one is not what readers get.
 */
export const DEV_SERVER_ONLY_MARK = '<meta name="app-dev-server-only" content="true">';

/** The pages a reader can open, and the HTML files left out because no reader stays on them. */
export interface ReadablePages extends SitePages {
  leftOut: { url: string; reason: "redirect" | "dev server only" }[];
}

/**
 * Every page of a built site that a reader can open, whether or not the sitemap lists it: the search
 * page, the 404 page, noindex pages, section print pages and interruption pages too. That is every HTML
 * file but the redirect stubs and what only the dev server draws. When the site has a sitemap, its
 * entries are checked to be served as well.
 */
export function listReadablePages(siteDir: string, pathPrefix: string): ReadablePages {
  const sitemap = path.join(siteDir, "sitemap.xml");
  const { problems } = existsSync(sitemap)
    ? sitemapProblems(siteDir, pathPrefix, sitemapLocations(readFileSync(sitemap, "utf8")))
    : { problems: [] };
  const urls: string[] = [];
  const leftOut: ReadablePages["leftOut"] = [];
  for (const file of listSiteFiles(siteDir, [".html"])) {
    const html = readFileSync(path.join(siteDir, file), "utf8");
    const end = html.search(/<\/head>/i);
    const head = end < 0 ? html : html.slice(0, end);
    const url = urlPathForFile(file, pathPrefix);
    if (REDIRECT_STUB.test(head)) leftOut.push({ url, reason: "redirect" });
    else if (head.includes(DEV_SERVER_ONLY_MARK)) leftOut.push({ url, reason: "dev server only" });
    else urls.push(url);
  }
  return { urls, source: "the built HTML files", problems, leftOut };
}
