import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import type { Diagnostic } from "../diagnostics.ts";
import type { SourcePage } from "../content/load-content.ts";
import { DECORATIVE_ALT } from "../markdown/safe-content.ts";
import type { PageView } from "../model/site-model.ts";
import { slugify } from "../markdown/slugify.ts";

// Structure only: where things are written, not how the site renders them (the site's own rules change
// the HTML, never where a link goes).
const parser = new MarkdownIt({ html: true });

type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["childNode"] | DefaultTreeAdapterMap["documentFragment"];

/** An element of author HTML in a page's body, at its 1-based line in the page's file. */
interface WrittenElement {
  tag: string;
  attrs: Map<string, string>;
  line: number;
  /** For `<a href>`: whether a reader (or screen reader) gets any text for it. */
  named?: boolean;
  /** For `<a href>`: whether it holds an image, whose alt text is then the link's only name. */
  holdsImage?: boolean;
  /** For headings: inside `<nav>` or a dialog, which html-validate's heading-level rule counts on their own. */
  inSectioningRoot?: boolean;
}

/** What a page's source says about its headings, ids and images, read once per page and kept while the page is unchanged. */
export interface WrittenBody {
  html: WrittenElement[];
  /** Markdown headings in the order written: level as written, text, and line in the file. */
  headings: { level: number; text: string; line: number }[];
  /** Markdown images: alt as written, src, line; `linkNamed` is whether a link around the image has other text. */
  images: { alt: string; src: string; line: number; inLink?: { named: boolean } }[];
  /** Markdown links with no text at all: `[](/x)`. */
  emptyLinks: { href: string; line: number }[];
}

const SECTIONING_ROOTS = new Set(["nav", "dialog"]);

/** The elements of one piece of author HTML, with their lines counted from `firstLine`. */
function htmlElements(html: string, firstLine: number): WrittenElement[] {
  if (!html.includes("<")) return [];
  const found: WrittenElement[] = [];
  const textOf = (node: Node): { text: boolean; image: boolean } => {
    let text = false;
    let image = false;
    const visit = (child: Node) => {
      if ("value" in child && typeof child.value === "string" && child.nodeName === "#text" && child.value.trim())
        text = true;
      if ("tagName" in child) {
        const element = child as Element;
        const attribute = (name: string) => element.attrs.find((each) => each.name === name)?.value;
        if (element.tagName === "img") {
          image = true;
          if (attribute("alt")?.trim()) text = true;
        }
        if (attribute("aria-label")?.trim() || attribute("title")?.trim()) text = true;
        if (attribute("aria-hidden") === "true") return;
      }
      if ("childNodes" in child) for (const each of child.childNodes) visit(each as Node);
    };
    if ("childNodes" in node) for (const each of node.childNodes) visit(each as Node);
    return { text, image };
  };
  const visit = (node: Node, inRoot: boolean) => {
    if ("tagName" in node) {
      const element = node as Element;
      const attrs = new Map(element.attrs.map((attribute) => [attribute.name.toLowerCase(), attribute.value]));
      const line = firstLine + (element.sourceCodeLocation?.startLine ?? 1) - 1;
      const written: WrittenElement = { tag: element.tagName, attrs, line };
      // Only a link closed within this piece of HTML shows all it holds; the text of one opened here may follow as Markdown.
      if (element.tagName === "a" && attrs.has("href") && element.sourceCodeLocation?.endTag) {
        const { text, image } = textOf(element);
        written.named = text || Boolean(attrs.get("aria-label")?.trim() || attrs.get("title")?.trim());
        written.holdsImage = image;
      }
      if (/^h[1-6]$/.test(element.tagName)) written.inSectioningRoot = inRoot;
      found.push(written);
      const root = inRoot || SECTIONING_ROOTS.has(element.tagName) || /dialog/.test(attrs.get("role") ?? "");
      if (element.tagName === "template") visit((element as unknown as { content: Node }).content, root);
      for (const child of element.childNodes) visit(child as Node, root);
      return;
    }
    if ("childNodes" in node) for (const child of node.childNodes) visit(child as Node, inRoot);
  };
  visit(parseFragment(html, { sourceCodeLocationInfo: true }), false);
  return found;
}

const written = new WeakMap<SourcePage, WrittenBody>();

/** Takes what an earlier run's writtenBody gave for the same body, at the same line, as this page's. */
export function useWrittenBody(page: SourcePage, body: WrittenBody): void {
  written.set(page, body);
}

/**
 * A page body's Markdown tokens, parsed once for both readings the check makes of it (its links, in
 * source-links.ts, and its headings, ids and images here). Kept per page object: the dev server keeps
 * an unchanged page's object between saves, and a changed page is a new one.
 */
const tokensByPage = new WeakMap<SourcePage, Token[]>();
export function bodyTokens(page: SourcePage): Token[] {
  let tokens = tokensByPage.get(page);
  if (!tokens) tokensByPage.set(page, (tokens = parser.parse(page.body, {})));
  return tokens;
}

/** Reads a page's body for what the checks below need, in one pass; kept per page object, so the dev server reads only saved pages again. */
export function writtenBody(page: SourcePage): WrittenBody {
  const kept = written.get(page);
  if (kept) return kept;
  const body: WrittenBody = { html: [], headings: [], images: [], emptyLinks: [] };
  const tokens = bodyTokens(page);
  const fileLine = (bodyLine: number) => page.bodyLine + bodyLine;
  tokens.forEach((token, index) => {
    const blockLine = token.map ? token.map[0] : 0;
    if (token.type === "html_block") {
      body.html.push(...htmlElements(token.content, fileLine(blockLine)));
      return;
    }
    if (token.type === "heading_open") {
      const inline = tokens[index + 1];
      const text = (inline?.children ?? [])
        .filter((child) => child.type === "text" || child.type === "code_inline")
        .map((child) => child.content)
        .join("");
      body.headings.push({ level: Number(token.tag[1]), text, line: fileLine(blockLine) });
    }
    if (token.type !== "inline") return;
    let line = blockLine;
    let link: { href: string; line: number; named: boolean; images: WrittenBody["images"] } | undefined;
    const visit = (children: Token[]) => {
      for (const child of children) {
        if (child.type === "link_open") link = { href: child.attrGet("href") ?? "", line, named: false, images: [] };
        else if (child.type === "link_close" && link) {
          for (const image of link.images) image.inLink = { named: link.named };
          if (!link.named && !link.images.length) body.emptyLinks.push({ href: link.href, line: fileLine(link.line) });
          link = undefined;
        } else if (child.type === "image") {
          const alt = child.content.trim();
          const image = { alt, src: child.attrGet("src") ?? "", line: fileLine(line) };
          body.images.push(image);
          if (link) {
            link.images.push(image);
            if (alt && alt !== DECORATIVE_ALT) link.named = true;
          }
        } else if (child.type === "html_inline") {
          body.html.push(...htmlElements(child.content, fileLine(line)));
          if (link && /<img\b[^>]*\balt\s*=\s*["']?[^"'\s>]/i.test(child.content)) link.named = true;
        } else if (link && (child.type === "text" || child.type === "code_inline") && child.content.trim())
          link.named = true;
        if (child.children && child.type !== "image") visit(child.children);
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        else
          line += (child.type === "html_inline" || child.type === "text" ? child.content.match(/\n/g)?.length : 0) ?? 0;
      }
    };
    visit(token.children ?? []);
  });
  written.set(page, body);
  return body;
}

// Ids the layouts give every page, beside those its body makes: GOV.UK Frontend's template's skip link target.
const LAYOUT_IDS = ["main-content"];

/** The ids the layout draws on a page besides its body's: the header's search box, a hub's section headings. */
export function layoutIds(view: PageView): string[] {
  const ids = [...LAYOUT_IDS];
  if (view.site && (view.site as { headerSearch?: boolean }).headerSearch) ids.push("site-search-header");
  view.layoutParts?.hub?.sections?.forEach((_section, index) => ids.push(`hub-section-${index + 1}`));
  return ids;
}

/** Every id (and `<a name>`) in a piece of rendered HTML, in order, comments left out. */
export function renderedIds(html: string): string[] {
  if (!html.includes("id=") && !html.includes("name=")) return [];
  const code = html.replace(/<!--[\s\S]*?-->/g, "");
  const ids: string[] = [];
  for (const match of code.matchAll(/<[a-zA-Z][^>]*?\sid="([^"]*)"/g)) ids.push(decodeEntities(match[1]));
  for (const match of code.matchAll(/<a\s[^>]*?\bname="([^"]*)"/gi)) ids.push(decodeEntities(match[1]));
  return ids;
}

const decodeEntities = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The ids a page can be linked into: its headings, the ids in its body and support box, and the layout's. */
export function pageIds(view: PageView): Set<string> {
  const ids = new Set(layoutIds(view));
  for (const heading of view.headings) ids.add(heading.id);
  for (const id of renderedIds(view.bodyHtml)) ids.add(id);
  for (const html of supportBoxHtml(view)) for (const id of renderedIds(html)) ids.add(id);
  return ids;
}

const supportBoxHtml = (view: PageView): string[] => [
  ...(view.supportBox?.description ? [view.supportBox.description] : []),
  ...(view.supportBox?.items ?? []),
];

/**
 * The line each rendered heading is written on. The renderer leaves out a first `#` heading that repeats the
 * title and may move every heading down a level, so headings are matched in order by the words of their ids.
 */
function headingLines(view: PageView, written: WrittenBody["headings"]): number[] {
  const lines: number[] = [];
  let next = 0;
  for (const heading of view.headings) {
    const base = heading.id.replace(/-\d+$/, "");
    let found = -1;
    for (let index = next; index < written.length; index++) {
      const slug = slugify(written[index].text) || "section";
      if (slug === heading.id || slug === base || slug.startsWith(base) || base.startsWith(slug)) {
        found = index;
        break;
      }
    }
    if (found === -1 && next < written.length) found = next;
    lines.push(found === -1 ? (lines.at(-1) ?? 0) : written[found].line);
    if (found !== -1) next = found + 1;
  }
  return lines;
}

const IMAGE_FILE = /\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$/i;
const PLACEHOLDER_ALT = new Set(["image", "img", "picture", "photo", "photograph", "screenshot", "graphic", "alt"]);

/** Why an alt text tells a reader nothing, or undefined when it may. */
function poorAlt(alt: string, src: string): string | undefined {
  const name = decodeURIComponentSafe(src.split(/[?#]/)[0].split("/").pop() ?? "");
  if (IMAGE_FILE.test(alt) || (name && alt.toLowerCase() === name.toLowerCase()))
    return "is a file name, which tells a screen reader user nothing: say what the image shows";
  if (PLACEHOLDER_ALT.has(alt.toLowerCase().replace(/[^a-z]/g, "")))
    return `is only "${alt}": say what the image shows, or write "" if it is only decoration`;
  return undefined;
}

const decodeURIComponentSafe = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * What `npm run check` finds on one page beyond its links, from its source and its rendered view: headings that
 * skip a level, ids used twice, images and links with no text a screen reader can read. Errors where check:html
 * (html-validate's heading-level, no-dup-id, wcag/h30, wcag/h36 and area-alt rules) fails the built page,
 * warnings for what only a reader would notice. Images with no alt text at all are the renderer's errors already.
 */
export function pageFindings(page: SourcePage, view: PageView): Diagnostic[] {
  const body = writtenBody(page);
  const findings: Diagnostic[] = [];
  const at = (line: number) => ({ file: page.file, line });
  const error = (line: number, message: string) => findings.push({ severity: "error", ...at(line), message });
  const warning = (line: number, message: string) => findings.push({ severity: "warning", ...at(line), message });

  // Headings, in the order the page shows them: the layout's h1 (and a contents list's or hub's h2) first.
  const lines = headingLines(view, body.headings);
  const shown = [
    ...view.headings.map((heading, index) => ({ level: heading.level, text: heading.text, line: lines[index] })),
    ...body.html
      .filter((element) => /^h[1-6]$/.test(element.tag) && !element.inSectioningRoot)
      .map((element) => ({ level: Number(element.tag[1]), text: `<${element.tag}>`, line: element.line })),
  ].sort((a, b) => a.line - b.line);
  let previous = view.contents?.length || view.layoutParts?.hub?.sections?.length ? 2 : 1;
  for (const heading of shown) {
    if (heading.level > previous + 1)
      error(
        heading.line,
        `heading "${heading.text}" is an h${heading.level} after an h${previous}: headings go down one level at a time, so make it an h${previous + 1}`,
      );
    previous = heading.level;
  }

  // Ids: each once on the page, across the layout's, the headings' and the author's.
  const authored = body.html.filter((element) => element.attrs.has("id"));
  const firstSeen = new Map<string, string>();
  for (const id of layoutIds(view)) firstSeen.set(id, "the layout");
  view.headings.forEach((heading, index) => {
    if (!firstSeen.has(heading.id)) firstSeen.set(heading.id, `the heading "${heading.text}" at line ${lines[index]}`);
  });
  for (const element of authored) {
    const id = (element.attrs.get("id") ?? "").trim();
    if (!id) continue;
    const first = firstSeen.get(id);
    if (first)
      error(
        element.line,
        `id \`${id}\` on \`<${element.tag}>\` is already used by ${first}: ids must be unique on a page, or links to #${id} and labels find the wrong element`,
      );
    else firstSeen.set(id, `\`<${element.tag}>\` at line ${element.line}`);
  }

  // Images and the links around them.
  for (const image of body.images) {
    if (image.alt && image.alt !== DECORATIVE_ALT) {
      const poor = poorAlt(image.alt, image.src);
      if (poor) warning(image.line, `the alt text "${image.alt}" of image \`${image.src}\` ${poor}`);
    }
    if (image.inLink && !image.inLink.named)
      error(
        image.line,
        `a link holds only the image \`${image.src}\`, whose alt text is empty, so the link has no name: write alt text saying where the link goes`,
      );
  }
  for (const link of body.emptyLinks)
    error(link.line, `link \`${link.href}\` has no text: write what it leads to between the brackets`);
  for (const element of body.html) {
    const alt = element.attrs.get("alt");
    const src = element.attrs.get("src") ?? "";
    if (element.tag === "img" && alt !== undefined) {
      if (alt && !alt.trim())
        warning(element.line, `\`<img src="${src}">\` has alt text of only spaces: say what it shows, or write alt=""`);
      else if (alt.trim()) {
        const poor = poorAlt(alt.trim(), src);
        if (poor) warning(element.line, `the alt text "${alt.trim()}" of \`<img src="${src}">\` ${poor}`);
      }
    }
    if (element.tag === "input" && element.attrs.get("type")?.toLowerCase() === "image" && !alt?.trim())
      error(element.line, `\`<input type="image">\` has no alt text: say what the button does in alt="…"`);
    if (element.tag === "area" && element.attrs.has("href") && !alt?.trim())
      error(
        element.line,
        `\`<area href="${element.attrs.get("href")}">\` has no alt text: say where it leads in alt="…"`,
      );
    if (element.tag === "a" && element.named === false)
      error(
        element.line,
        element.holdsImage
          ? `\`<a href="${element.attrs.get("href")}">\` holds only an image with empty alt text, so the link has no name: give the image alt text saying where the link goes`
          : `\`<a href="${element.attrs.get("href")}">\` has no text: write what it leads to inside it`,
      );
  }
  return findings;
}
