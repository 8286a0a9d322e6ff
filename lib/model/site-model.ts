import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { BreadcrumbItem, FrontMatter, LayoutName } from "../schema/front-matter.ts";
import type { Diagnostic } from "../diagnostics.ts";
import type { SourcePage } from "../content/load-content.ts";

/** A page's front matter with its named lists filled in and its wiki links resolved. */
type PageFrontMatter = SourcePage["frontMatter"];
import { createWikiLinkResolver, resolveFrontMatterWikiLinks } from "../content/wiki-link-targets.ts";
import type { MarkdownEnv } from "../markdown/govuk-markdown.ts";
import { rewriteHtmlLinks } from "../markdown/internal-links.ts";
import { appInterruptionTarget, interruptionPageUrl } from "./interruption-pages.ts";
import { contentsList } from "./contents-list.ts";
import { byOrderThenTitle, parentUrl } from "./page-tree.ts";
import { redirectsFor, type RedirectView } from "./redirects.ts";
import { reviewOf, type ReviewView } from "./review.ts";
import { sectionPagination, type PaginationView } from "./section-pagination.ts";
import { folderSectionNavigation } from "./section-navigation.ts";
import { generatedPages, siteFileUrlReason, type GeneratedPages } from "./generated-pages.ts";
import { generatedHomePage } from "./home-page.ts";
import type { SiteData } from "../content/site-data.ts";
import {
  navigationBarFor,
  siteChromeFor,
  type HeaderServiceView,
  type NavigationBarView,
  type SiteChromeView,
} from "./site-chrome.ts";
import { DEFAULT_PAGES_PER_BUNDLE } from "../settings.ts";
import { toolsRadarFor, toolViewFor, type ToolsRadarView, type ToolView } from "./tools-radar.ts";
import { formPagesDiagnostics, layoutOf, layoutPartsFor, type LayoutPartsView } from "./layout-parts.ts";
import type { ToolsData } from "../content/tools-data.ts";
import { absoluteUrl } from "./absolute-url.ts";
import { bannersFor, type BannersView } from "./banners.ts";
import { feedbackFor, type FeedbackView } from "./feedback.ts";
import { linkPreviewFor, type LinkPreviewView } from "./link-preview.ts";
import { landingCardsFor } from "./landing-cards.ts";
import { relatedLinksFor, type RelatedLinksView } from "./related-links.ts";
import { printSectionLinkFor, printSectionsFor, type PrintSectionLink } from "./print-pages.ts";
import type { LinkCardView } from "./layout-parts.ts";

export type { SiteChromeView };

export interface LinkView {
  text: string;
  href: string;
}

/** The header's service name and the navigation bar under it. */
export interface ServiceNavigationView extends HeaderServiceView {
  /** Absent when the page hides the navigation bar (`hideServiceNavigation`). */
  navigation?: NavigationBarView;
}

export interface SectionNavigationView {
  title?: string;
  groups: { title?: string; items: (LinkView & { current: boolean })[] }[];
}

export interface PageHistoryView {
  published?: Date;
  lastUpdated?: Date;
  /** When git last saw the page's file change: "Last updated" when front matter gives no date. */
  lastCommitted?: Date;
  changes: { date: Date; note: string }[];
}

/** Everything a layout needs to draw one page, computed once per build. Layouts read nothing else. */
export interface PageView {
  url: string;
  site: SiteChromeView;
  file: string;
  layout: LayoutName;
  title: string;
  /** The browser tab's title: front matter's `pageTitle`, else `title`. */
  pageTitle: string;
  caption?: string;
  description?: string;
  /** Whether the description opens the body as body text instead of standing under the h1 as the lede. */
  descriptionInBody: boolean;
  breadcrumbs: BreadcrumbItem[];
  serviceNavigation: ServiceNavigationView;
  sectionNavigation?: SectionNavigationView;
  supportBox?: FrontMatter["supportBox"];
  history?: PageHistoryView;
  /** The rendered Markdown. */
  bodyHtml: string;
  headings: NonNullable<MarkdownEnv["headings"]>;
  /** Each internal-host address the body links to, once: its links go through that target's interruption page (interruptionPageUrl). */
  internalLinkTargets: string[];
  /** Topics the page is tagged with, as written (tag pages list the pages carrying each). */
  tags: string[];
  /** Where the page was first published, for pages brought in from elsewhere: "Source: <link>". */
  source?: LinkView;
  /** Pages one level below this one in the URL tree, for section index pages. */
  children: { title: string; description?: string; url: string }[];
  order?: number;
  /** The "Contents" list of the page's h2 headings, when the page has one. */
  contents?: LinkView[];
  /** Previous and next links, when the page's section asks for them. */
  pagination?: PaginationView;
  /** When the page was last reviewed and is due again, from front matter. */
  review?: ReviewView;
  /** Who keeps the page right. */
  owner?: string;
  /** Where to edit the page's source, from the site's repository setting. */
  editUrl?: string;
  /** With `layout: tool`: the tool's status and category on the radar. */
  tool?: ToolView;
  /** With the tool and radar layouts: the radar of every tool page, the same object for each. */
  toolsRadar?: ToolsRadarView;
  /** What the Defra app's layouts draw beyond the parts every page has (hub cards, triage hero, question). */
  layoutParts?: LayoutPartsView;
  // What a published site needs before it goes live: indexing, link previews, feedback and banners.
  /** Keeps search engines from listing the page, and the page out of the sitemap, feed and site search. */
  noindex: boolean;
  /** The Open Graph and Twitter card tags. */
  linkPreview: LinkPreviewView;
  /** "Report a problem with this page" (and "Is this page useful?"), when the site asks for feedback. */
  feedback?: FeedbackView;
  /** The phase banner and the notification banner, when the site has them. */
  banners: BannersView;
  // Landing pages, related links and printing a whole section.
  /** With `layout: hub` and no cards in front matter: a card for each page one level below, in listing order. */
  landingCards?: LinkCardView[];
  /** The links under "Related content" beside the content, from front matter's `related`. */
  related?: RelatedLinksView;
  /** The printable version of the page's section, when its index page (or its folder's defaults) asks for one. */
  printSection?: PrintSectionLink;
}

/** What the model needs from outside the content folder. */
export interface SiteModelOptions {
  /** The date review notes count from. */
  today?: Date;
  /** Each content file's last commit date, keyed by path from the project root. */
  lastCommitDates?: ReadonlyMap<string, Date>;
  /** Where the site is served from, for the absolute URLs of the sitemap and feed: "/" unless given. */
  pathPrefix?: string;
  /** Pages per search bundle, for the search page's list of bundles. */
  searchBundlePages?: number;
  /** The workflow run publishing this build, if one is: what the accessibility statement says about its checks. */
  publishingRun?: { commit: string; url: string };
  /** content/_data/tools.yaml, the tools on the radar, when the site has one. */
  tools?: ToolsData;
  /** The content folder's path from the project root, as page files are given: `content` unless given. */
  contentFolder?: string;
  /** Each file in the content folder's public/, by its path inside public/: what wiki links and embeds can show. */
  publicFiles?: readonly string[];
  /** The header logo file's own size, so pages keep the logo's place before it arrives. */
  logoSize?: { width: number; height: number };
}

export interface SiteModel {
  site: SiteData;
  pages: PageView[];
  byUrl: Map<string, PageView>;
  /** The site's main navigation with every href resolved, for pages the model does not hold (search, A to Z). */
  navigation: LinkView[];
  /** Old paths of moved pages, each published as a page that sends readers on. */
  redirects: RedirectView[];
  /** The views of the pages and files the site makes itself (search, A to Z, tags, 404, redirects, sitemap, feed). */
  generated: GeneratedPages;
}

/**
 * GitHub's "edit" address for a page's file. With the repository's `contentPath` (`src/content`), the
 * file is found by its place in the content folder under that path: content/x/y.md is edited at
 * src/content/x/y.md, wherever the content folder is on this machine. Without it, the file's path
 * from the project root is its path in the repository (git's dates are read the same way), and a
 * content folder outside the project (CONTENT_DIR=../x) gets no link rather than a wrong one. Each
 * name is percent-encoded, so a space, `#` or accent in a file or branch name gives a link that works.
 *
 * @param file The page's file from the project root, as SourcePage gives it.
 * @param contentFolder The content folder from the project root.
 */
export function editLink(
  repository: NonNullable<SiteData["repository"]>,
  file: string,
  contentFolder: string,
): string | undefined {
  const posix = (native: string) => native.split(path.sep).join("/");
  let repositoryPath = posix(file);
  if (repository.contentPath) {
    const inContent = posix(path.relative(contentFolder, file));
    if (inContent.startsWith("../") || path.isAbsolute(inContent)) return undefined;
    repositoryPath = path.posix.join(repository.contentPath.replace(/^\/+|\/+$/g, ""), inContent);
  }
  if (repositoryPath.startsWith("../") || path.isAbsolute(repositoryPath)) return undefined;
  const encoded = (segments: string) => segments.split("/").map(encodeURIComponent).join("/");
  return `${repository.url.replace(/\/$/, "")}/edit/${encoded(repository.branch)}/${encoded(repositoryPath)}`;
}

/** The site's pages by URL, each URL once: a second page at a URL is an error naming both files. */
function pagesByUrl(sources: SourcePage[], diagnostics: Diagnostic[]): Map<string, SourcePage> {
  const sourceByUrl = new Map<string, SourcePage>();
  for (const source of sources) {
    const other = sourceByUrl.get(source.url);
    if (other) {
      // Name both files, each against the other, so the editor can choose which one to move.
      diagnostics.push(
        {
          severity: "error",
          file: other.file,
          message: `has the same URL ${source.url} as ${source.file}: rename or move one of them`,
        },
        {
          severity: "error",
          file: source.file,
          message: `has the same URL ${source.url} as ${other.file}: rename or move one of them`,
        },
      );
      continue;
    }
    sourceByUrl.set(source.url, source);
  }
  return sourceByUrl;
}

/** What every view's function reads about the site as a whole. */
interface SiteTree {
  site: SiteData;
  sourceByUrl: Map<string, SourcePage>;
  childrenOf: Map<string, SourcePage[]>;
  /** Internal links to a page URL written without its trailing slash go straight to the page. */
  canonical: (href: string) => string;
}

function siteTree(site: SiteData, sourceByUrl: Map<string, SourcePage>): SiteTree {
  const canonical = (href: string) => {
    if (!href.startsWith("/") || href.startsWith("//")) return href;
    const [pathPart, rest = ""] = href.split(/(?=[?#])/);
    if (!pathPart.endsWith("/") && sourceByUrl.has(`${pathPart}/`)) return `${pathPart}/${rest}`;
    return href;
  };
  const childrenOf = new Map<string, SourcePage[]>();
  for (const source of sourceByUrl.values()) {
    const parent = parentUrl(source.url);
    if (parent === undefined) continue;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), source]);
  }
  return { site, sourceByUrl, childrenOf, canonical };
}

/**
 * The page's own breadcrumbs; else the site's `breadcrumbTrail` and the page's title (a section page's
 * `sectionTitle`), as the Defra service manual's layouts draw them; else the trail of its ancestors' titles back home.
 */
export function breadcrumbsFor(url: string, fm: PageFrontMatter, tree: SiteTree): BreadcrumbItem[] {
  const ancestry = (): BreadcrumbItem[] => {
    const trail: BreadcrumbItem[] = [];
    for (let ancestor = parentUrl(url); ancestor !== undefined; ancestor = parentUrl(ancestor)) {
      const page = tree.sourceByUrl.get(ancestor);
      trail.unshift({ text: ancestor === "/" ? "Home" : (page?.frontMatter.title ?? ancestor), href: ancestor });
    }
    return trail;
  };
  const here = (fm.layout === "section" ? fm.sectionTitle : undefined) ?? fm.title;
  const { breadcrumbTrail } = tree.site;
  const crumbs = fm.breadcrumbs ?? (breadcrumbTrail && url !== "/" ? [...breadcrumbTrail, { text: here }] : ancestry());
  return crumbs.map((crumb) => (crumb.href ? { ...crumb, href: tree.canonical(crumb.href) } : crumb));
}

/** The header's service name, and the navigation bar the page shows (lib/model/site-chrome.ts chooses which). */
export function serviceNavigationFor(url: string, fm: PageFrontMatter, tree: SiteTree): ServiceNavigationView {
  const header = {
    serviceName: fm.headerServiceName ?? tree.site.serviceName,
    serviceUrl: tree.canonical(fm.headerServiceUrl ?? tree.site.serviceUrl),
  };
  if (fm.hideServiceNavigation) return header;
  const bar = navigationBarFor(
    { url, showMainNavigation: fm.showMainNavigation, customNav: fm.customNav },
    tree.site,
    tree.canonical,
  );
  return { ...header, navigation: bar };
}

/** The side navigation a page's front matter lists, or its folder's pages when it asks for them (lib/model/section-navigation.ts). */
export function sectionNavigationFor(
  url: string,
  fm: PageFrontMatter,
  tree: SiteTree,
): SectionNavigationView | undefined {
  if (!fm.sectionNav) return undefined;
  return {
    title: fm.sectionTitle,
    groups: fm.sectionNav.map((group) => ({
      title: group.title,
      items: group.items.map((item) => ({
        text: item.text,
        href: tree.canonical(item.href),
        current: tree.canonical(item.href) === url,
      })),
    })),
  };
}

/** The pages one level below a section index (or a page that asks), in listing order. */
export function childrenFor(source: SourcePage, fm: PageFrontMatter, tree: SiteTree): PageView["children"] {
  if (!(fm.listChildren ?? source.file.endsWith("index.md"))) return [];
  return (tree.childrenOf.get(source.url) ?? [])
    .map((child) => ({
      title: child.frontMatter.title,
      description: child.frontMatter.description,
      url: child.url,
      order: child.frontMatter.order,
    }))
    .sort(byOrderThenTitle)
    .map(({ order: _order, ...child }) => child);
}

/** A page's landing cards, related links and the link to its section's printable version. */
function landingAndPrintFor(
  source: SourcePage,
  fm: PageFrontMatter,
  tree: SiteTree,
  printSections: ReadonlySet<string>,
): Pick<PageView, "landingCards" | "related" | "printSection"> {
  return {
    landingCards: landingCardsFor(source, fm, tree.childrenOf),
    related: relatedLinksFor(fm.related, tree.canonical),
    printSection: printSectionLinkFor(source.url, printSections),
  };
}

/** When the page was published, updated and last committed, and its change notes; absent when nothing dates it. */
export function historyFor(fm: PageFrontMatter, lastCommitted: Date | undefined): PageHistoryView | undefined {
  if (!(fm.published || fm.lastUpdated || lastCommitted || fm.changeHistory?.length)) return undefined;
  return { published: fm.published, lastUpdated: fm.lastUpdated, lastCommitted, changes: fm.changeHistory ?? [] };
}

/**
 * The support box with its links to internal services sent through their interruption pages, as the
 * body's are, each target added to the page's `internalLinkTargets`. The Defra app leaves front matter
 * HTML as written, so only the links it would send to its own interruption page are rewritten here.
 */
function supportBoxFor(box: FrontMatter["supportBox"], internalLinkTargets: string[]): FrontMatter["supportBox"] {
  if (!box) return undefined;
  const redirect = (href: string) => {
    const target = appInterruptionTarget(href);
    if (!target) return undefined;
    if (!internalLinkTargets.includes(target)) internalLinkTargets.push(target);
    return interruptionPageUrl(target);
  };
  return {
    ...box,
    ...(box.description === undefined ? {} : { description: rewriteHtmlLinks(box.description, redirect) }),
    ...(box.items === undefined ? {} : { items: box.items.map((item) => rewriteHtmlLinks(item, redirect)) }),
  };
}

/** Renders the page's Markdown, reporting what the render noticed against the page's lines. */
function renderBody(
  source: SourcePage,
  fm: PageFrontMatter,
  markdown: MarkdownIt,
  resolveWikiLink: MarkdownEnv["resolveWikiLink"],
  diagnostics: Diagnostic[],
  site: SiteData,
) {
  const env: MarkdownEnv = {
    pageTitle: fm.title,
    notes: [],
    headings: [],
    ownContents: [],
    internalLinkTargets: [],
    resolveWikiLink,
    settings: { ...site.markdown, internalDomains: site.internalDomains },
  };
  const bodyHtml = markdown.render(source.body, env);
  for (const note of env.notes ?? [])
    diagnostics.push({ ...note, file: source.file, line: source.bodyLine + note.line - 1 });
  return {
    bodyHtml,
    headings: env.headings ?? [],
    ownContents: (env.ownContents ?? []).length > 0,
    internalLinkTargets: env.internalLinkTargets ?? [],
  };
}

/**
 * Builds the view of every page from the validated sources, in one pass over the site:
 * URL tree, navigation, breadcrumbs and listings are computed here once, never per page render.
 */
export function buildSiteModel(
  sources: SourcePage[],
  site: SiteData,
  markdown: MarkdownIt,
  options: SiteModelOptions = {},
): { model: SiteModel; diagnostics: Diagnostic[] } {
  const today = options.today ?? new Date();
  const diagnostics: Diagnostic[] = [];
  const sourceByUrl = pagesByUrl(sources, diagnostics);
  const tree = siteTree(site, sourceByUrl);
  const chrome = siteChromeFor(site, options.logoSize);
  const resolveWikiLink = createWikiLinkResolver(
    [...sourceByUrl.values()].map((source) => ({
      url: source.url,
      title: source.frontMatter.title,
      aliases: source.frontMatter.aliases,
      file: source.file,
    })),
    { contentFolder: options.contentFolder ?? "content", paths: options.publicFiles ?? [] },
  );

  const toolsRadar = toolsRadarFor([...sourceByUrl.values()], options.tools, diagnostics);
  diagnostics.push(...formPagesDiagnostics([...sourceByUrl.values()], site));
  const contentFolder = options.contentFolder ?? "content";
  const home = generatedHomePage(sourceByUrl.values(), site, contentFolder);
  diagnostics.push(...home.diagnostics);
  const printing = printSectionsFor(
    sourceByUrl.values(),
    new Set([
      ...sourceByUrl.keys(),
      ...sources.flatMap((source) => source.frontMatter.redirectFrom ?? []).map((from) => from.replace(/\/?$/, "/")),
    ]),
  );
  diagnostics.push(...printing.diagnostics);
  const pages: PageView[] = [];
  const withFolderNavigation = folderSectionNavigation(tree);
  for (const source of [...sourceByUrl.values(), ...(home.source ? [home.source] : [])]) {
    const fm = withFolderNavigation(
      source,
      resolveFrontMatterWikiLinks(source.frontMatter, resolveWikiLink, { locate: source.locate, diagnostics }),
    );
    const { bodyHtml, headings, ownContents, internalLinkTargets } = renderBody(
      source,
      fm,
      markdown,
      (link) => resolveWikiLink({ ...link, from: source.file }),
      diagnostics,
      site,
    );
    const repositoryPath = source.file.split(path.sep).join("/");
    const pathPrefix = options.pathPrefix ?? "/";
    const feedback = feedbackFor({ title: fm.title, absoluteUrl: absoluteUrl(source.url, site.url, pathPrefix) }, site);
    const landing = landingAndPrintFor(source, fm, tree, printing.sections);
    pages.push({
      url: source.url,
      site: chrome,
      file: source.file,
      layout: layoutOf(fm),
      title: fm.title,
      pageTitle: fm.pageTitle ?? fm.title,
      caption: fm.caption,
      description: fm.description,
      descriptionInBody: fm.descriptionInBody ?? false,
      breadcrumbs: breadcrumbsFor(source.url, fm, tree),
      serviceNavigation: serviceNavigationFor(source.url, fm, tree),
      sectionNavigation: sectionNavigationFor(source.url, fm, tree),
      supportBox: supportBoxFor(fm.supportBox, internalLinkTargets),
      tags: fm.tags ?? [],
      source: fm.source ? { text: fm.source, href: tree.canonical(fm.source) } : undefined,
      history: historyFor(fm, options.lastCommitDates?.get(repositoryPath)),
      bodyHtml,
      internalLinkTargets,
      headings,
      // A landing page's cards are its children, so they are not listed a second time under the body.
      children: landing.landingCards ? [] : childrenFor(source, fm, tree),
      order: fm.order,
      contents: contentsList(headings, { frontMatter: fm.contents, site: site.markdown.contents, ownContents }),
      review: reviewOf(fm, today),
      owner: fm.owner,
      // The made home page has no file to edit.
      editUrl:
        site.repository && source !== home.source ? editLink(site.repository, source.file, contentFolder) : undefined,
      tool: toolViewFor(toolsRadar, source),
      toolsRadar: ["tool", "radar-table", "radar-diagram"].includes(fm.layout ?? "") ? toolsRadar : undefined,
      layoutParts: layoutPartsFor(source, fm, tree),
      noindex: fm.noindex ?? false,
      linkPreview: linkPreviewFor(
        { url: source.url, title: fm.title, description: fm.description, isContentPage: true },
        site,
        pathPrefix,
      ),
      feedback,
      banners: bannersFor(
        { url: source.url, headingIds: headings.map((heading) => heading.id) },
        site,
        feedback?.generalUrl,
      ),
      ...landing,
    });
  }
  pages.sort((a, b) => a.url.localeCompare(b.url));
  const byUrl = new Map(pages.map((page) => [page.url, page]));
  const paginated = new Set(
    [...sourceByUrl.values()]
      .filter((source) => source.frontMatter.sectionPagination && source.file.endsWith("index.md"))
      .map((source) => source.url),
  );
  for (const [url, links] of sectionPagination(pages, paginated)) byUrl.get(url)!.pagination = links;
  const { redirects, diagnostics: redirectProblems } = redirectsFor(
    [...sourceByUrl.values()].map((source) => ({
      url: source.url,
      file: source.file,
      title: source.frontMatter.title,
      redirectFrom: source.frontMatter.redirectFrom,
      locate: source.locate,
    })),
    siteFileUrlReason,
  );
  diagnostics.push(...redirectProblems);
  const navigation = site.navigation.map((item) => ({ text: item.text, href: tree.canonical(item.href) }));
  const listed = { site, pages, byUrl, navigation, redirects };
  const generated = generatedPages(listed, chrome, {
    pathPrefix: options.pathPrefix ?? "/",
    searchBundlePages: options.searchBundlePages ?? DEFAULT_PAGES_PER_BUNDLE,
    today,
    publishingRun: options.publishingRun,
  });
  return { model: { ...listed, generated }, diagnostics };
}
