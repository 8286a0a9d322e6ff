import path from "node:path";
import { defaultTreeAdapter, parseFragment, serialize, type DefaultTreeAdapterMap } from "parse5";
import type { SourcePage } from "../content/load-content.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { slugify } from "../markdown/slugify.ts";
import type { BreadcrumbItem } from "../schema/front-matter.ts";
import { absoluteUrl } from "./absolute-url.ts";
import { byOrderThenTitle, parentUrl } from "./page-tree.ts";
import type { GeneratedPageView } from "./generated-pages.ts";
import type { LinkView, PageHistoryView, PageView } from "./site-model.ts";

/** Where a section's printable version is published: under its index page, as GOV.UK guides' "print entire guide". */
export const printUrlOf = (sectionUrl: string): string => `${sectionUrl}print/`;

/** The link to the printable version of the section a page is in. */
export interface PrintSectionLink {
  /** The print page's URL. */
  href: string;
  /** The URL of the section's index page. */
  sectionUrl: string;
}

/**
 * The sections that asked for a printable version (`printSection: true` on their index page, or in
 * the folder defaults it takes), each by its index page's URL. A print page cannot be published where
 * a content page or a redirect already is; a page other than an index that asks in its own front
 * matter is told where to ask instead.
 *
 * @param takenUrls Every URL content pages and redirects publish at.
 */
export function printSectionsFor(
  sources: Iterable<SourcePage>,
  takenUrls: ReadonlySet<string>,
): { sections: Set<string>; diagnostics: Diagnostic[] } {
  const sections = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    if (source.frontMatter.printSection !== true) continue;
    const where = source.locate(["printSection"]);
    if (path.basename(source.file) !== "index.md") {
      // Folder defaults reach every page below them; only an index page's own field is a mistake to point out.
      if (where.file === source.file)
        diagnostics.push({
          severity: "warning",
          file: where.file,
          line: where.line,
          field: "printSection",
          message:
            "is read only on a section's index page (index.md), which prints with every page below it: set it there, or in the folder's defaults",
        });
      continue;
    }
    const printUrl = printUrlOf(source.url);
    if (takenUrls.has(printUrl) || takenUrls.has(printUrl.replace(/\/$/, ""))) {
      diagnostics.push({
        severity: "error",
        file: where.file,
        line: where.line,
        field: "printSection",
        message: `asks for the section's printable version at ${printUrl}, where another page is already published: move that page, or set printSection to false`,
      });
      continue;
    }
    sections.add(source.url);
  }
  return { sections, diagnostics };
}

/** The printable version a page links to: its nearest section (its own, for an index page) that has one. */
export function printSectionLinkFor(url: string, sections: ReadonlySet<string>): PrintSectionLink | undefined {
  for (let at: string | undefined = url; at !== undefined; at = parentUrl(at))
    if (sections.has(at)) return { href: printUrlOf(at), sectionUrl: at };
  return undefined;
}

/**
 * Every page of a section in listing order, depth first, as a reader goes through it: the index page,
 * then each page one level below (`order`, then title), each followed by the pages below it. A folder
 * with no index page keeps its place among its siblings, by its name, with its pages in it.
 */
export function sectionPagesInOrder<Page extends Pick<PageView, "url" | "title" | "order">>(
  sectionUrl: string,
  pages: readonly Page[],
): Page[] {
  const byUrl = new Map(pages.map((page) => [page.url, page]));
  const below = new Map<string, Set<string>>();
  for (const page of pages) {
    if (!page.url.startsWith(sectionUrl) || page.url === sectionUrl) continue;
    // Every folder between the section and the page, so a folder without an index page still holds its pages.
    for (
      let child = page.url, parent = parentUrl(child);
      parent !== undefined;
      child = parent, parent = parentUrl(child)
    ) {
      below.set(parent, (below.get(parent) ?? new Set()).add(child));
      if (parent === sectionUrl) break;
    }
  }
  const ordered: Page[] = [];
  const visit = (url: string) => {
    const page = byUrl.get(url);
    if (page) ordered.push(page);
    const entries = [...(below.get(url) ?? [])].map((child) => ({
      url: child,
      title: byUrl.get(child)?.title ?? decodeURIComponent(child.split("/").filter(Boolean).pop() ?? ""),
      order: byUrl.get(child)?.order,
    }));
    for (const entry of entries.sort(byOrderThenTitle)) visit(entry.url);
  };
  visit(sectionUrl);
  return ordered;
}

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const HEADING = /^h([1-6])$/;
/** Attributes that name another element by id, as a list of ids (`aria-labelledby="a b"`). */
const ID_REFERENCES = new Set([
  "for",
  "aria-labelledby",
  "aria-describedby",
  "aria-controls",
  "aria-owns",
  "headers",
  "list",
]);
/** GOV.UK's heading sizes one step smaller, so a heading stepped down a level looks it. */
const SMALLER_HEADING: Record<string, string> = {
  "govuk-heading-xl": "govuk-heading-l",
  "govuk-heading-l": "govuk-heading-m",
  "govuk-heading-m": "govuk-heading-s",
};

const isElement = (node: Node): node is Element => "tagName" in node;
const childNodesOf = (node: Node): Node[] =>
  "content" in node && node.content ? node.content.childNodes : "childNodes" in node ? node.childNodes : [];

/** Takes an id no element of the print page has yet, from `wanted`, adding -2, -3 … when it is taken. */
function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  taken.add(id);
  return id;
}

/**
 * A page's body as one part of a print page: each heading a level lower (h2 becomes h3, down to h6),
 * so the part's own h2 is its title, and each id prefixed with the part's, made unique across the
 * whole print page, with the links and labels pointing at them changed to match.
 *
 * @param taken The ids the print page has already; the part's are added.
 */
export function printablePart(html: string, prefix: string, taken: Set<string>): string {
  const fragment = parseFragment(html);
  const elements: Element[] = [];
  const walk = (node: Node) => {
    if (isElement(node)) elements.push(node);
    for (const child of childNodesOf(node)) walk(child);
  };
  walk(fragment);
  const renamed = new Map<string, string>();
  for (const element of elements) {
    const id = element.attrs.find((attribute) => attribute.name === "id");
    if (!id) continue;
    const next = uniqueId(`${prefix}-${id.value}`, taken);
    if (!renamed.has(id.value)) renamed.set(id.value, next);
    id.value = next;
  }
  for (const element of elements) {
    const level = HEADING.exec(element.tagName)?.[1];
    if (level) {
      element.tagName = element.nodeName = `h${Math.min(Number(level) + 1, 6)}`;
      const classes = element.attrs.find((attribute) => attribute.name === "class");
      if (classes) classes.value = classes.value.replace(/\S+/g, (name) => SMALLER_HEADING[name] ?? name);
    }
    for (const attribute of element.attrs) {
      if (attribute.name === "href" && attribute.value.startsWith("#") && element.tagName === "a") {
        const target = renamed.get(decodeFragment(attribute.value.slice(1)));
        if (target) attribute.value = `#${target}`;
      } else if (ID_REFERENCES.has(attribute.name)) {
        attribute.value = attribute.value.replace(/\S+/g, (ref) => renamed.get(ref) ?? ref);
      }
    }
  }
  return serialize(fragment, { treeAdapter: defaultTreeAdapter });
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** One page of a section, as its print page shows it. */
export interface PrintPartView {
  /** The part's h2 id, which the print page's contents link to. */
  id: string;
  title: string;
  /** The lede, when the page shows its description under its title. */
  description?: string;
  /** The page's body with its headings stepped down and its ids prefixed. */
  bodyHtml: string;
  /** The page online: its site path, and its address as the printed page gives it. */
  url: string;
  absoluteUrl: string;
  history?: PageHistoryView;
}

/** What the print page's template reads beyond the parts every page has. */
export interface PrintView {
  section: LinkView;
  contents: LinkView[];
  parts: PrintPartView[];
}

/** The ids the chrome around a print page's content uses, which no part may take. */
const CHROME_IDS = [
  "main-content",
  "print-contents",
  "site-search-header",
  "main-navigation-list",
  "service-navigation-list",
  "govuk-notification-banner-title",
  "site-notification-banner-title",
];

/**
 * A section's print page: every page of the section in listing order, each under its title as an h2
 * with its body, its history and a link to it online. The parts' ids are their URL's path inside the
 * section, so a link to a heading names the page it is on.
 */
export function printViewFor(
  section: Pick<PageView, "url" | "title">,
  pages: readonly PageView[],
  site: { url: string },
  pathPrefix: string,
): PrintView {
  const taken = new Set(CHROME_IDS);
  const parts = sectionPagesInOrder(section.url, pages).map((page): PrintPartView => {
    const inSection = page.url.slice(section.url.length);
    const id = uniqueId(slugify(inSection) || slugify(page.title) || "page", taken);
    return {
      id,
      title: page.title,
      description: page.descriptionInBody ? undefined : page.description,
      bodyHtml: printablePart(page.bodyHtml, id, taken),
      url: page.url,
      absoluteUrl: absoluteUrl(page.url, site.url, pathPrefix),
      history: page.history,
    };
  });
  return {
    section: { text: section.title, href: section.url },
    contents: parts.map((part) => ({ text: part.title, href: `#${part.id}` })),
    parts,
  };
}

/** The trail above a print page: the section's own trail, its last crumb a link back to the section. */
export function printBreadcrumbs(section: Pick<PageView, "url" | "title" | "breadcrumbs">): BreadcrumbItem[] {
  const trail = section.breadcrumbs.filter((crumb) => crumb.href !== undefined && crumb.href !== section.url);
  return [...trail, { text: section.title, href: section.url }];
}

/** A print page's view: the chrome every page the site makes has, and its parts. */
export type PrintPageView = GeneratedPageView & { print: PrintView };

/**
 * The print page of each section whose index page asks for one (its `printSection` link is to itself),
 * with the section's trail above it. Never listed: each is a copy of pages search engines and the
 * site's search should send readers to instead.
 *
 * @param view Gives a page the site makes the chrome it draws (generated-pages.ts).
 */
export function printPagesFor(
  pages: readonly PageView[],
  site: { url: string },
  view: (page: {
    url: string;
    title: string;
    description?: string;
    noindex?: boolean;
    breadcrumbs?: BreadcrumbItem[];
  }) => GeneratedPageView,
  pathPrefix: string,
): PrintPageView[] {
  return pages
    .filter((page) => page.printSection?.sectionUrl === page.url)
    .map((section) => ({
      ...view({
        url: section.printSection!.href,
        title: `${section.title}: printable version`,
        description: section.description,
        noindex: true,
        breadcrumbs: printBreadcrumbs(section),
      }),
      print: printViewFor(section, pages, site, pathPrefix),
    }));
}
