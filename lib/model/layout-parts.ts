import type { Diagnostic } from "../diagnostics.ts";
import type { SiteData } from "../content/site-data.ts";
import type { PageFrontMatter } from "../content/validate-front-matter.ts";
import type { SourcePage } from "../content/load-content.ts";
import type { LayoutName } from "../schema/front-matter.ts";
import { byOrderThenTitle, parentUrl } from "./page-tree.ts";
import { isHiddenFromNavigation } from "./site-chrome.ts";

interface Link {
  text: string;
  href: string;
}

/** A card that links to a page: the tiles of a delivery groups page, a triage page's cards. */
export interface LinkCardView extends Link {
  description?: string;
}

/** The navigation a side-nav page draws: its own section navigation, else the site's main navigation. */
export interface SideNavigationView {
  label: string;
  groups: { title?: string; items: (Link & { current: boolean })[] }[];
}

export interface HubView {
  statCards: { number: string; label: string; description?: string; href: string }[];
  sections: {
    title: string;
    description?: string;
    items: (LinkCardView & { tag?: { text: string; classes?: string } })[];
  }[];
}

export interface TriageView {
  title: string;
  description?: string;
  button?: Link;
  /** The line under the start button, with its link when it has one. */
  secondary?: { text: string; link?: Link };
  cardsHeading: string;
  cardsDescription?: string;
  cards: LinkCardView[];
}

export interface QuestionView {
  /** The line above the question, such as "Question 2 of 5". */
  caption?: string;
  hint?: string;
  inputType: "radio" | "email" | "textarea";
  /** The answers a radio question offers. */
  options: string[];
  /** The page after the result of a form: its title and body, no question. */
  isResult: boolean;
  /**
   * The link on to `questionContinueHref`, as `govukPagination`'s `next`, so the form's pages can be
   * read in order. It names where it leads rather than the app's button text ("Continue", "Send"),
   * which would promise that an answer goes somewhere.
   */
  next?: { text: string; labelText?: string; href: string };
}

/** What a page that is part of a form tells readers, as a static site cannot send forms. */
export interface FormView {
  /** Where the Back link leads: the page's own, else its parent page's URL. Never script. */
  backHref?: string;
  /** What readers should do instead, from site.json's `formAlternative`. */
  alternative?: Link;
  /** On a check-your-answers page: the questions the form asks, in the order it asks them. */
  questions: Link[];
}

/** What the Defra app's layouts draw beyond the parts every page has: hub cards, the triage hero, a question. */
export interface LayoutPartsView {
  sideNavigation?: SideNavigationView;
  hub?: HubView;
  triage?: TriageView;
  /** With `layout: delivery-groups`: the pages one level below, each a tile. */
  tiles?: LinkCardView[];
  question?: QuestionView;
  form?: FormView;
}

/** What the parts are worked out from besides the page itself. */
export interface LayoutPartsContext {
  site: SiteData;
  sourceByUrl: ReadonlyMap<string, SourcePage>;
  childrenOf: ReadonlyMap<string, SourcePage[]>;
  /** Makes a link to a page on this site the page's URL exactly (trailing slash and all). */
  canonical: (href: string) => string;
}

const FORM_LAYOUTS: ReadonlySet<LayoutName> = new Set(["question", "check-your-answers", "confirmation"]);

/**
 * The layout a page is drawn with. The Defra app picks the layout of its form's summary page by route,
 * not front matter, so a page that sets no layout but names where its form is sent is a form page too:
 * a question when it says how the question is answered, else the check-your-answers page.
 */
export function layoutOf(fm: PageFrontMatter): LayoutName {
  if (fm.layout) return fm.layout;
  if (!fm.questionSubmitHref) return "two-thirds";
  return fm.questionInputType || fm.questionOptions || fm.isResult ? "question" : "check-your-answers";
}

/** GOV.UK Frontend 6 has no blue or light blue modifier: blue is the tag's own colour, and teal took light blue's place. */
function tagClasses(colour: string | undefined): string | undefined {
  const chosen = colour ?? "green";
  if (chosen === "blue") return undefined;
  return `govuk-tag--${chosen === "light-blue" ? "teal" : chosen}`;
}

function sideNavigationFor(source: SourcePage, fm: PageFrontMatter, context: LayoutPartsContext): SideNavigationView {
  const { canonical } = context;
  const item = (link: Link) => ({
    text: link.text,
    href: canonical(link.href),
    current: canonical(link.href) === source.url,
  });
  if (fm.sectionNav)
    return {
      label: "Pages in this section",
      groups: fm.sectionNav.map((group) => ({ title: group.title, items: group.items.map(item) })),
    };
  const shown = context.site.navigation.filter(
    (link) => !isHiddenFromNavigation(link.href, context.site.hiddenFromNavigation),
  );
  return { label: "Manual sections", groups: [{ items: shown.map(item) }] };
}

function hubFor(fm: PageFrontMatter, canonical: (href: string) => string): HubView {
  return {
    statCards: (fm.statCards ?? []).map((card) => ({
      number: String(card.number),
      label: card.label,
      description: card.description,
      href: canonical(card.href),
    })),
    sections: (fm.hubSections ?? []).map((section) => ({
      title: section.title,
      description: section.description,
      items: section.items.map((item) => ({
        text: item.text,
        href: canonical(item.href),
        description: item.description,
        tag: item.tag ? { text: item.tag, classes: tagClasses(item.tagColour) } : undefined,
      })),
    })),
  };
}

function triageFor(fm: PageFrontMatter, canonical: (href: string) => string): TriageView {
  const secondaryLink =
    fm.triageSecondaryHref && fm.triageSecondaryLinkText
      ? { text: fm.triageSecondaryLinkText, href: canonical(fm.triageSecondaryHref) }
      : undefined;
  return {
    title: fm.triageTitle ?? fm.title,
    description: fm.triageDescription,
    button:
      fm.triageButtonText && fm.triageButtonHref
        ? { text: fm.triageButtonText, href: canonical(fm.triageButtonHref) }
        : undefined,
    secondary: fm.triageSecondaryText ? { text: fm.triageSecondaryText, link: secondaryLink } : undefined,
    cardsHeading: fm.primaryCardsHeading ?? fm.title,
    cardsDescription: fm.primaryCardsDescription,
    cards: (fm.primaryCards ?? []).map((card) => ({ ...card, href: canonical(card.href) })),
  };
}

const asCard = (page: SourcePage): LinkCardView & { order?: number; title: string } => ({
  text: page.frontMatter.title,
  title: page.frontMatter.title,
  href: page.url,
  description: page.frontMatter.description,
  order: page.frontMatter.order,
});

function tilesFor(source: SourcePage, context: LayoutPartsContext): LinkCardView[] {
  return (context.childrenOf.get(source.url) ?? [])
    .map(asCard)
    .sort(byOrderThenTitle)
    .map(({ text, href, description }) => ({ text, href, description }));
}

const isQuestion = (page: SourcePage) => layoutOf(page.frontMatter) === "question" && !page.frontMatter.isResult;

/**
 * The question pages beside a check-your-answers page, in the order the form asks them: from the one no
 * other leads to, along each page's `questionContinueHref`; any the chain misses follow in listing order.
 */
function questionsFor(source: SourcePage, context: LayoutPartsContext): Link[] {
  const parent = parentUrl(source.url);
  const siblings = parent === undefined ? [] : (context.childrenOf.get(parent) ?? []).filter(isQuestion);
  const next = new Map<string, string>();
  for (const page of siblings)
    if (page.frontMatter.questionContinueHref)
      next.set(page.url, context.canonical(page.frontMatter.questionContinueHref));
  const ledTo = new Set(next.values());
  const byUrl = new Map(siblings.map((page) => [page.url, page]));
  const ordered: SourcePage[] = [];
  const seen = new Set<string>();
  const listed = siblings.map(asCard).sort(byOrderThenTitle);
  for (const start of [...listed.filter((card) => !ledTo.has(card.href)), ...listed]) {
    for (let url: string | undefined = start.href; url && byUrl.has(url) && !seen.has(url); url = next.get(url)) {
      seen.add(url);
      ordered.push(byUrl.get(url)!);
    }
  }
  return ordered.map((page) => ({ text: page.frontMatter.title, href: page.url }));
}

function nextFor(fm: PageFrontMatter, context: LayoutPartsContext): QuestionView["next"] {
  if (!fm.questionContinueHref || fm.isResult) return undefined;
  const href = context.canonical(fm.questionContinueHref);
  const target = context.sourceByUrl.get(href.split(/[?#]/)[0]);
  return {
    text: target && isQuestion(target) ? "Next question" : "Next page",
    labelText: target?.frontMatter.title,
    href,
  };
}

function formFor(source: SourcePage, fm: PageFrontMatter, layout: LayoutName, context: LayoutPartsContext): FormView {
  const parent = parentUrl(source.url);
  const { formAlternative } = context.site;
  return {
    backHref: fm.questionBackHref
      ? context.canonical(fm.questionBackHref)
      : parent !== undefined && context.sourceByUrl.has(parent)
        ? parent
        : undefined,
    alternative: formAlternative && { text: formAlternative.text, href: context.canonical(formAlternative.href) },
    questions: layout === "check-your-answers" ? questionsFor(source, context) : [],
  };
}

/** The parts a page's layout draws from its own front matter, with every href on this site made canonical. */
export function layoutPartsFor(
  source: SourcePage,
  fm: PageFrontMatter,
  context: LayoutPartsContext,
): LayoutPartsView | undefined {
  const layout = layoutOf(fm);
  const { canonical } = context;
  switch (layout) {
    case "side-nav":
      return { sideNavigation: sideNavigationFor(source, fm, context) };
    case "hub":
      return { hub: hubFor(fm, canonical) };
    case "triage":
      return { triage: triageFor(fm, canonical) };
    case "delivery-groups":
      return { tiles: tilesFor(source, context) };
    case "question":
      return {
        question: {
          caption: fm.questionCaption,
          hint: fm.questionHint,
          inputType: fm.questionInputType ?? "radio",
          options: (fm.questionOptions ?? []).map((option) => option.text),
          isResult: fm.isResult ?? false,
          next: nextFor(fm, context),
        },
        form: formFor(source, fm, layout, context),
      };
    case "check-your-answers":
    case "confirmation":
      return { form: formFor(source, fm, layout, context) };
    default:
      return undefined;
  }
}

/** One warning listing the pages whose forms a static site cannot send, and what readers are told instead. */
export function formPagesDiagnostics(sources: SourcePage[], site: SiteData): Diagnostic[] {
  const formPages = sources.filter((source) => FORM_LAYOUTS.has(layoutOf(source.frontMatter)));
  if (!formPages.length) return [];
  const files = formPages.map((source) => source.file).sort();
  const listed = `${files.length === 1 ? "1 page is" : `${files.length} pages are`} part of a form, which a static site cannot send (${files.join(", ")})`;
  const told = site.formAlternative
    ? `: each says so and offers "${site.formAlternative.text}" (${site.formAlternative.href}) instead`
    : ': each says so, and offers readers no other way to reach the team. Set `formAlternative` in content/_data/site.json, such as { "text": "Email the team", "href": "mailto:team@example.gov.uk" }, to tell them what to do instead';
  return [{ severity: "warning", file: files[0], message: `${listed}${told}` }];
}
