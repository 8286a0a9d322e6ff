import type { SiteData } from "../content/site-data.ts";

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
}

export const siteChromeFor = (site: SiteData): SiteChromeView => ({
  brand: site.brand,
  organisationName: site.organisationName,
  serviceName: site.serviceName,
  url: site.url,
  footerLinks: site.footerLinks,
  themeColour: site.themeColour,
  captionSize: site.captionSize,
  formAlternative: site.formAlternative,
});
