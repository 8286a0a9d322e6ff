import { access } from "node:fs/promises";
import path from "node:path";
import type { SiteData } from "../content/site-data.ts";
import type { PositionedData } from "../content/positioned-yaml.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { analyticsFor, type AnalyticsView } from "./cookies.ts";

/** What base.njk draws on every page from the site's settings: one object shared by every view of a build. */
export interface SiteChromeView {
  brand: SiteData["brand"];
  organisationName: string;
  serviceName: string;
  /** The site's public URL without the path prefix. */
  url: string;
  footerLinks: SiteData["footerLinks"];
  themeColour: string;
  /** The size of the caption above each page's h1. */
  captionSize: SiteData["captionSize"];
  /** What readers of a form page should do instead, as a static site cannot send forms. */
  formAlternative?: SiteData["formAlternative"];
  /** The organisation's logo in the header; without it the header shows the organisation's name. */
  logo?: { src: string; alt: string; width?: number; height?: number };
  /** Whether the header has a search box. */
  headerSearch: boolean;
  /** The footer's "maintained by" line, as checked author HTML. */
  maintainedBy?: string;
  /** The analytics loaded after consent; with it every page has the cookie banner and a wider Content-Security-Policy. */
  analytics?: AnalyticsView;
}

/** `logoSize` is the logo file's own size, so the header keeps its place before the image arrives. */
export const siteChromeFor = (site: SiteData, logoSize?: { width: number; height: number }): SiteChromeView => ({
  brand: site.brand,
  organisationName: site.organisationName,
  serviceName: site.serviceName,
  url: site.url,
  footerLinks: site.footerLinks,
  themeColour: site.themeColour,
  captionSize: site.captionSize,
  formAlternative: site.formAlternative,
  logo: site.logo && { src: site.logo.src, alt: site.logo.alt, ...logoSize },
  headerSearch: site.headerSearch,
  maintainedBy: site.maintainedBy,
  analytics: analyticsFor(site.analytics),
});

/** The landmark names the Defra service manual gives its two navigation bars; screen readers list them by name. */
export type NavigationLabel = "Main navigation" | "Service navigation";

/** A link in a navigation bar: `current` on the page it leads to, `active` on the pages under it. */
export interface NavigationLinkView {
  text: string;
  href: string;
  current: boolean;
  active: boolean;
}

/** The navigation bar under the header. */
export interface NavigationBarView {
  label: NavigationLabel;
  items: NavigationLinkView[];
}

/**
 * Marks the link to the page itself as current and a section's link as active on every page under it.
 * "/" is never active, or the home link would be marked on every page. `canonical` gives the form of an
 * href the page URLs use (a trailing slash), so `/guides` and `/guides/` mark the same pages.
 */
export function markedLinks(
  links: readonly { text: string; href: string }[],
  url: string,
  canonical: (href: string) => string = (href) => href,
): NavigationLinkView[] {
  return links.map((link) => {
    const href = canonical(link.href);
    return {
      text: link.text,
      href,
      current: href === url,
      active: href !== "/" && href !== url && url.startsWith(href),
    };
  });
}

/** An href's path without a trailing slash, and what follows it (`?…`, `#…`). */
function hrefParts(href: string): { path: string; rest: string } {
  const [pathPart, rest = ""] = href.trim().split(/(?=[?#])/);
  return { path: pathPart.length > 1 ? pathPart.replace(/\/+$/, "") : pathPart, rest };
}

/**
 * Whether site.json's `hiddenFromNavigation` leaves a navigation link out. An entry that is a path alone
 * leaves out every link into that page; one with `?` or `#` only the link written so.
 */
export function isHiddenFromNavigation(href: string, hidden: readonly string[] = []): boolean {
  if (!hidden.length) return false;
  const link = hrefParts(href);
  return hidden.some((entry) => {
    const left = hrefParts(entry);
    return left.path === link.path && (!left.rest || left.rest === link.rest);
  });
}

/**
 * Which navigation bar a page shows, in the Defra service manual's order: the main navigation whenever
 * the page (or else the site) asks for it, even over the page's own links; else the page's own links;
 * else the site's service navigation. Links site.json's `hiddenFromNavigation` names are left out, as the
 * Defra app's layout leaves out the link to a page it has not launched.
 */
export function navigationBarFor(
  page: { url: string; showMainNavigation?: boolean; customNav?: readonly { text: string; href: string }[] },
  site: Pick<SiteData, "showMainNavigation" | "navigation" | "serviceNavigation"> &
    Partial<Pick<SiteData, "hiddenFromNavigation">>,
  canonical?: (href: string) => string,
): NavigationBarView {
  const shown = (links: readonly { text: string; href: string }[]) =>
    markedLinks(
      links.filter((link) => !isHiddenFromNavigation(link.href, site.hiddenFromNavigation)),
      page.url,
      canonical,
    );
  if (page.showMainNavigation ?? site.showMainNavigation)
    return { label: "Main navigation", items: shown(site.navigation) };
  const links = page.customNav?.length ? page.customNav : site.serviceNavigation;
  return { label: "Service navigation", items: shown(links) };
}

/** The header's service name: the page's own (`headerServiceName`, `headerServiceUrl`), else the site's. */
export interface HeaderServiceView {
  serviceName: string;
  serviceUrl: string;
}

/**
 * Problems with the header's logo that site.json's schema cannot see: the image must be one of the
 * content folder's published files, or every page would show a broken image.
 */
export async function logoDiagnostics(
  site: Pick<SiteData, "logo">,
  contentRoot: string,
  siteFile: { file: string; lineOf: PositionedData["lineOf"] },
): Promise<Diagnostic[]> {
  if (!site.logo) return [];
  const { src } = site.logo;
  const problem = async (message: string): Promise<Diagnostic[]> => [
    { severity: "error", file: siteFile.file, line: siteFile.lineOf(["logo", "src"]), field: "logo.src", message },
  ];
  const relative = /^\/public\/(.+)$/.exec(src.split(/[?#]/)[0])?.[1];
  if (!relative)
    return problem(
      `\`${src}\` is not one of the site's files: put the image in content/public/ and write its address from /public/, such as \`/public/logo.svg\``,
    );
  let decoded = relative;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    // An address with a malformed escape names no file; looked up as written, it is reported missing.
  }
  const segments = decoded.split("/");
  if (segments.some((segment) => segment === ".." || segment === "."))
    return problem(`\`${src}\` must name a file in content/public/ without \`.\` or \`..\` in its path`);
  const file = path.join(contentRoot, "public", ...segments);
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  return exists
    ? []
    : problem(
        `\`${src}\` is not in content/public/: add the image there as ${path.posix.join("public", ...segments)} or correct the address`,
      );
}
