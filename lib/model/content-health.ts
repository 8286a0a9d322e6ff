import { govukDate } from "../eleventy/filters/govuk-date.ts";
import { absoluteUrl } from "./absolute-url.ts";
import { isoDate } from "./dates.ts";
import { DUE_SOON_DAYS, daysUntil, reviewReport, type ReviewView } from "./review.ts";
import type { GeneratedPageView } from "./generated-pages.ts";

/** Where the site publishes how current each page is, for people and for scripts. */
export const CONTENT_HEALTH_URLS = { page: "/content-health/", api: "/api/pages.json" } as const;

/**
 * How a page stands, most urgent first: a page overdue and without an owner is "overdue". A page whose
 * front matter gives no `lastReviewed` has no review date to be overdue against, so it is not "ok" either.
 */
export type ContentHealthState = "overdue" | "due soon" | "no owner" | "no review date" | "ok";

const STATE_ORDER: ContentHealthState[] = ["overdue", "due soon", "no owner", "no review date", "ok"];

/** One page's row on the content health page and in /api/pages.json. */
export interface ContentHealthRow {
  url: string;
  /** The page on the published site, path prefix included. */
  absoluteUrl: string;
  title: string;
  file: string;
  /** null when the page names no owner. */
  owner: string | null;
  /** YYYY-MM-DD, or null when the page was never reviewed. */
  lastReviewed: string | null;
  reviewDue: string | null;
  /** Negative when overdue; null without a review date. */
  daysUntilDue: number | null;
  state: ContentHealthState;
}

/** What the content health page shows and /api/pages.json holds. */
export interface ContentHealthView {
  today: string;
  dueSoonDays: number;
  /** How many pages are in each state, in STATE_ORDER. */
  counts: { state: ContentHealthState; count: number }[];
  /** Every page, most urgent first, then by URL. */
  pages: ContentHealthRow[];
}

/**
 * Every page's review state on `today`. Overdue and due-soon pages are exactly the rows of the review
 * report (`npm run report:review`), taken from reviewReport, so the page, the API and the report cannot
 * disagree about which pages need review.
 */
export function contentHealth(
  pages: readonly { url: string; title: string; file: string; owner?: string; review?: ReviewView }[],
  today: Date,
  site: { url: string; pathPrefix: string },
): ContentHealthView {
  const due = new Map(reviewReport([...pages], today).map((row) => [row.url, row]));
  const rows = pages.map((page): ContentHealthRow => {
    const review = page.review;
    const owner = review?.owner ?? page.owner ?? null;
    const reported = due.get(page.url);
    const state: ContentHealthState = reported
      ? reported.status
      : !owner
        ? "no owner"
        : !review
          ? "no review date"
          : "ok";
    return {
      url: page.url,
      absoluteUrl: absoluteUrl(page.url, site.url, site.pathPrefix),
      title: page.title,
      file: page.file,
      owner,
      lastReviewed: review ? isoDate(review.lastReviewed) : null,
      reviewDue: review ? isoDate(review.reviewDue) : null,
      daysUntilDue: review ? daysUntil(review.reviewDue, today) : null,
      state,
    };
  });
  rows.sort(
    (a, b) =>
      STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
      (a.daysUntilDue ?? Infinity) - (b.daysUntilDue ?? Infinity) ||
      a.url.localeCompare(b.url),
  );
  return {
    today: isoDate(today),
    dueSoonDays: DUE_SOON_DAYS,
    counts: STATE_ORDER.map((state) => ({ state, count: rows.filter((row) => row.state === state).length })),
    pages: rows,
  };
}

/** Each state's GOV.UK tag colour: red and yellow need action soonest. */
const TAG_COLOURS: Record<ContentHealthState, string> = {
  overdue: "red",
  "due soon": "yellow",
  "no owner": "orange",
  "no review date": "grey",
  ok: "green",
};

/** A row as the page shows it: dates written the GOV.UK way beside the machine-readable ones. */
export interface ContentHealthShownRow extends ContentHealthRow {
  lastReviewedText?: string;
  reviewDueText?: string;
  tagClasses: string;
}

const shownDate = (date: string | null) => (date ? govukDate(new Date(`${date}T00:00:00Z`)) : undefined);

/** The content health page and the API beside it, as the generated pages hold them. */
export interface ContentHealthPages {
  /**
   * In the sitemap, so every build's accessibility check visits it; not in the site's own search, which
   * indexes content pages only: a list of review dates would crowd the guidance out of results.
   */
  contentHealth: GeneratedPageView & { health: ContentHealthView; todayText: string; rows: ContentHealthShownRow[] };
  pagesApi: ContentHealthView;
}

/** Both views from one computation, so the page and the JSON always show the same rows. */
export function contentHealthPages(
  pages: Parameters<typeof contentHealth>[0],
  today: Date,
  site: { url: string; pathPrefix: string },
  view: (page: { url: string; title: string; description?: string; noindex?: boolean }) => GeneratedPageView,
): ContentHealthPages {
  const health = contentHealth(pages, today, site);
  return {
    contentHealth: {
      ...view({
        url: CONTENT_HEALTH_URLS.page,
        title: "Content health",
        description: "Who owns each page, when it was last reviewed and when it is due again.",
      }),
      health,
      todayText: govukDate(today),
      rows: health.pages.map((row) => ({
        ...row,
        lastReviewedText: shownDate(row.lastReviewed),
        reviewDueText: shownDate(row.reviewDue),
        tagClasses: `govuk-tag--${TAG_COLOURS[row.state]}`,
      })),
    },
    pagesApi: health,
  };
}
