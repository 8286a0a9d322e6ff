import { isoDate } from "./dates.ts";

/** How current a page is: when it was last reviewed, when it is due again, and by whom. */
export interface ReviewView {
  lastReviewed: Date;
  reviewDue: Date;
  owner?: string;
  /** The due date has passed. */
  overdue: boolean;
  /** Due today or within the next 30 days. */
  dueSoon: boolean;
}

/** The review period when front matter gives `lastReviewed` without `reviewIn`. */
export const DEFAULT_REVIEW_INTERVAL = "6 months";
/** How far ahead a review counts as due soon. */
export const DUE_SOON_DAYS = 30;

const DAY = 24 * 60 * 60 * 1000;

/**
 * A calendar date plus an interval such as "6 months" or "2 weeks". Months and years keep the
 * day of the month where they can, and otherwise fall back to the month's last day (31 August + 6 months
 * is 28 or 29 February), the way people count review periods.
 */
export function addInterval(date: Date, interval: string): Date {
  const match = /^(\d+) (day|week|month|year)s?$/i.exec(interval.trim());
  if (!match) throw new Error(`"${interval}" is not an interval such as "6 months"`);
  const amount = Number(match[1]);
  const unit = match[2].toLowerCase();
  if (unit === "day" || unit === "week") return new Date(date.getTime() + amount * (unit === "week" ? 7 : 1) * DAY);
  const months = unit === "year" ? amount * 12 : amount;
  const firstOfTarget = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), lastDay)));
}

/** Whole days from `today` to `date`: negative once the date has passed. */
export const daysUntil = (date: Date, today: Date): number => Math.round((date.getTime() - today.getTime()) / DAY);

/** A page's review state on `today`, or undefined when its front matter gives no `lastReviewed`. */
export function reviewOf(
  page: { lastReviewed?: Date; reviewIn?: string; owner?: string },
  today: Date,
): ReviewView | undefined {
  if (!page.lastReviewed) return undefined;
  const reviewDue = addInterval(page.lastReviewed, page.reviewIn ?? DEFAULT_REVIEW_INTERVAL);
  const days = daysUntil(reviewDue, today);
  return {
    lastReviewed: page.lastReviewed,
    reviewDue,
    owner: page.owner,
    overdue: days < 0,
    dueSoon: days >= 0 && days <= DUE_SOON_DAYS,
  };
}

/** One line of the review report. */
export interface ReviewReportRow {
  status: "overdue" | "due soon";
  url: string;
  title: string;
  file: string;
  /** null when the page names no owner. */
  owner: string | null;
  lastReviewed: string;
  reviewDue: string;
  /** Negative when overdue. */
  daysUntilDue: number;
}

/** The pages that are overdue or due within 30 days, most overdue first. */
export function reviewReport(
  pages: { url: string; title: string; file: string; review?: ReviewView }[],
  today: Date,
): ReviewReportRow[] {
  return pages
    .flatMap((page) => {
      const review = page.review;
      if (!review || !(review.overdue || review.dueSoon)) return [];
      return [
        {
          status: review.overdue ? ("overdue" as const) : ("due soon" as const),
          url: page.url,
          title: page.title,
          file: page.file,
          owner: review.owner ?? null,
          lastReviewed: isoDate(review.lastReviewed),
          reviewDue: isoDate(review.reviewDue),
          daysUntilDue: daysUntil(review.reviewDue, today),
        },
      ];
    })
    .sort((a, b) => a.daysUntilDue - b.daysUntilDue || a.url.localeCompare(b.url));
}
