import type { SiteData } from "../content/site-data.ts";

/** The banners base.njk draws on a page: the phase banner under the header, the notification banner atop the main content. */
export interface BannersView {
  phase?: PhaseBannerView;
  notification?: NotificationBannerView;
}

/** govukPhaseBanner's tag and the link in its text. */
export interface PhaseBannerView {
  /** "Alpha" or "Beta", as the tag shows it. */
  tag: string;
  /** Where "give your feedback" leads; without it the banner says only that the service is new. */
  feedbackUrl?: string;
}

/** govukNotificationBanner's title and content. */
export interface NotificationBannerView {
  titleText: string;
  /** Checked author HTML (site-data.ts refuses an h1 in it). */
  html: string;
  /** The id of the banner's heading, which names its region: one no other element on the page has. */
  titleId: string;
}

/** The heading id govukNotificationBanner gives by default, and so the form pages' own notice (layouts/components/form-notice). */
const TAKEN_IDS = ["govuk-notification-banner-title", "main-content"];
const TITLE_ID = "site-notification-banner-title";

/** Whether a page at `url` is in the section `section` names (`/guides` and `/guides/` name the same section). */
export function inSection(url: string, section: string | undefined): boolean {
  if (section === undefined) return true;
  const folder = section.replace(/[?#].*$/, "").replace(/\/*$/, "/");
  return url.startsWith(folder);
}

/**
 * The page's banners. The notification banner's heading id is chosen clear of the page's own heading ids,
 * as the body's headings get ids from their text and one could be any word.
 *
 * @param headingIds The ids of the headings in the page's body.
 */
export function bannersFor(
  page: { url: string; headingIds?: readonly string[] },
  site: Pick<SiteData, "phase" | "notificationBanner">,
  feedbackUrl: string | undefined,
): BannersView {
  const phase = site.phase && { tag: site.phase === "alpha" ? "Alpha" : "Beta", feedbackUrl };
  const banner = site.notificationBanner;
  if (!banner || !inSection(page.url, banner.section)) return { phase };
  const taken = new Set([...TAKEN_IDS, ...(page.headingIds ?? [])]);
  let titleId = TITLE_ID;
  for (let n = 2; taken.has(titleId); n++) titleId = `${TITLE_ID}-${n}`;
  return { phase, notification: { titleText: banner.title, html: banner.html, titleId } };
}
