import { z } from "zod";

/** The layouts an editor may name, each a file in layouts/ of the same name. */
export const LAYOUTS = ["two-thirds", "section", "full-width"] as const;
export type LayoutName = (typeof LAYOUTS)[number];

const SAFE_URL = /^(?:https?:\/\/|mailto:|tel:|\/(?!\/)|#|\.{0,2}\/|[^:\/?#]+(?:[\/?#]|$))/i;

/** A link target: a path on this site, a fragment, or an http(s), mailto or tel URL. Never `javascript:` or `data:`. */
export const Href = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .refine((href) => SAFE_URL.test(href) && !/^\s*(?:javascript|data|vbscript|file):/i.test(href), {
    message: "must be a path on this site or an http(s), mailto or tel URL",
  });

/** A calendar date, written YYYY-MM-DD. */
export const CalendarDate = z.preprocess((value) => {
  if (value instanceof Date) return value;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    return new Date(value.trim().length === 10 ? `${value.trim()}T00:00:00Z` : value.trim());
  }
  return value;
}, z.date({ error: "must be a date written YYYY-MM-DD" }).refine((date) => !Number.isNaN(date.getTime()), "must be a real date"));

/** One breadcrumb. The item without `href` is the current page. */
export const Breadcrumb = z.object({
  /** The link text. */
  text: z.string().trim().min(1),
  /** Where the crumb leads. Leave it out for the current page. */
  href: Href.optional(),
});

/** A link in a navigation list. */
export const NavigationItem = z.object({
  /** The link text. */
  text: z.string().trim().min(1),
  /** Where the link leads. */
  href: Href,
});

/** A titled group of links in a section's navigation. */
export const NavigationGroup = z.object({
  /** The group's heading. */
  title: z.string().trim().min(1).optional(),
  /** The links in this group. */
  items: z.array(NavigationItem).min(1),
});

/** An aside of contact details beside (or below) the content. Its HTML is trusted: see the README's trust model. */
export const SupportBox = z.object({
  /** The aside's heading. */
  title: z.string().trim().min(1),
  /** HTML shown under the heading. */
  description: z.string().optional(),
  /** HTML list items, such as email addresses. */
  items: z.array(z.string()).optional(),
});

/** One entry in the page's change history. */
export const ChangeNote = z.object({
  /** When the change was published. */
  date: CalendarDate,
  /** What changed, in a sentence. */
  note: z.string().trim().min(1),
});

/** Front matter a page in content/ may set, in the site's own dialect. */
export const FrontMatter = z.object({
  /** The page's name: its `<title>`, its h1 and its label in navigation. Required. */
  title: z.string().trim().min(1, "must not be empty"),
  /** A short label shown above the h1, such as the section's name. */
  caption: z.string().trim().min(1).optional(),
  /** One sentence summing up the page: the lede under the h1 and the meta description. */
  description: z.string().trim().min(1).optional(),
  /** `two-thirds` (default: reading width), `section` (section navigation beside the content) or `full-width`. */
  layout: z.enum(LAYOUTS).optional(),
  /** The trail of links above the page. Without it, breadcrumbs follow the URL's ancestry. */
  breadcrumbs: z.array(Breadcrumb).optional(),
  /** The service name shown in the service navigation. Defaults to the site's. */
  headerServiceName: z.string().trim().min(1).optional(),
  /** Whether the site's main navigation shows in the service navigation. */
  showMainNavigation: z.boolean().optional(),
  /** The heading of the section navigation (with `layout: section`). */
  sectionTitle: z.string().trim().min(1).optional(),
  /** The section navigation's grouped links (with `layout: section`). */
  sectionNav: z.array(NavigationGroup).optional(),
  /** A support aside with a heading, HTML description and HTML items. */
  supportBox: SupportBox.optional(),
  /** The date the page was first published. */
  published: CalendarDate.optional(),
  /** The date the page last changed in a way readers should know about. */
  lastUpdated: CalendarDate.optional(),
  /** Notable changes, newest first. */
  changeHistory: z.array(ChangeNote).optional(),
  /** Position among its siblings in listings. Lower comes first; then title. */
  order: z.number().int().optional(),
  /** Whether an index page lists the pages under it. Defaults to true for index pages. */
  listChildren: z.boolean().optional(),
});
export type FrontMatter = z.infer<typeof FrontMatter>;
export type BreadcrumbItem = z.infer<typeof Breadcrumb>;
export type NavigationGroupItem = z.infer<typeof NavigationGroup>;
