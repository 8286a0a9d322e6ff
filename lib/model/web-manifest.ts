import type { SiteData } from "../content/site-data.ts";

/** The site's web app manifest, as JSON. */
export interface WebManifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: "browser";
  theme_color: string;
  background_color: string;
  icons: { src: string; type: string; sizes: string; purpose?: string }[];
}

/** Where the manifest is published: beside the home page, so `./` in it is the site's root under any path prefix. */
export const WEB_MANIFEST_URL = "/manifest.webmanifest";

/**
 * The Defra brand's manifest. GOV.UK Frontend's own manifest.json (copied to /assets/ with its other assets,
 * and linked by its template for the `govuk` brand) shows the crown, which only services on GOV.UK may use.
 * Every URL here is relative, and a manifest's URLs resolve against the manifest's own address, so the same
 * file is right at the root and under a path prefix.
 *
 * @see https://www.w3.org/TR/appmanifest/#start_url-member
 */
export function webManifest(site: Pick<SiteData, "serviceName" | "themeColour">): WebManifest {
  return {
    name: site.serviceName,
    short_name: site.serviceName,
    start_url: "./",
    scope: "./",
    display: "browser",
    theme_color: site.themeColour,
    background_color: "#ffffff",
    icons: [{ src: "assets/images/app-icon.svg", type: "image/svg+xml", sizes: "any" }],
  };
}
