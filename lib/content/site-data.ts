import path from "node:path";
import { z } from "zod";
import { readDataFile } from "./data-file.ts";
import type { PositionedData } from "./positioned-yaml.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { didYouMean } from "./nearest.ts";
import { issuesToDiagnostics } from "./schema-issues.ts";
import { AuthorHtml, Breadcrumb, Href, NavigationItem, SitePath } from "../schema/front-matter.ts";

/** The footer's links when site.json gives none: the pages lib/model/go-live-pages.ts makes. */
export const GO_LIVE_FOOTER_LINKS = [
  { text: "Accessibility statement", href: "/accessibility-statement/" },
  { text: "Cookies", href: "/cookies/" },
  { text: "Privacy", href: "/privacy/" },
];

/** A date written YYYY-MM-DD. */
const IsoDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

/** One known accessibility problem, as the accessibility statement lists it. */
const AccessibilityException = z.object({
  /** What does not work and for whom, in plain words, such as "Some diagrams have no text description, so screen reader users miss what they show." */
  description: z.string().trim().min(1),
  /** The WCAG success criteria it fails, such as `1.1.1`. */
  criteria: z.array(z.string().regex(/^\d\.\d{1,2}\.\d{1,2}$/, "must be a WCAG success criterion number, such as `1.1.1`")).default([]),
  /** `non-compliance` (default: we will fix it), `disproportionate-burden` (fixing it now would cost too much) or `outside-scope` (the regulations do not cover it, such as old PDFs). */
  reason: z.enum(["non-compliance", "disproportionate-burden", "outside-scope"]).default("non-compliance"),
  /** When it will be fixed, as YYYY-MM-DD, or what the plan is. */
  fix: z.string().trim().min(1).optional(),
});

/** site.json `accessibilityStatement`. */
const AccessibilityStatementData = z.object({
  /** Who runs the site, as the statement names them (default: `organisationName`). */
  organisation: z.string().trim().min(1).optional(),
  /** How readers ask for another format or report a problem: an email address, a phone number, or both. Required. */
  contact: z
    .object({
      email: z.string().trim().email().optional(),
      phone: z.string().trim().min(1).optional(),
      /** When the phone line is open, such as "Monday to Friday, 9am to 5pm". */
      hours: z.string().trim().min(1).optional(),
    })
    .optional(),
  /** Working days within which a request gets an answer. Required. */
  responseDays: z.number().int().positive().optional(),
  /** Who enforces the regulations where the organisation is: `ehrc` (England, Scotland and Wales: the Equality and Human Rights Commission, default) or `ecni` (Northern Ireland: the Equality Commission for Northern Ireland). */
  enforcement: z.enum(["ehrc", "ecni"]).default("ehrc"),
  /** `full`, `partial` or `not`: how far the site meets the standard, decided by the people who tested it (automated checks alone cannot show full compliance). Required. */
  compliance: z.enum(["full", "partial", "not"]).optional(),
  /** Known problems, each listed under the statement's "Non-accessible content". */
  exceptions: z.array(AccessibilityException).default([]),
  /** How people tested the site beyond the automated checks, such as "The team tested every page with a keyboard and NVDA in March 2026." */
  manualTesting: z.string().trim().min(1).optional(),
  /** What the organisation is doing to improve accessibility. */
  improvements: z.string().trim().min(1).optional(),
  /** When the statement was first prepared. Required. */
  prepared: IsoDateText.optional(),
  /** When it was last reviewed. */
  reviewed: IsoDateText.optional(),
});

/** site.json `privacy`. */
const PrivacyData = z.object({
  /** Who decides what happens to readers' personal data (the data controller), such as "the Department for Environment, Food and Rural Affairs (Defra)". Required. */
  controller: z.string().trim().min(1).optional(),
  /** Where readers contact the data protection officer. Required. */
  contactEmail: z.string().trim().email().optional(),
  /** Paragraphs, as plain text, saying what personal data the site collects and why, beyond analytics (which the page describes itself). */
  summary: z.array(z.string().trim().min(1)).default([]),
  /** The organisation's full privacy notice or personal information charter, linked from the page. */
  noticeUrl: z.string().url().optional(),
});

/** site.json `analytics`. */
const AnalyticsData = z
  .object({
    /** A Google Analytics 4 measurement id, such as `G-ABC123DEF4`. */
    ga4: z.string().trim().regex(/^G-[A-Z0-9]+$/, "must be a Google Analytics 4 measurement id, such as `G-ABC123DEF4`").optional(),
    /** A Google Tag Manager container id, such as `GTM-AB12CD3`. */
    gtm: z.string().trim().regex(/^GTM-[A-Z0-9]+$/, "must be a Google Tag Manager container id, such as `GTM-AB12CD3`").optional(),
    /** A cookieless analytics script: an https URL, or a path on this site such as `/public/analytics.js`. */
    script: z
      .string()
      .trim()
      .refine((value) => /^https:\/\/[^/]/.test(value) || /^\/(?!\/)/.test(value), "must be an https URL or a path on this site starting with `/`")
      .optional(),
    /** The cookies the analytics sets, for the cookies page (default: Google Analytics' own for `ga4` and `gtm`, none for `script`). */
    cookies: z.array(z.object({ name: z.string().trim().min(1), purpose: z.string().trim().min(1), expires: z.string().trim().min(1) })).optional(),
  })
  .refine((analytics) => [analytics.ga4, analytics.gtm, analytics.script].filter(Boolean).length === 1, {
    message: "must set exactly one of `ga4`, `gtm` or `script`",
  });

/** The site-wide settings editors change: branding, navigation and footer. One file: content/_data/site.json. */
export const SiteData = z.object({
  /** `defra` (default) uses a text logotype and system fonts; `govuk` is only for services on GOV.UK (crown, logotype, GDS Transport). */
  brand: z.enum(["defra", "govuk"]).default("defra"),
  /** The organisation's name in the header logotype (Defra branding). */
  organisationName: z.string().min(1),
  /** The service name in the service navigation. */
  serviceName: z.string().min(1),
  /** The site in one sentence: the meta and link-preview description of every page without one of its own, the made home page's included. */
  description: z.string().trim().min(1).optional(),
  /** Where the service name links to. */
  serviceUrl: Href.default("/"),
  /** Show the main navigation unless a page says otherwise. */
  showMainNavigation: z.boolean().default(true),
  /** The site's main navigation; an item is marked current for pages under its URL. */
  navigation: z.array(NavigationItem).default([]),
  /** Links in the footer's meta area. The default links the site's accessibility statement, cookies and privacy pages, which public sector sites must have; a list here replaces them. */
  footerLinks: z.array(NavigationItem).default(GO_LIVE_FOOTER_LINKS),
  /** The browser theme colour. */
  themeColour: z.string().regex(/^#[0-9a-f]{6}$/i).default("#00703c"),
  /** The site's public URL without the path prefix, for absolute links such as the sitemap. */
  url: z.string().url(),
  /** The source repository, for "Edit this page" links. `contentPath` is where the content folder sits in it, such as `src/content` (default: `content`). */
  repository: z
    .object({
      url: z.string().url(),
      branch: z.string().default("main"),
      contentPath: z.string().trim().min(1).optional(),
    })
    .optional(),
  /** The organisation's logo in the header: an image in content/public, such as `/images/logo.svg`. Without it the header shows `organisationName` as a text logotype. */
  logo: z
    .object({
      /** The image's path on the site. */
      src: Href,
      /** Its alternative text; the default is empty, as the organisation's name is read out with the service name. */
      alt: z.string().default(""),
    })
    .optional(),
  /** The navigation pages show when they neither show the main navigation (`showMainNavigation`) nor set `customNav`. */
  serviceNavigation: z.array(NavigationItem).default([]),
  /** Links left out of every navigation bar (`navigation`, `serviceNavigation` and pages' `customNav`), by href, such as `/ai-toolkit/projects` for a page not yet published: the lists can keep the link for when it is, and no page links to a page that is not there. A path leaves out every link to it, with or without a trailing slash, `#` or `?`. */
  hiddenFromNavigation: z.array(z.string().trim().min(1)).default([]),
  /** The trail above pages that set no breadcrumbs, before the page's own title, such as "Digital Defra › Digital service manual". Without it, breadcrumbs follow the URL's ancestry. */
  breadcrumbTrail: z.array(Breadcrumb).optional(),
  /** The size of the caption above each page's h1: `xl` (default), `l` or `m`. */
  captionSize: z.enum(["xl", "l", "m"]).default("xl"),
  /** Whether the header has a search box (default true). */
  headerSearch: z.boolean().default(true),
  /** The footer's "maintained by" line, as HTML (links allowed). */
  maintainedBy: AuthorHtml.optional(),
  /** Hosts only people on the organisation's network can reach, such as `defra.sharepoint.com`. Links to them (or their subdomains) go through a page saying so first. */
  internalDomains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+$/, "must be a host name, such as `defra.sharepoint.com`")).default([]),
  /** What readers of a form page (a question, check your answers) should do instead, as a static site cannot send forms: a link such as `mailto:team@example.gov.uk`. */
  formAlternative: z.object({ text: z.string().trim().min(1), href: Href }).optional(),
  /** Asks readers for feedback on every content page: "Report a problem with this page" opens a new issue in `repository` (or an email to `email`) with the page's title and address filled in. Leave it out for no feedback links. */
  feedback: z
    .object({
      /** Where reports go instead of the repository's issues: an email address, such as `team@example.gov.uk`. */
      email: z.string().trim().email("must be an email address, such as `team@example.gov.uk`").optional(),
      /** Whether pages also ask "Is this page useful?", with Yes and No links that open a report saying so (default false). */
      pageUseful: z.boolean().default(false),
    })
    .optional(),
  /** The service's phase, shown in a phase banner under the header on every page, with a link to give feedback when `feedback` is set: `alpha` or `beta`. Leave it out once the service is live. */
  phase: z.enum(["alpha", "beta"]).optional(),
  /** A notification banner at the top of the main content: on every page, or only on pages under `section`. */
  notificationBanner: z
    .object({
      /** The banner's heading (default "Important"). */
      title: z.string().trim().min(1).default("Important"),
      /** What the banner says, as HTML (links allowed). No h1: the page's title is its only h1. */
      html: AuthorHtml.refine((html) => !/<h1[\s>/]/i.test(html), "must not hold an <h1>: the page's title is its only h1; use <p class=\"govuk-notification-banner__heading\">"),
      /** Show the banner only on pages under this path, such as `/product-and-delivery/` (default: every page). */
      section: SitePath.optional(),
    })
    .optional(),
  /** The image link previews show (Open Graph and Twitter cards) when a page is shared: an image in content/public, ideally 1200 by 630 pixels. */
  openGraphImage: z
    .object({
      /** The image's path on the site, such as `/public/images/share.png`. */
      src: SitePath,
      /** What the image shows, for people who cannot see it. */
      alt: z.string().trim().min(1),
    })
    .optional(),
  /** What the accessibility statement at /accessibility-statement/ says beyond what the build knows (the checks it runs). A content page at that address replaces the statement. */
  accessibilityStatement: AccessibilityStatementData.optional(),
  /** What the privacy notice at /privacy/ says. A content page at that address replaces it. */
  privacy: PrivacyData.optional(),
  /** Analytics, loaded only after a reader accepts analytics cookies: exactly one of `ga4`, `gtm` or `script`. Without it the site has no cookie banner and its cookies page says it sets no cookies. */
  analytics: AnalyticsData.optional(),
  /** How Markdown is rendered. The defaults are the Defra service manual's. */
  markdown: z
    .object({
      /** The size of a body's h1 (`#`); each level below is one size smaller: `l` (default: h2 is medium), `xl` or `m`. */
      headingsStartWith: z.enum(["xl", "l", "m"]).default("l"),
      /** Whether a single line break in a paragraph is kept as a line break (default true). */
      breaks: z.boolean().default(true),
      /** Whether 1/2, 1/4, +-, << and >> become ½, ¼, ±, « and » (default true). */
      calvert: z.boolean().default(true),
      /** Whether govspeak callouts (`^ information ^`, `% warning %`, `$E example $E`, `$A address $A`) are read (default true). */
      govspeak: z.boolean().default(true),
      /** Whether straight quotes and dashes become typographic ones (“ ” ‘ ’ – —) and (c) becomes ©, outside code (default false). */
      typographer: z.boolean().default(false),
      /** `auto` (default) opens pages with 3 or more h2 headings with a "Contents" list, unless the page has one of its own; `off` never adds one. */
      contents: z.enum(["auto", "off"]).default("auto"),
    })
    .default({ headingsStartWith: "l", breaks: true, calvert: true, govspeak: true, typographer: false, contents: "auto" }),
});
export type SiteData = z.infer<typeof SiteData>;

/**
 * Settings that stand in for a site.json with errors, so every page can still be checked and all
 * problems are reported at once. The errors themselves stop the build, so these are never published.
 */
const STAND_IN: SiteData = SiteData.parse({ organisationName: "Site", serviceName: "Site", url: "https://example.invalid" });

/**
 * Reads and validates content/_data/site.json. Problems are diagnostics naming the file, line and
 * field, as for pages, never a thrown error: with any error, `site` holds stand-in settings.
 */
export async function loadSiteData(
  absolutePath: string,
  projectRoot = process.cwd(),
): Promise<{ site: SiteData; file: string; diagnostics: Diagnostic[]; lineOf: PositionedData["lineOf"] }> {
  const file = path.relative(projectRoot, absolutePath);
  const { value, diagnostics } = await readDataFile(absolutePath, file);
  if (!value) {
    if (!diagnostics.length) diagnostics.push({ severity: "error", file, message: "is missing: every site needs its settings (organisationName, serviceName, url) in this file" });
    return { site: STAND_IN, file, diagnostics, lineOf: () => undefined };
  }
  const known = Object.keys(SiteData.shape);
  for (const key of Object.keys(value.data as object)) {
    if (!known.includes(key)) diagnostics.push({ severity: "warning", file, line: value.lineOf([key]), field: key, message: `is not a setting this site uses, so it is ignored${didYouMean(key, known)}` });
  }
  const result = SiteData.safeParse(value.data);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(value.data, result.error.issues, (fieldPath) => ({ file, line: value.lineOf(fieldPath) })));
    return { site: STAND_IN, file, diagnostics, lineOf: value.lineOf };
  }
  if (result.data.feedback && !result.data.feedback.email && !result.data.repository)
    diagnostics.push({
      severity: "error",
      file,
      line: value.lineOf(["feedback"]),
      field: "feedback",
      message: "has nowhere to send reports: give it an `email`, or set `repository` for GitHub issues",
    });
  return { site: result.data, file, diagnostics, lineOf: value.lineOf };
}
