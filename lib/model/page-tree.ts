import { compareTitles } from "./title-order.ts";

/** The URL of the section a page sits in, or undefined for the home page. */
export const parentUrl = (url: string): string | undefined => (url === "/" ? undefined : url.replace(/[^/]+\/$/, ""));

/** Listing order: pages with an `order` first, lower first; then by title. */
export function byOrderThenTitle(a: { order?: number; title: string }, b: { order?: number; title: string }): number {
  return (a.order ?? Infinity) - (b.order ?? Infinity) || compareTitles(a.title, b.title);
}
