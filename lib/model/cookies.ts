import type { SiteData } from "../content/site-data.ts";

/** The cookie that remembers a reader's choice; the banner and the cookies page read and write it. */
export const CONSENT_COOKIE = { name: "cookies_policy", expiresDays: 365 };

/** Which analytics the site loads after consent, as assets/js/cookie-consent.js reads it from data attributes. */
export interface AnalyticsView {
  kind: "ga4" | "gtm" | "script";
  /** The measurement or container id, or the script's address. */
  value: string;
  /** The origins the Content-Security-Policy must allow for it, by directive. */
  origins: Partial<Record<"script-src" | "connect-src" | "img-src", string[]>>;
}

/** One row of the cookies page's tables. */
export interface CookieRow {
  name: string;
  purpose: string;
  expires: string;
}

export interface CookiesView {
  /** Undefined when site.json configures none: then there is no banner and the site sets no cookies. */
  analytics?: AnalyticsView;
  essential: CookieRow[];
  analyticsCookies: CookieRow[];
  consentCookie: string;
}

// Google's published list of the hosts its tags reach, for a Content-Security-Policy:
// https://developers.google.com/tag-platform/security/guides/csp
const GOOGLE_ORIGINS = {
  "script-src": ["https://www.googletagmanager.com"],
  "connect-src": ["https://*.google-analytics.com", "https://*.analytics.google.com", "https://*.googletagmanager.com"],
  "img-src": ["https://*.google-analytics.com", "https://*.googletagmanager.com"],
};

// Google Analytics 4's own cookies: https://support.google.com/analytics/answer/11397207
const GOOGLE_ANALYTICS_COOKIES: CookieRow[] = [
  {
    name: "_ga",
    purpose: "Tells one visitor from another, so we can count how many people use the site",
    expires: "2 years",
  },
  {
    name: "_ga_<id>",
    purpose: "Keeps track of a visit, so we can see which pages people use in one visit",
    expires: "2 years",
  },
];

/** The analytics site.json configures, with the origins it needs; none when it configures none. */
export function analyticsFor(analytics: SiteData["analytics"]): AnalyticsView | undefined {
  if (!analytics) return undefined;
  if (analytics.ga4) return { kind: "ga4", value: analytics.ga4, origins: GOOGLE_ORIGINS };
  if (analytics.gtm) return { kind: "gtm", value: analytics.gtm, origins: GOOGLE_ORIGINS };
  if (!analytics.script) return undefined;
  // A script on the site itself needs nothing more than 'self'; one elsewhere usually reports to its own origin.
  const origin = /^https:/.test(analytics.script) ? new URL(analytics.script).origin : undefined;
  return {
    kind: "script",
    value: analytics.script,
    origins: origin ? { "script-src": [origin], "connect-src": [origin] } : {},
  };
}

/** The cookies page's view, and what the banner needs. */
export function cookiesView(site: Pick<SiteData, "analytics">): CookiesView {
  const analytics = analyticsFor(site.analytics);
  return {
    analytics,
    consentCookie: CONSENT_COOKIE.name,
    essential: analytics
      ? [
          {
            name: CONSENT_COOKIE.name,
            purpose: "Remembers whether you accepted or rejected analytics cookies",
            expires: "1 year",
          },
        ]
      : [],
    analyticsCookies: analytics
      ? (site.analytics?.cookies ?? (analytics.kind === "script" ? [] : GOOGLE_ANALYTICS_COOKIES))
      : [],
  };
}
