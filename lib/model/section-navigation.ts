import path from "node:path";
import type { SourcePage } from "../content/load-content.ts";
import type { NavigationGroupItem } from "../schema/front-matter.ts";
import { byOrderThenTitle, parentUrl } from "./page-tree.ts";

type PageFrontMatter = SourcePage["frontMatter"];

/** The parts of the site tree a folder's navigation is made from. */
export interface FolderTree {
  sourceByUrl: ReadonlyMap<string, SourcePage>;
  /** The pages one level below each URL, by the URL of the folder they are in (whether or not it has an index page). */
  childrenOf: ReadonlyMap<string, SourcePage[]>;
}

/** How near the page a field was set: on the page itself nearest, then the deepest folder's defaults. */
function nearness(source: SourcePage, field: "sectionNav" | "sectionNavFromFolder"): number {
  const where = source.locate([field]).file;
  return where === source.file ? Number.POSITIVE_INFINITY : where.split(path.sep).length;
}

/** The URL of the folder a page is in: an index page is its folder's own page. */
const folderUrlOf = (source: SourcePage): string =>
  path.basename(source.file) === "index.md" ? source.url : (parentUrl(source.url) ?? "/");

/**
 * The URL of the folder whose pages make the page's navigation: the folder whose defaults ask for
 * it (so every page below shares one navigation), or the page's own folder when the page asks.
 */
function sectionRootOf(source: SourcePage): string {
  const askedIn = source.locate(["sectionNavFromFolder"]).file;
  const folderUrl = folderUrlOf(source);
  if (askedIn === source.file) return folderUrl;
  const levelsUp = path
    .relative(path.dirname(askedIn), path.dirname(source.file))
    .split(path.sep)
    .filter(Boolean).length;
  const parts = folderUrl.split("/").filter(Boolean);
  return parts.length - levelsUp > 0 ? `/${parts.slice(0, parts.length - levelsUp).join("/")}/` : "/";
}

/** A folder without an index page is labelled with its name, as the editor wrote it: `how-to-guides` → How to guides. */
function folderLabel(url: string): string {
  const name = decodeURIComponent(url.split("/").filter(Boolean).pop() ?? "")
    .replace(/[-_]+/g, " ")
    .trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const link = (page: SourcePage) => ({ text: page.frontMatter.title, href: page.url });

/**
 * The section navigation made from one folder's pages: the folder's index page and its pages in
 * listing order (`order`, then title); then each folder below it as a group under its index page's
 * title (its name, without one), holding its index page and the pages and folders one level below it.
 * Deeper folders show as a link to their index page, so the navigation keeps the two levels it draws.
 */
export function folderNavigation(rootUrl: string, tree: FolderTree): NavigationGroupItem[] {
  const entry = (url: string) => {
    const page = tree.sourceByUrl.get(url);
    return { url, page, title: page?.frontMatter.title ?? folderLabel(url), order: page?.frontMatter.order };
  };
  /** The pages and folders one level below a folder, folders with no index page included. */
  const below = (url: string) => {
    const urls = new Set((tree.childrenOf.get(url) ?? []).map((child) => child.url));
    for (const folder of tree.childrenOf.keys()) if (parentUrl(folder) === url) urls.add(folder);
    return [...urls].map(entry).sort(byOrderThenTitle);
  };
  const isFolder = (url: string) => (tree.childrenOf.get(url) ?? []).length > 0;
  const root = tree.sourceByUrl.get(rootUrl);
  const children = below(rootUrl);
  const groups: NavigationGroupItem[] = [];
  const pages = [
    ...(root ? [link(root)] : []),
    ...children.filter((child) => child.page && !isFolder(child.url)).map((child) => link(child.page!)),
  ];
  if (pages.length) groups.push({ items: pages });
  for (const folder of children.filter((child) => isFolder(child.url))) {
    const items = [
      ...(folder.page ? [link(folder.page)] : []),
      ...below(folder.url).flatMap((child) => (child.page ? [link(child.page)] : [])),
    ];
    if (items.length) groups.push({ title: folder.title, items });
  }
  return groups;
}

/**
 * Gives each page that asks for it (`sectionNavFromFolder`) its folder's navigation as its `sectionNav`,
 * each folder's made once per build; a `sectionNav` written nearer the page wins.
 */
export function folderSectionNavigation(
  tree: FolderTree,
): (source: SourcePage, fm: PageFrontMatter) => PageFrontMatter {
  const byRoot = new Map<string, NavigationGroupItem[]>();
  return (source, fm) => {
    if (fm.sectionNavFromFolder !== true) return fm;
    if (fm.sectionNav && nearness(source, "sectionNav") >= nearness(source, "sectionNavFromFolder")) return fm;
    const rootUrl = sectionRootOf(source);
    let groups = byRoot.get(rootUrl);
    if (!groups) {
      groups = folderNavigation(rootUrl, tree);
      byRoot.set(rootUrl, groups);
    }
    return { ...fm, sectionNav: groups };
  };
}
