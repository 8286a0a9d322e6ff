import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { listSiteFiles, urlPathForFile } from "./built-files.ts";
import { resolveSitePath } from "./static-server.ts";

/** The pages a gate visits, and where the list came from. */
export interface SitePages {
  /** URL paths, prefix included, such as /service-manual/roles/. */
  urls: string[];
  source: "sitemap.xml" | "HTML files";
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
  const problems: Diagnostic[] = [];
  const urls: string[] = [];
  for (const location of sitemapLocations(readFileSync(sitemap, "utf8"))) {
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
  return { urls: [...new Set([...urls, ...notFoundPage])], source: "sitemap.xml", problems };
}
