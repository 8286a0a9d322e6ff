import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import type { SourcePage } from "../content/load-content.ts";
import type { SiteData } from "../content/site-data.ts";
import { parentUrl } from "./page-tree.ts";
import { normaliseRedirectPath } from "./redirects.ts";

/**
 * The home page to publish when the content has none: the Defra service manual keeps no index.md
 * (its app draws the home page from a template of its own), and a site without "/" would greet
 * readers with the server's error page and leave every link back home broken.
 *
 * It is made as a page would be (so it gets the site's header, breadcrumbs, search entry and checks):
 * titled with the site's service name, in the reading-width layout, listing the top-level pages with
 * their descriptions in listing order. Undefined when a page is published at "/" or redirects from it.
 */
export function generatedHomePage(
  sources: Iterable<SourcePage>,
  site: SiteData,
  contentFolder: string,
): { source?: SourcePage; diagnostics: Diagnostic[] } {
  const all = [...sources];
  const takesHome = all.some(
    (source) =>
      source.url === "/" || source.frontMatter.redirectFrom?.some((from) => normaliseRedirectPath(from) === "/"),
  );
  if (takesHome) return { diagnostics: [] };
  const file = path.join(contentFolder, "index.md");
  const topLevel = all.filter((source) => parentUrl(source.url) === "/");
  const listed = topLevel.length
    ? `from the ${topLevel.length} top-level page${topLevel.length === 1 ? "" : "s"}`
    : "with no pages to list yet";
  return {
    source: {
      file,
      url: "/",
      frontMatter: { title: site.serviceName, layout: "two-thirds", listChildren: true },
      body: "",
      bodyLine: 1,
      locate: () => ({ file }),
    },
    diagnostics: [
      {
        severity: "warning",
        file,
        message: `is missing, so the home page is made ${listed}, titled with the site's serviceName: to write your own, add ${file} with a title and the text to show`,
      },
    ],
  };
}
