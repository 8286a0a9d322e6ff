import type { SiteData } from "../content/site-data.ts";
import { analyticsFor, type AnalyticsView } from "./cookies.ts";

/** What layouts/site-files/privacy.njk draws. */
export interface PrivacyView {
  controller?: string;
  contactEmail?: string;
  summary: string[];
  noticeUrl?: string;
  organisation: string;
  /** The analytics readers may agree to, which the notice must describe. */
  analytics?: AnalyticsView;
}

export function privacyView(site: Pick<SiteData, "privacy" | "organisationName" | "analytics">): PrivacyView {
  return {
    controller: site.privacy?.controller,
    contactEmail: site.privacy?.contactEmail,
    summary: site.privacy?.summary ?? [],
    noticeUrl: site.privacy?.noticeUrl,
    organisation: site.organisationName,
    analytics: analyticsFor(site.analytics),
  };
}

/** The fields the privacy notice needs that site.json leaves out, as dotted paths. */
export function missingPrivacyFields(site: Pick<SiteData, "privacy">): string[] {
  const missing: string[] = [];
  if (!site.privacy?.controller) missing.push("privacy.controller");
  if (!site.privacy?.contactEmail) missing.push("privacy.contactEmail");
  return missing;
}
