import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type Token from "markdown-it/lib/token.mjs";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import type { z } from "zod";
import { sortDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { appRouteFor } from "../content/app-routes.ts";
import { readDataFile } from "../content/data-file.ts";
import { urlForFile, type SourcePage } from "../content/load-content.ts";
import { NavigationData, NAVIGATION_FILE } from "../content/navigation-data.ts";
import { nearest } from "../content/nearest.ts";
import { parsePositionedYaml, type FieldPath } from "../content/positioned-yaml.ts";
import { SiteData } from "../content/site-data.ts";
import { decodeSource } from "../content/text-repair.ts";
import { collectSiteModel, type ModelSettings } from "../model/load-site-model.ts";
import { SITE_FILE_URLS } from "../model/generated-pages.ts";
import { appInterruptionTarget } from "../model/interruption-pages.ts";
import { isHiddenFromNavigation } from "../model/site-chrome.ts";
import type { SiteModel } from "../model/site-model.ts";
import { AuthorHtml, FrontMatter, Href } from "../schema/front-matter.ts";
import { browserReadUrl, urlScheme } from "../safety/url-safety.ts";
import { createMarkdown } from "../markdown/govuk-markdown.ts";
import { bodyTokens, pageFindings, pageIds, useWrittenBody, writtenBody, type WrittenBody } from "./source-pages.ts";
import { readSettings } from "../settings.ts";

/** One URL written in the source: where, and how to name it in a message. */
export interface SourceLink {
  href: string;
  file: string;
  line?: number;
  field?: string;
  /** Such as "link", "image" or "`<a href>`". */
  kind: string;
  /** The URL of the page it is on, which a relative link is read against; undefined in site data. */
  pageUrl?: string;
  /** The page file's path inside the content folder, for links to other .md files beside it. */
  pageFile?: string;
  /** For a link in a named navigation list, each list holding it, as JSON: it is on the site only if a page uses one. */
  inLists?: string[];
}

type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["childNode"] | DefaultTreeAdapterMap["documentFragment"];

// The attributes of author HTML a reader follows or a browser fetches from this site.
const HTML_URL_ATTRIBUTES = new Set(["href", "src", "poster", "action", "formaction", "data", "cite"]);

/** Every URL attribute in a piece of HTML, with its 1-based line within that HTML. */
export function htmlLinks(html: string): { href: string; line: number; kind: string }[] {
  if (!html.includes("<")) return [];
  const found: { href: string; line: number; kind: string }[] = [];
  const visit = (node: Node) => {
    if ("tagName" in node) {
      const element = node as Element;
      for (const attribute of element.attrs) {
        const name = attribute.name.toLowerCase();
        const values =
          name === "srcset"
            ? attribute.value.split(/,\s+/).map((candidate) => candidate.trim().split(/\s+/)[0])
            : HTML_URL_ATTRIBUTES.has(name)
              ? [attribute.value]
              : [];
        const line =
          element.sourceCodeLocation?.attrs?.[attribute.name]?.startLine ?? element.sourceCodeLocation?.startLine ?? 1;
        for (const value of values)
          if (value) found.push({ href: value, line, kind: `\`<${element.tagName} ${name}>\`` });
      }
      if (element.tagName === "template") visit((element as unknown as { content: Node }).content);
    }
    if ("childNodes" in node) for (const child of node.childNodes) visit(child as Node);
  };
  visit(parseFragment(html, { sourceCodeLocationInfo: true }));
  return found;
}

/**
 * Every link and image in a Markdown body, and every URL in its raw HTML, at its 0-based line
 * within the body.
 */
export function bodyLinks(tokens: Token[]): readonly { href: string; line: number; kind: string }[] {
  let found = linksByTokens.get(tokens);
  if (!found) linksByTokens.set(tokens, (found = readBodyLinks(tokens)));
  return found;
}

/**
 * Each body's links by its tokens, which are kept per page object (bodyTokens): the dev server checks the
 * whole site on every save, and an unchanged page's HTML blocks need not be parsed again. Safe to keep:
 * tokens are never changed once parsed, and the entry goes with them.
 */
const linksByTokens = new WeakMap<Token[], readonly { href: string; line: number; kind: string }[]>();

function readBodyLinks(tokens: Token[]): { href: string; line: number; kind: string }[] {
  const found: { href: string; line: number; kind: string }[] = [];
  let blockLine = 0;
  for (const token of tokens) {
    if (token.map) blockLine = token.map[0];
    if (token.type === "html_block") {
      for (const link of htmlLinks(token.content)) found.push({ ...link, line: blockLine + link.line - 1 });
      continue;
    }
    if (token.type !== "inline") continue;
    let line = blockLine;
    const visit = (children: Token[]) => {
      for (const child of children) {
        if (child.type === "link_open") found.push({ href: child.attrGet("href") ?? "", line, kind: "link" });
        else if (child.type === "image") found.push({ href: child.attrGet("src") ?? "", line, kind: "image" });
        else if (child.type === "html_inline") {
          for (const link of htmlLinks(child.content)) found.push({ ...link, line: line + link.line - 1 });
        }
        if (child.children) visit(child.children);
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        else
          line += (child.type === "html_inline" || child.type === "text" ? child.content.match(/\n/g)?.length : 0) ?? 0;
      }
    };
    visit(token.children ?? []);
  }
  return found;
}

type Schema = z.core.$ZodType;

/**
 * Walks data beside the schema that validated it, calling `found` for every value the schema reads
 * as a link (`Href`) or as author HTML (`AuthorHtml`). Generic, so a new link field in front matter
 * or site.json is checked without being listed here.
 */
export function schemaLinks(
  schema: Schema,
  data: unknown,
  found: (kind: "href" | "html", value: string, fieldPath: (string | number)[]) => void,
  skip: (fieldPath: (string | number)[], value: unknown) => boolean = () => false,
): void {
  const seen = new Set<string>();
  const walk = (node: Schema, value: unknown, fieldPath: (string | number)[]) => {
    if (value === undefined || skip(fieldPath, value)) return;
    if (node === (Href as Schema) || node === (AuthorHtml as Schema)) {
      const key = JSON.stringify(fieldPath);
      if (typeof value === "string" && !seen.has(key)) {
        seen.add(key);
        found(node === (Href as Schema) ? "href" : "html", value, fieldPath);
      }
      return;
    }
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "readonly":
      case "catch":
      case "nonoptional":
        walk(def.innerType as Schema, value, fieldPath);
        return;
      case "pipe":
        walk(def.in as Schema, value, fieldPath);
        walk(def.out as Schema, value, fieldPath);
        return;
      case "array":
        if (Array.isArray(value))
          value.forEach((item, index) => walk(def.element as Schema, item, [...fieldPath, index]));
        return;
      case "object":
        if (value && typeof value === "object" && !Array.isArray(value)) {
          for (const [key, child] of Object.entries(def.shape as Record<string, Schema>))
            walk(child, (value as Record<string, unknown>)[key], [...fieldPath, key]);
        }
        return;
      case "record":
        if (value && typeof value === "object" && !Array.isArray(value)) {
          for (const [key, child] of Object.entries(value)) walk(def.valueType as Schema, child, [...fieldPath, key]);
        }
        return;
      case "union":
        for (const option of def.options as Schema[]) walk(option, value, fieldPath);
        return;
    }
  };
  walk(schema, data, []);
}

/** Every `href` (and `src`) value in data of a shape this site does not own, such as the Defra app's navigation.yaml. */
function hrefKeys(
  data: unknown,
  found: (value: string, fieldPath: (string | number)[]) => void,
  fieldPath: (string | number)[] = [],
) {
  if (Array.isArray(data)) data.forEach((item, index) => hrefKeys(item, found, [...fieldPath, index]));
  else if (data && typeof data === "object") {
    for (const [key, value] of Object.entries(data)) {
      if ((key === "href" || key === "src") && typeof value === "string") found(value, [...fieldPath, key]);
      else hrefKeys(value, found, [...fieldPath, key]);
    }
  }
}

/** The lists a data file holds, as JSON, so a page's front matter that names one is not checked again at the page. */
function listsIn(data: unknown, into: Set<string>) {
  if (Array.isArray(data)) into.add(JSON.stringify(data));
  if (data && typeof data === "object") for (const value of Object.values(data)) listsIn(value, into);
}

/** The lists on the way to a value in data, as JSON, outermost first. */
function listsAround(data: unknown, fieldPath: (string | number)[]): string[] {
  const lists: string[] = [];
  let value = data;
  for (const key of fieldPath) {
    if (Array.isArray(value)) lists.push(JSON.stringify(value));
    value = value && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return lists;
}

/** The links in one page's front matter and body, at their files and lines. */
export function pageLinks(
  page: SourcePage,
  contentFile: string,
  namedLists: ReadonlySet<string> = new Set(),
  usedLists?: Set<string>,
): SourceLink[] {
  const links: SourceLink[] = [];
  // `breadcrumbItems` is read into `breadcrumbs`: name the field the editor wrote.
  const written = (fieldPath: (string | number)[]) => {
    if (fieldPath[0] !== "breadcrumbs") return fieldPath;
    const root = page.locate([]).line;
    return page.locate(["breadcrumbs"]).line === root && page.locate(["breadcrumbItems"]).line !== root
      ? ["breadcrumbItems", ...fieldPath.slice(1)]
      : fieldPath;
  };
  // A field's file and line are read again from the page's YAML, which costs more than finding the links:
  // they are found only for a link that is reported. `lineInValue` is the line within an HTML value.
  const frontMatterLink = (
    fieldPath: (string | number)[],
    link: Pick<SourceLink, "href" | "kind">,
    lineInValue?: number,
  ): SourceLink => {
    let shown: (string | number)[] | undefined;
    let where: { file: string; line?: number } | undefined;
    const at = () => (where ??= page.locate((shown ??= written(fieldPath)), lineInValue));
    return {
      ...link,
      get file() {
        return at().file;
      },
      get line() {
        return at().line;
      },
      get field() {
        return (shown ??= written(fieldPath)).join(".");
      },
      pageUrl: page.url,
      pageFile: contentFile,
    };
  };
  const skipNamedList = (fieldPath: (string | number)[], value: unknown) => {
    if (fieldPath.length !== 1 || (fieldPath[0] !== "sectionNav" && fieldPath[0] !== "customNav")) return false;
    const list = JSON.stringify(value);
    if (!namedLists.has(list)) return false;
    usedLists?.add(list);
    return true;
  };
  schemaLinks(
    FrontMatter,
    page.frontMatter,
    (kind, value, fieldPath) => {
      if (kind === "href") links.push(frontMatterLink(fieldPath, { href: value, kind: "link" }));
      else
        for (const link of htmlLinks(value))
          links.push(frontMatterLink(fieldPath, { href: link.href, kind: link.kind }, link.line));
    },
    skipNamedList,
  );
  for (const link of pageBodyLinks(page))
    links.push({
      href: link.href,
      file: page.file,
      line: page.bodyLine + link.line,
      kind: link.kind,
      pageUrl: page.url,
      pageFile: contentFile,
    });
  return links;
}

/** What the check reads of a page's body, all from its Markdown tokens: to keep between runs. */
export interface BodyReadings {
  links: readonly { href: string; line: number; kind: string }[];
  written: WrittenBody;
}

/**
 * What earlier runs read of pages' bodies, by their text and first line (lib/build/build-cache.ts): the
 * dev server's first check of a 120-page site spent about half a second parsing bodies to read them.
 */
export interface KeptBodyReadings {
  find(page: SourcePage): BodyReadings | undefined;
  keep(page: SourcePage, readings: BodyReadings): void;
}

const bodyLinksByPage = new WeakMap<SourcePage, BodyReadings["links"]>();

/** A page's body links, from an earlier run's reading of the same body when there is one. */
const pageBodyLinks = (page: SourcePage) => bodyLinksByPage.get(page) ?? bodyLinks(bodyTokens(page));

/**
 * Each page's links, kept per page object as its body's are (bodyLinks): the dev server checks the whole site on
 * every save and keeps an unchanged page's object, so at 4,000 pages walking every page's front matter again
 * cost a third of a second a save. Safe to keep: a page object never changes, and an entry stands only for the
 * same named lists and content file; it notes which named lists the page used, to note them again.
 */
const linksByPage = new WeakMap<SourcePage, { key: string; links: SourceLink[]; used: string[] }>();

function keptPageLinks(
  page: SourcePage,
  contentFile: string,
  namedLists: ReadonlySet<string>,
  namedListsKey: string,
  usedLists: Set<string>,
): SourceLink[] {
  const key = `${contentFile}\0${namedListsKey}`;
  const kept = linksByPage.get(page);
  if (kept?.key === key) {
    for (const list of kept.used) usedLists.add(list);
    return kept.links;
  }
  const used = new Set<string>();
  const links = pageLinks(page, contentFile, namedLists, used);
  for (const list of used) usedLists.add(list);
  linksByPage.set(page, { key, links, used: [...used] });
  return links;
}

/** The links in content/_data: site.json's chrome, and the named navigation lists. */
export async function dataLinks(
  contentRoot: string,
  projectRoot: string,
): Promise<{ links: SourceLink[]; namedLists: Set<string> }> {
  const links: SourceLink[] = [];
  const namedLists = new Set<string>();
  const shownPath = (name: string) => path.relative(projectRoot, path.join(contentRoot, name));
  const site = await readDataFile(path.join(contentRoot, "_data", "site.json"), shownPath("_data/site.json"));
  if (site.value) {
    const { data, lineOf } = site.value;
    schemaLinks(SiteData, data, (kind, value, fieldPath) => {
      const line = lineOf(fieldPath);
      const base = { file: shownPath("_data/site.json"), field: fieldPath.join(".") };
      if (kind === "href")
        links.push({ ...base, href: value, line, kind: fieldPath.at(-1) === "src" ? "image" : "link" });
      else
        for (const link of htmlLinks(value))
          links.push({ ...base, href: link.href, line: lineOf(fieldPath, link.line), kind: link.kind });
    });
  }
  const navigation = await readDataFile(path.join(contentRoot, NAVIGATION_FILE), shownPath(NAVIGATION_FILE));
  if (navigation.value) {
    const { data, lineOf } = navigation.value;
    listsIn(data, namedLists);
    schemaLinks(NavigationData, data, (_kind, value, fieldPath) =>
      links.push({
        href: value,
        file: shownPath(NAVIGATION_FILE),
        line: lineOf(fieldPath),
        field: fieldPath.join("."),
        kind: "link",
        inLists: listsAround(data, fieldPath),
      }),
    );
  }
  const yamlFile = path.join(contentRoot, "_data", "navigation.yaml");
  const bytes = await readFile(yamlFile).catch(() => undefined);
  const text = bytes && decodeSource(shownPath("_data/navigation.yaml"), bytes).text;
  // Its own reader reports a file that does not parse; here it only gives up its links.
  const parsed = text === undefined ? undefined : parsePositionedYaml(text).value;
  if (parsed) {
    listsIn(parsed.data, namedLists);
    hrefKeys(parsed.data, (value, fieldPath) =>
      links.push({
        href: value,
        file: shownPath("_data/navigation.yaml"),
        line: parsed.lineOf(fieldPath as FieldPath),
        field: fieldPath.join("."),
        kind: "link",
        inLists: listsAround(parsed.data, fieldPath),
      }),
    );
  }
  return { links, namedLists };
}

/** What a site path can reach without a build: the site model's pages and what the site publishes beside them. */
export interface SiteTargets {
  /** Published pages by their percent-decoded URL. */
  pages: Map<string, SiteModel["pages"][number]>;
  /** Pages in the content folder the build leaves out (drafts, pages with errors), by decoded URL, with their files. */
  unpublished: Map<string, string>;
  /** Decoded paths of redirects, the site's own pages and files, and content/public's files. */
  others: Set<string>;
}

const decodePath = (encoded: string): string | undefined => {
  try {
    return encoded.split("/").map(decodeURIComponent).join("/");
  } catch {
    return undefined;
  }
};

/** Folder-style paths in one form: `/a`, `/a/` and `/a/index.html` are all `/a/`. */
const folderForm = (sitePath: string) =>
  sitePath.endsWith("/index.html")
    ? sitePath.slice(0, -"index.html".length)
    : sitePath.endsWith("/")
      ? sitePath
      : `${sitePath}/`;

// The ids of the rendered pages, worked out once per check: many links lead into the same page.
const idsByPage = new WeakMap<SiteModel["pages"][number], Set<string>>();
function idsOf(page: SiteModel["pages"][number]): Set<string> {
  let ids = idsByPage.get(page);
  if (!ids) idsByPage.set(page, (ids = pageIds(page)));
  return ids;
}

/** The targets of a model, its unpublished pages and the files in content/public. */
export async function siteTargets(
  model: SiteModel,
  contentRoot: string,
  pageFiles: string[],
  projectRoot: string,
): Promise<SiteTargets> {
  const pages = new Map(model.pages.map((page) => [decodePath(page.url) ?? page.url, page]));
  const unpublished = new Map<string, string>();
  for (const file of pageFiles) {
    const url = decodePath(urlForFile(contentRoot, file));
    if (url && !pages.has(url)) unpublished.set(url, path.relative(projectRoot, file));
  }
  const others = new Set<string>([
    ...Object.values(SITE_FILE_URLS),
    ...model.generated.tagPages.map((tagPage) => decodePath(tagPage.url) ?? tagPage.url),
    // The go-live pages the site makes (those no content page replaces) and the sections' print pages.
    ...[model.generated.accessibilityStatement, model.generated.cookies, model.generated.privacy].flatMap((page) =>
      page ? [page.url] : [],
    ),
    ...model.generated.printPages.map((printPage) => decodePath(printPage.url) ?? printPage.url),
    ...model.redirects.map((redirect) =>
      redirect.from.endsWith("/index.html") ? folderForm(redirect.from) : redirect.from,
    ),
  ]);
  const publicRoot = path.join(contentRoot, "public");
  const entries = await readdir(publicRoot, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile())
      others.add(
        `/public/${path.relative(publicRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`,
      );
  }
  return { pages, unpublished, others };
}

// Stands in for the site's origin while relative links are resolved; never requested.
const ORIGIN = "http://site.invalid";

/** A dead link's diagnostic; `appRoute` is the path it leads to when the Defra app served that path from its code. */
export type LinkProblem = Diagnostic & { appRoute?: string };

/** Why one link leads nowhere on the site, as a diagnostic, or undefined when it arrives. */
export function linkProblem(link: SourceLink, targets: SiteTargets): LinkProblem | undefined {
  const href = browserReadUrl(link.href);
  if (!href || href.startsWith("//") || urlScheme(href)) return undefined;
  // The build sends it through an interruption page of this site, as it does links to internal services.
  if (appInterruptionTarget(href)) return undefined;
  // Read only for a link that is reported: a front matter link's line is found then (pageLinks).
  const at = () => ({
    file: link.file,
    ...(link.line === undefined ? {} : { line: link.line }),
    ...(link.field ? { field: link.field } : {}),
  });
  const written = `${link.kind} \`${link.href}\``;
  if (!href.startsWith("/") && !link.pageUrl) return undefined;
  const resolved = new URL(href, `${ORIGIN}${link.pageUrl ?? "/"}`);
  const sitePath = decodePath(resolved.pathname);
  if (sitePath === undefined)
    return {
      severity: "error",
      ...at(),
      message: `${written} has a % that starts no escape such as %20, so it leads nowhere`,
    };
  const fragment = resolved.hash.slice(1);
  const page = targets.pages.get(sitePath) ?? targets.pages.get(folderForm(sitePath));
  if (page) {
    // "#top" scrolls to the top of any page, as check:links reads it.
    if (!fragment || fragment.toLowerCase() === "top") return undefined;
    const id = decodePath(fragment) ?? fragment;
    const ids = idsOf(page);
    if (ids.has(id)) return undefined;
    const suggestion = nearest(id, ids);
    const onPage = resolved.pathname === new URL(`${ORIGIN}${link.pageUrl ?? "/"}`).pathname ? "this page" : page.url;
    // check:links fails the built page on it.
    return {
      severity: "error",
      ...at(),
      message: `${written}: ${onPage} has no heading or element with the id \`${id}\`${suggestion ? ` (did you mean \`#${suggestion}\`?)` : ""}`,
    };
  }
  if (targets.others.has(sitePath) || targets.others.has(folderForm(sitePath))) return undefined;
  // The build writes these itself: the stylesheets, scripts and images, the search index, and the interruption pages.
  if (/^\/(?:assets|pagefind(?:-\d+)?)\//.test(sitePath) || /^\/interruption\/[0-9a-f]{12}\/?$/.test(sitePath))
    return undefined;
  const leftOut = targets.unpublished.get(sitePath) ?? targets.unpublished.get(folderForm(sitePath));
  if (leftOut)
    return {
      severity: "error",
      ...at(),
      message: `${written} leads to ${leftOut}, which is not published: it is a draft (\`draft: true\`) or has errors of its own`,
    };
  if (/\.md$/i.test(sitePath) && link.pageFile) {
    // A link to another Markdown file is not rewritten: it must name the page's URL.
    const file = path.posix.normalize(
      path.posix.join(path.posix.dirname(link.pageFile), decodePath(href.split(/[?#]/)[0]) ?? ""),
    );
    const url = file.startsWith("..") ? undefined : urlForFile("/", `/${file}`);
    const target = url && (targets.pages.has(decodePath(url) ?? url) ? url : undefined);
    return {
      severity: "error",
      ...at(),
      message: `${written} names a Markdown file, which the site does not publish${target ? `: link to the page's URL, ${target}${resolved.hash}` : ""}`,
    };
  }
  const route = appRouteFor(sitePath);
  if (route) {
    if (route.files)
      return {
        severity: "error",
        ...at(),
        message: `${written} leads nowhere: there is no file content${sitePath} (the Defra app served it from ${route.served}): copy the file there`,
      };
    const fix = `write a page at content${sitePath === "/" ? "/index.md" : `${sitePath.replace(/\/$/, "")}.md`}, or change the link`;
    return {
      severity: "warning",
      ...at(),
      appRoute: sitePath.replace(/(.)\/+$/, "$1"),
      message: `${written}: the Defra app served ${sitePath} from its code (${route.served}), and this site has nothing there: ${fix}`,
    };
  }
  const suggestion = nearestUrl(sitePath, targets);
  return {
    severity: "error",
    ...at(),
    message: `${written} leads nowhere: no page, redirect or file on this site is at ${sitePath}${suggestion ? ` (did you mean ${suggestion}?)` : ""}`,
  };
}

/** The published URL closest to a dead path: a likely typo, or else a page of the same name elsewhere in the tree. */
function nearestUrl(sitePath: string, targets: SiteTargets): string | undefined {
  const urls = [...targets.pages.keys(), ...targets.others];
  const close = nearest(folderForm(sitePath), urls.map(folderForm));
  if (close) return urls.find((url) => folderForm(url) === close);
  const name = (url: string) => url.replace(/\/$/, "").split("/").pop() ?? "";
  const wanted = name(sitePath);
  if (!wanted) return undefined;
  const sameName = [...targets.pages.keys()].filter((url) => name(url) === wanted);
  if (sameName.length) return sameName.sort((a, b) => a.length - b.length)[0];
  const closeName = nearest(wanted, [...targets.pages.keys()].map(name));
  return closeName ? [...targets.pages.keys()].find((url) => name(url) === closeName) : undefined;
}

/**
 * Reads the content folder into the site model, as the build does but without Eleventy, Sass or the layouts,
 * and adds what `npm run check` finds in the source: every internal link, image and `#fragment` (bodies,
 * front matter, site data) that leads nowhere, and each page's headings, ids and alt text (pageFindings),
 * at its file, line and field.
 */
export async function checkSite(
  projectRoot = process.cwd(),
  contentDir?: string,
  settings: ModelSettings = readSettings(),
): Promise<{ model: SiteModel; diagnostics: Diagnostic[] }> {
  const contentRoot = contentDir ?? path.resolve(projectRoot, settings.contentDir);
  // The model's own read of the pages, kept, so the source is read once for the model and the checks.
  const parsed: NonNullable<Parameters<typeof collectSiteModel>[2]>["pages"]["parsed"] = new Map();
  const loaded = await collectSiteModel(
    projectRoot,
    contentRoot,
    { pages: { parsed }, markdown: createMarkdown() },
    settings,
  );
  const pages = [...parsed.values()].flatMap((result) => (result.page ? [result.page] : []));
  // The load left in `parsed` exactly the page files it found, as it does for the dev server.
  const found = await sourceDiagnostics(loaded.model, pages, contentRoot, projectRoot, [...parsed.keys()].sort());
  return { model: loaded.model, diagnostics: sortDiagnostics([...loaded.diagnostics, ...found]) };
}

/**
 * What the check finds in the source of a loaded model, beyond the load's own diagnostics: the dev server
 * calls it after each save with the pages it keeps, and shows each page's findings on the page. `pageFiles`
 * (absolute, sorted) is every page file the load found, so the content folder is not scanned a second time.
 */
export async function sourceDiagnostics(
  model: SiteModel,
  pages: SourcePage[],
  contentRoot: string,
  projectRoot: string,
  pageFiles: string[],
  kept?: KeptBodyReadings,
): Promise<Diagnostic[]> {
  const data = await dataLinks(contentRoot, projectRoot);
  const targets = await siteTargets(model, contentRoot, pageFiles, projectRoot);
  const links: SourceLink[] = [];
  const findings: Diagnostic[] = [];
  const usedLists = new Set<string>();
  const namedListsKey = [...data.namedLists].join("\0");
  for (const page of pages) {
    // Only the pages the model publishes: a draft's links are checked when drafts are.
    const view = model.byUrl.get(page.url);
    if (view?.file !== page.file) continue;
    const contentFile = path.relative(contentRoot, path.resolve(projectRoot, page.file)).split(path.sep).join("/");
    const read = kept?.find(page);
    if (read) {
      bodyLinksByPage.set(page, read.links);
      useWrittenBody(page, read.written);
    }
    links.push(...keptPageLinks(page, contentFile, data.namedLists, namedListsKey, usedLists));
    findings.push(...pageFindings(page, view));
    if (kept && !read) kept.keep(page, { links: pageBodyLinks(page), written: writtenBody(page) });
  }
  // A named list no published page uses puts no link on the site.
  links.push(...data.links.filter((link) => !link.inLists || link.inLists.some((list) => usedLists.has(list))));
  const drawn = drawnLinks(model.site, pages, data.namedLists);
  const problems = sortDiagnostics(
    links.filter(drawn).flatMap((link) => linkProblem(link, targets) ?? []),
  ) as LinkProblem[];
  // A folder default's link is met once per page under the folder; once is enough.
  const seen = new Set<string>();
  const unique = problems.filter((problem) => {
    const key = JSON.stringify(problem);
    return !seen.has(key) && seen.add(key);
  });
  return sortDiagnostics([...groupAppRoutes(unique), ...findings]);
}

/**
 * Whether a link is drawn on the site: a navigation bar's link that site.json's `hiddenFromNavigation`
 * leaves out is not, so it may lead to a page not yet written. That is a link in `customNav`, in site.json's
 * `navigation` (the main navigation, also drawn beside side-nav pages) or `serviceNavigation`, or in a
 * named list no page shows as its `sectionNav`.
 */
function drawnLinks(
  site: SiteData,
  pages: SourcePage[],
  namedLists: ReadonlySet<string>,
): (link: SourceLink) => boolean {
  if (!site.hiddenFromNavigation.length) return () => true;
  const sectionLists = new Set(
    pages.flatMap((page) => {
      const list = page.frontMatter.sectionNav && JSON.stringify(page.frontMatter.sectionNav);
      return list && namedLists.has(list) ? [list] : [];
    }),
  );
  const inBar = (link: SourceLink) => {
    if (link.inLists) return !link.inLists.some((list) => sectionLists.has(list));
    if (link.pageUrl !== undefined) return /^customNav\./.test(link.field ?? "");
    return /^(?:navigation|serviceNavigation)\./.test(link.field ?? "");
  };
  return (link) => !(inBar(link) && isHiddenFromNavigation(link.href, site.hiddenFromNavigation));
}

/**
 * One warning per path the Defra app served from its code, at its first link, counting the rest:
 * every page's "Home" breadcrumb leads to /, and one page there answers them all.
 */
function groupAppRoutes(problems: LinkProblem[]): Diagnostic[] {
  const byRoute = new Map<string, LinkProblem[]>();
  const grouped: Diagnostic[] = [];
  for (const problem of problems) {
    if (problem.appRoute === undefined) grouped.push(problem);
    else byRoute.set(problem.appRoute, [...(byRoute.get(problem.appRoute) ?? []), problem]);
  }
  for (const [first, ...others] of byRoute.values()) {
    const { appRoute: _route, ...diagnostic } = first;
    const where = (problem: Diagnostic) => (problem.line ? `${problem.file}:${problem.line}` : problem.file);
    const listed = others.slice(0, 3).map(where).join(", ");
    const more = others.length > 3 ? ` and ${others.length - 3} more` : "";
    grouped.push(
      others.length
        ? {
            ...diagnostic,
            message: `${diagnostic.message} (${others.length} other link${others.length === 1 ? "" : "s"} lead${others.length === 1 ? "s" : ""} there too: ${listed}${more})`,
          }
        : diagnostic,
    );
  }
  return grouped;
}
