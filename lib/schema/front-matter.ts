import { z } from "zod";
import { findUnsafeHtml } from "../safety/author-html.ts";
import { decodeSitePathSegments, hrefProblem, type DecodedPathFault } from "../safety/url-safety.ts";

/** The layouts an editor may name, each a file in layouts/ of the same name. */
export const LAYOUTS = [
  "two-thirds",
  "section",
  "full-width",
  // The Defra service manual app's layouts, each drawn as a static page showing what the app shows.
  "article",
  "side-nav",
  "hub",
  "tool",
  "radar-table",
  "radar-diagram",
  "triage",
  "question",
  "check-your-answers",
  "confirmation",
  "delivery-groups",
] as const;
export type LayoutName = (typeof LAYOUTS)[number];

/** A link target: a path on this site, a fragment, or an http(s), mailto or tel URL. Never `javascript:` or `data:`. */
export const Href = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .superRefine((href, context) => {
    const message = hrefProblem(href);
    if (message) context.addIssue({ code: "custom", message });
  });

/** A calendar date, written YYYY-MM-DD (a time after it, as Jekyll writes `date: 2022-05-30 10:00:00 +0000`, is read too). */
export const CalendarDate = z.preprocess(
  (value) => {
    if (value instanceof Date) return value;
    if (
      typeof value === "string" &&
      /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+ ?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
    ) {
      const date = new Date(value.trim().length === 10 ? `${value.trim()}T00:00:00Z` : value.trim());
      // JavaScript rolls 2025-02-30 over to 2 March; a date that does not exist is an error instead.
      return value.trim().length === 10 && date.getTime() && date.toISOString().slice(0, 10) !== value.trim()
        ? new Date(Number.NaN)
        : date;
    }
    return value;
  },
  z
    .date({ error: "must be a date written YYYY-MM-DD" })
    .refine((date) => !Number.isNaN(date.getTime()), "must be a real date"),
);

const SITE_PATH_MESSAGE = "must be a path on this site starting with /, such as /old-page/";

/**
 * What is wrong with a path on this site, or undefined. The redirect page is written at this path,
 * so a `..` segment (written or percent-encoded) would climb out of the folder it names.
 */
function sitePathProblem(path: string): string | undefined {
  if (!path.startsWith("/") || /[?#]/.test(path)) return SITE_PATH_MESSAGE;
  const linkProblem = hrefProblem(path, SITE_PATH_MESSAGE);
  if (linkProblem) return linkProblem;
  const decoded = decodeSitePathSegments(path);
  if (!("fault" in decoded)) return undefined;
  return `${SITE_PATH_MESSAGE}: ${SITE_PATH_FAULTS[decoded.fault]}`;
}

const SITE_PATH_FAULTS: Record<DecodedPathFault, string> = {
  malformed: "it has a % that does not start an escape such as %20",
  "dot-segment": "it has a . or .. part, which leads somewhere else; write the whole path",
  "unsafe-character": "it has an escaped backslash or control character",
};

/** A path on this site, such as `/old-page/`: no `..` parts, backslashes, spaces or control characters. */
export const SitePath = z
  .string()
  .trim()
  .superRefine((path, context) => {
    const message = sitePathProblem(path);
    if (message) context.addIssue({ code: "custom", message });
  });

/** A review period: a whole number of days, weeks, months or years, such as "6 months". */
export const ReviewInterval = z
  .string()
  .trim()
  .regex(/^\d+ (?:day|week|month|year)s?$/i, 'must be a number and a unit, such as "6 months", "1 year" or "2 weeks"');

/**
 * HTML written by an editor. Trusted for markup, but never for code: script elements, embedded
 * documents, event-handler attributes and javascript: URLs are errors (README, "Trust model"). Each
 * field must also close what it opens, or the page after it would read differently from the field alone.
 */
export const AuthorHtml = z.string().superRefine((html, context) => {
  for (const problem of findUnsafeHtml(html))
    context.addIssue({ code: "custom", message: problem.message, params: { omitFound: true } });
});

/** The name of a list in content/_data/navigation.yaml or navigation.json, such as `product-and-delivery`. */
export const NavigationKey = z.string().trim().min(1, "must not be empty");

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
  description: AuthorHtml.optional(),
  /** HTML list items, such as email addresses. */
  items: z.array(AuthorHtml).optional(),
});

/** One entry in the page's change history. */
export const ChangeNote = z.object({
  /** When the change was published. */
  date: CalendarDate,
  /** What changed, in a sentence. */
  note: z.string().trim().min(1),
});

/** A tool's place on the tools radar: how far Defra has got with it. */
export const TOOL_STATUSES = ["using", "trialling", "exploring"] as const;
/** A tool's quadrant on the tools radar. */
export const TOOL_CATEGORIES = ["assistant", "platform", "framework", "extension"] as const;

/** A GOV.UK tag colour, as `govuk-tag--<colour>` takes it. `blue` is the tag's own colour; `light-blue`, which GOV.UK Frontend 6 dropped, is shown teal. */
export const TagColour = z.enum([
  "grey",
  "green",
  "turquoise",
  "teal",
  "blue",
  "light-blue",
  "purple",
  "magenta",
  "pink",
  "red",
  "orange",
  "yellow",
]);

/** A figure at the top of a hub page, linking to where it comes from. */
export const StatCard = z.object({
  /** The figure, such as `12`. */
  number: z.union([z.string().trim().min(1), z.number()]),
  /** What the figure counts. */
  label: z.string().trim().min(1),
  /** A line under the label. */
  description: z.string().trim().min(1).optional(),
  /** Where the card leads. */
  href: Href,
});

/** A card in a hub section: a link with a line about it and an optional tag. */
export const HubCard = z.object({
  /** The card's h3 and link text. */
  text: z.string().trim().min(1),
  /** Where the card leads. */
  href: Href,
  /** A line about the page it leads to. */
  description: z.string().trim().min(1).optional(),
  /** A short label shown as a GOV.UK tag under the card, such as `New`. */
  tag: z.string().trim().min(1).optional(),
  /** The tag's colour (default green). */
  tagColour: TagColour.optional(),
});

/** A titled group of cards on a hub page. */
export const HubSection = z.object({
  /** The section's h2. */
  title: z.string().trim().min(1),
  /** A paragraph under the heading. */
  description: z.string().trim().min(1).optional(),
  /** The section's cards. */
  items: z.array(HubCard).min(1),
});

/** A link in a page's related content. An internal link is written as a path on this site, such as `/accessibility/`. */
export const RelatedLink = z.object({
  /** The link text. */
  text: z.string().trim().min(1),
  /** Where the link leads. */
  href: Href,
});

/** A titled group of related links, as the GOV.UK Eleventy plugin's `related.sections` writes them. */
export const RelatedSection = z.object({
  /** The group's heading. */
  title: z.string().trim().min(1),
  /** The group's links. */
  items: z.array(RelatedLink).min(1),
});

/** A card on a triage start page. */
export const TriageCard = z.object({
  /** The card's heading and link text. */
  text: z.string().trim().min(1),
  /** Where the card leads. */
  href: Href,
  /** A line about the page it leads to. */
  description: z.string().trim().min(1).optional(),
});

/** One answer a radio question offers. */
export const QuestionOption = z.object({
  /** The answer as the reader sees it. */
  text: z.string().trim().min(1),
});

/** Front matter a page in content/ may set, in the site's own dialect. */
export const FrontMatter = z
  .object({
    /** The page's name: its `<title>`, its h1 and its label in navigation. Required. */
    title: z.string().trim().min(1, "must not be empty"),
    /** A short label shown above the h1, such as the section's name. */
    caption: z.string().trim().min(1).optional(),
    /** One sentence summing up the page: the lede under the h1, the meta description and its summary in listings. */
    description: z.string().trim().min(1).optional(),
    /** `true` leaves the description off the page, as the body opens with a lede of its own; it is still the meta description and the summary in listings. */
    descriptionInBody: z.boolean().optional(),
    /** How the page is laid out: `two-thirds` (default: reading width), `article` (the same), `section` (section navigation beside the content), `side-nav` (navigation in a quarter beside the content), `full-width`, `hub` (figures and groups of cards), `triage` (a banner with a start button, then cards), `delivery-groups` (a tile for each page below it), `question`, `check-your-answers` and `confirmation` (the pages of a form, which say a static site cannot send it), or the tools radar's `tool`, `radar-table` and `radar-diagram`. */
    layout: z.enum(LAYOUTS).optional(),
    /** The trail of links above the page. Without it, breadcrumbs follow the URL's ancestry. */
    breadcrumbs: z.array(Breadcrumb).optional(),
    /** Another name for `breadcrumbs`, as the Defra service manual writes it. Set one or the other. */
    breadcrumbItems: z.array(Breadcrumb).optional(),
    /** The service name shown in the service navigation. Defaults to the site's. */
    headerServiceName: z.string().trim().min(1).optional(),
    /** Where the service name in the service navigation links to. Defaults to the site's `serviceUrl`. */
    headerServiceUrl: Href.optional(),
    /** Whether the site's main navigation shows in the service navigation. */
    showMainNavigation: z.boolean().optional(),
    /** Links shown in the service navigation instead of the site's main navigation: a list of `text` and `href`, or the name of a list of links in content/_data/navigation.yaml (or under `customNav` in navigation.json). */
    customNav: z.union([NavigationKey, z.array(NavigationItem)]).optional(),
    /** `true` leaves out the service navigation (the service name and its links) on this page. */
    hideServiceNavigation: z.boolean().optional(),
    /** The section's name, for breadcrumbs (with `layout: section`). Not shown above the section navigation, as in the Defra app. */
    sectionTitle: z.string().trim().min(1).optional(),
    /** The section navigation (with `layout: section` or `side-nav`): a list of groups of links, each under an optional group title, or the name of a list of groups in content/_data/navigation.yaml (or under `sectionNav` in navigation.json). A `side-nav` page without it shows the site's main navigation. */
    sectionNav: z.union([NavigationKey, z.array(NavigationGroup)]).optional(),
    /** `true` makes the section navigation (with `layout: section` or `side-nav`) from the pages in the folder, so a new page there shows in it without editing a list: the folder's index page and its pages in listing order (`order`, then title), then each folder below as a group of its own pages under its index page's title. Set in a folder's defaults, the navigation is that folder's for every page below it; set on a page, it is the page's own folder's. A `sectionNav` written nearer the page (on the page, or in the defaults of a folder nearer it) wins; `false` in a folder below turns it off there. A separate field, so a `sectionNav` list may be called anything, `auto` too. */
    sectionNavFromFolder: z.boolean().optional(),
    /** A support aside with a heading, HTML description and HTML items. */
    supportBox: SupportBox.optional(),
    /** The date the page was first published. */
    published: CalendarDate.optional(),
    /** The date the page last changed in a way readers should know about. */
    lastUpdated: CalendarDate.optional(),
    /** Notable changes, newest first. */
    changeHistory: z.array(ChangeNote).optional(),
    /** Topics the page is about, such as `service ownership`. Each tag gets a page listing the pages that carry it. */
    tags: z.array(z.string().trim().min(1, "must not be empty")).optional(),
    /** Where the page was first published, for pages brought in from elsewhere. Shown on the page as "Source:" and a link. */
    source: Href.optional(),
    /** Other names for the page. A wiki link (`[[name]]`) to any of them, or to the title or file name, leads here. */
    aliases: z.array(z.string().trim().min(1, "must not be empty")).optional(),
    /** Position among its siblings in listings. Lower comes first; then title. */
    order: z.number().int().optional(),
    /** Whether an index page lists the pages under it. Defaults to true for index pages. */
    listChildren: z.boolean().optional(),
    /** `true` keeps the page out of `npm run build`; the dev server (`npm start`) still shows it. */
    draft: z.boolean().optional(),
    /** `true` asks search engines not to list the page (`<meta name="robots" content="noindex">`) and leaves it out of the sitemap, the feed and the site's search. It is still published and linked. */
    noindex: z.boolean().optional(),
    /** Old paths of this page, such as `/old-name/`. Each gets a page that sends readers here. */
    redirectFrom: z.array(SitePath).optional(),
    /** When the page's content was last checked to be right. */
    lastReviewed: CalendarDate.optional(),
    /** How long after `lastReviewed` the page is due for review, such as "6 months", "1 year" or "2 weeks". Defaults to 6 months. */
    reviewIn: ReviewInterval.optional(),
    /** The team or role that keeps the page right, named in the review note. */
    owner: z.string().trim().min(1).optional(),
    /** Whether a "Contents" list of the h2 headings opens the page. Defaults to on for pages with 3 or more. */
    contents: z.boolean().optional(),
    /** On a section's index page: gives the index and the pages one level below it previous and next links, in listing order. */
    sectionPagination: z.boolean().optional(),
    /** Links shown beside the content under "Related content" (GOV.UK's related content pattern): a list of `text` and `href`, or `sections:`, a list of groups each with a `title` and `items`, as the GOV.UK Eleventy plugin writes `related`. */
    related: z.union([z.array(RelatedLink).min(1), z.object({ sections: z.array(RelatedSection).min(1) })]).optional(),
    /** On a section's index page, or in a folder's defaults: `true` publishes the whole section as one page to print, at the index page's URL followed by `print/`, and links to it from every page of the section ("View a printable version of the whole section"). */
    printSection: z.boolean().optional(),
    /** The browser tab's title, when it should differ from `title` (the h1). */
    pageTitle: z.string().trim().min(1).optional(),
    /** With `layout: tool`: the tool's id on the tools radar, matching its entry in content/_data/tools.yaml. */
    toolSlug: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, "must be lower-case letters, digits and hyphens, such as `github-copilot`")
      .optional(),
    /** With `layout: tool`: how far Defra has got with the tool (`using`, `trialling` or `exploring`), when content/_data/tools.yaml does not say. */
    status: z.enum(TOOL_STATUSES).optional(),
    /** With `layout: tool`: the tool's quadrant on the radar (`assistant`, `platform`, `framework` or `extension`), when content/_data/tools.yaml does not say. */
    category: z.enum(TOOL_CATEGORIES).optional(),
    /** With `layout: hub`: figures shown as linked cards under the lede. */
    statCards: z.array(StatCard).optional(),
    /** With `layout: hub`: groups of cards, each under its own h2, after the figures and before the body. */
    hubSections: z.array(HubSection).optional(),
    /** With `layout: triage`: the h1 of the green banner that opens the page, when it should differ from `title`. */
    triageTitle: z.string().trim().min(1).optional(),
    /** With `layout: triage`: the hero's lede. */
    triageDescription: z.string().trim().min(1).optional(),
    /** With `layout: triage`: the start button's text. The banner has a start button only with both this and `triageButtonHref`. */
    triageButtonText: z.string().trim().min(1).optional(),
    /** With `layout: triage`: where the start button leads. */
    triageButtonHref: Href.optional(),
    /** With `layout: triage`: a line under the start button, followed by the link `triageSecondaryLinkText` to `triageSecondaryHref` when both are set. */
    triageSecondaryText: z.string().trim().min(1).optional(),
    /** With `layout: triage`: where the link under the start button leads. */
    triageSecondaryHref: Href.optional(),
    /** With `layout: triage`: the text of the link under the start button. */
    triageSecondaryLinkText: z.string().trim().min(1).optional(),
    /** With `layout: triage`: the h2 above the cards (default: `title`). */
    primaryCardsHeading: z.string().trim().min(1).optional(),
    /** With `layout: triage`: a paragraph under the cards' heading. */
    primaryCardsDescription: z.string().trim().min(1).optional(),
    /** With `layout: triage`: cards linking to the main parts of the section. */
    primaryCards: z.array(TriageCard).optional(),
    /** With `layout: question`: the caption above the question, such as "Question 2 of 5". The question itself is `title`, the page's h1. */
    questionCaption: z.string().trim().min(1).optional(),
    /** With `layout: question`: how the question is answered: `radio` (default), `email` or `textarea`. */
    questionInputType: z.enum(["radio", "email", "textarea"]).optional(),
    /** With `layout: question`: hint text under the question. */
    questionHint: z.string().trim().min(1).optional(),
    /** With `layout: question` and `questionInputType: textarea`: the text box's height in rows. */
    questionRows: z.number().int().positive().optional(),
    /** With `layout: question` and radios: the answers offered, listed under the question (a static site has no form to choose them in). */
    questionOptions: z.array(QuestionOption).optional(),
    /** With `layout: question`: the name of the rule the app checks the answer against, such as `text-required`. A static site sends no answers, so it is kept only to say what the form asked. */
    questionSchema: z.string().trim().min(1).optional(),
    /** With `layout: question`, `check-your-answers` or `confirmation`: where the Back link above the page leads (default: the page above it in the URL tree). */
    questionBackHref: Href.optional(),
    /** With `layout: question`: where the app's form sends the answer. A static site cannot send it: form pages say so and offer site.json's `formAlternative` instead, and the build warns once, listing them. A page with this and no `layout` is a form page too: a question if it sets `questionInputType`, `questionOptions` or `isResult`, else the check-your-answers page, which lists the questions beside it. */
    questionSubmitHref: Href.optional(),
    /** With `layout: question`: the next page in the app's form. The page links on to it ("Next question" and its title), so the form's pages can be read in order. */
    questionContinueHref: Href.optional(),
    /** With `layout: question`: the text of the app's button that sends the answer (default "Continue"). Nothing is sent here, so the link on names the next page instead. */
    questionContinueText: z.string().trim().min(1).optional(),
    /** With `layout: question`: the names the app stores each answer under, such as `answer: solutionAttempts`. */
    fields: z.record(z.string(), z.string()).optional(),
    /** With `layout: question`: `true` for the page shown after the form is sent, which shows its title and body instead of a question. */
    isResult: z.boolean().optional(),
  })
  .refine((page) => page.reviewIn === undefined || page.lastReviewed !== undefined, {
    path: ["reviewIn"],
    message: "needs `lastReviewed`, the date the review period counts from",
  });
export type FrontMatter = z.infer<typeof FrontMatter>;
export type BreadcrumbItem = z.infer<typeof Breadcrumb>;
export type NavigationGroupItem = z.infer<typeof NavigationGroup>;
export type NavigationLink = z.infer<typeof NavigationItem>;
