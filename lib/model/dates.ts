/** A date as YYYY-MM-DD, in UTC: what <time datetime>, sitemaps and front matter write. */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
