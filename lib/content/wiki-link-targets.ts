import { readdir } from "node:fs/promises";
import path from "node:path";
import { slugify } from "../markdown/slugify.ts";
import { nearest } from "./nearest.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { escapeHtml } from "../safety/escape-html.ts";
import type { Locate } from "./schema-issues.ts";

/** `[[target]]`, `[[target|label]]` and `[[target#heading|label]]`, as Obsidian writes links between notes. */
export const WIKI_LINK = /\[\[([^[\]|#\n]*)(?:#([^[\]|\n]*))?(?:\|([^[\]\n]*))?\]\]/g;

/** One wiki link as written. */
export interface WikiLink {
  raw: string;
  target: string;
  heading?: string;
  /** What readers see: the label, or the target's own words when there is none. */
  text: string;
  /** Written `![[…]]`: Obsidian's embed, which shows the file (or the note) in the page. */
  embed?: boolean;
  /** The page file the link is written in, from the project root: a file beside the page is found first. */
  from?: string;
}

/** Reads the parts of one wiki link match. */
export function readWikiLink(match: RegExpMatchArray): WikiLink {
  const [raw, target = "", heading, label] = match;
  const text = label?.trim() || [target.trim(), heading?.trim()].filter(Boolean).join(" > ");
  return { raw, target: target.trim(), heading: heading?.trim() || undefined, text };
}

/** Obsidian's embed `![[file]]`: a wiki link with `!` before it. */
export const isEmbedAt = (text: string, index: number): boolean => index > 0 && text[index - 1] === "!";

// The image formats Obsidian shows in an embed, which browsers show too.
const IMAGE_FILE = /\.(?:avif|bmp|gif|jpe?g|png|svg|webp)$/i;
// Obsidian's `|300` and `|300x200` after an embedded image set its size, not its alt text.
const IMAGE_SIZE = /^\d+(?:x\d+)?$/;

/** An embed read for what it shows: an image, another file, or a note (a page). */
export interface Embed {
  kind: "image" | "file" | "note";
  /** The image's alt text, or the link's text; for an image with none written, empty. */
  text: string;
  /** Obsidian's size (`300`, `300x200`), which Markdown images cannot carry. */
  size?: string;
}

/** What an embed shows, from its target and the words after its `|`. */
export function readEmbed(link: WikiLink, label: string | undefined): Embed {
  const parts = (label ?? "").split("|").map((part) => part.trim());
  const size = parts.length > 1 || IMAGE_SIZE.test(parts[0]) ? parts.find((part) => IMAGE_SIZE.test(part)) : undefined;
  const words = parts.filter((part) => part && part !== size).join(" | ");
  if (IMAGE_FILE.test(link.target)) return { kind: "image", text: words, ...(size ? { size } : {}) };
  const fileName = path.posix.basename(link.target);
  if (/\.[a-z0-9]{1,8}$/i.test(fileName) && !/\.md$/i.test(fileName)) return { kind: "file", text: words || fileName };
  return { kind: "note", text: words || link.text };
}

/** A page a wiki link can lead to. */
export interface LinkablePage {
  url: string;
  title: string;
  aliases?: string[];
  /** Path from the project root, for matching by file name. */
  file: string;
}

/**
 * What a wiki link resolves to: the page's URL (with the heading's fragment), or a published file's URL
 * and its path from the project root, or why it does not resolve.
 */
export type WikiResolution = { href: string; file?: string; title?: string } | { problem: string };

/** The files a wiki link or embed can lead to: those in content/public/, which the site publishes at /public/. */
export interface PublishedFiles {
  /** The content folder's path from the project root, as page files are given. */
  contentFolder: string;
  /** Each file's path inside public/, with `/` between folders. */
  paths: readonly string[];
}

/** Every regular file in the content folder's public/, as PublishedFiles' paths are written; none when there is no public/. */
export async function listPublicFiles(contentRoot: string): Promise<string[]> {
  const publicRoot = path.join(contentRoot, "public");
  const entries = await readdir(publicRoot, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(publicRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** The URL a file in public/ is published at. */
export const publicFileUrl = (inPublic: string): string => `/public/${inPublic.split("/").map(encodeURIComponent).join("/")}`;

/**
 * Finds the published file a target names, as Obsidian finds attachments: by its path inside public/,
 * beside the page (public/ mirrors the content tree, as a folder import copies it), or by its name
 * alone when only one file has it; ignoring capitals when nothing matches exactly, as Obsidian does on
 * macOS and Windows, and giving the file's own spelling, which the server needs.
 */
function fileResolver(files: PublishedFiles): (target: string, from?: string) => WikiResolution {
  const folder = files.contentFolder.split(path.sep).join("/").replace(/\/+$/, "");
  const exact = new Set(files.paths);
  const lower = new Map<string, string>();
  for (const file of files.paths) if (!lower.has(file.toLowerCase())) lower.set(file.toLowerCase(), file);
  return (target, from) => {
    let wanted = target.replace(/^\/+/, "");
    for (const prefix of [`${folder}/`, "public/"]) if (wanted.startsWith(prefix)) wanted = wanted.slice(prefix.length);
    const fromFolder = from ? path.posix.dirname(path.posix.relative(folder, from.split(path.sep).join("/"))) : ".";
    const beside = path.posix.join(fromFolder, wanted);
    const found = (file: string) => ({ href: publicFileUrl(file), file: `${folder}/public/${file}` });
    for (const candidate of [beside, wanted]) {
      if (exact.has(candidate)) return found(candidate);
      const anyCase = lower.get(candidate.toLowerCase());
      if (anyCase) return found(anyCase);
    }
    const named = files.paths.filter((file) => file.toLowerCase().endsWith(`/${wanted.toLowerCase()}`));
    if (named.length === 1) return found(named[0]);
    const whereBeside = `${folder}/public/${fromFolder === "." ? "" : `${fromFolder}/`}`;
    if (named.length > 1)
      return {
        problem: `${named.length} files in ${folder}/public/ are called "${path.posix.basename(wanted)}" (${named.join(", ")}): write the one you mean by its path inside public/, such as "${named[0]}"`,
      };
    return {
      problem: `no file in ${folder}/public/ is called "${wanted}": files beside a page are not published, so put it in ${whereBeside}, which mirrors the page's folder, or write its path inside public/`,
    };
  };
}

const key = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Indexes every page by title, alias and file name (case-insensitive), once per build, and returns
 * the resolver for wiki links. A link to a name no page has says which name is closest. An embed of
 * an image or another file (`![[diagram.png]]`), and a link to a name with a file's extension that no
 * page has, lead to the published file.
 */
export function createWikiLinkResolver(pages: LinkablePage[], files?: PublishedFiles): (link: WikiLink) => WikiResolution {
  const resolveFile = fileResolver(files ?? { contentFolder: "content", paths: [] });
  const byName = new Map<string, string>();
  const titleByUrl = new Map(pages.map((page) => [page.url, page.title]));
  const add = (name: string | undefined, url: string) => {
    if (name && !byName.has(key(name))) byName.set(key(name), url);
  };
  for (const page of pages) add(page.title, page.url);
  for (const page of pages) for (const alias of page.aliases ?? []) add(alias, page.url);
  for (const page of pages) {
    const name = path.basename(page.file, ".md");
    add(name === "index" ? path.basename(path.dirname(page.file)) : name, page.url);
  }
  const names = pages.map((page) => page.title);
  const resolvePage = (link: WikiLink): WikiResolution => {
    if (!link.target) return link.heading ? { href: `#${slugify(link.heading)}` } : { problem: "has no target" };
    const url = byName.get(key(link.target.replace(/\.md$/i, "")));
    if (url) return { href: link.heading ? `${url}#${slugify(link.heading)}` : url, title: titleByUrl.get(url) };
    const suggestion = nearest(link.target, names);
    return { problem: `no page has the title, alias or file name "${link.target}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}` };
  };
  return (link) => {
    const embedded = link.embed ? readEmbed(link, undefined).kind : undefined;
    if (embedded === "image") return resolveFile(link.target, link.from);
    const page = resolvePage(link);
    if ("href" in page || !/\.[a-z0-9]{1,8}$/i.test(link.target) || /\.md$/i.test(link.target)) return page;
    const file = resolveFile(link.target, link.from);
    return "href" in file || embedded === "file" ? file : page;
  };
}

type FieldKind = "href" | "html" | "text";

function kindOf(fieldPath: (string | number)[]): FieldKind {
  const last = fieldPath[fieldPath.length - 1];
  if (last === "href" || fieldPath[0] === "source" || fieldPath[0] === "headerServiceUrl") return "href";
  if (fieldPath[0] === "supportBox" && (fieldPath[1] === "description" || fieldPath[1] === "items")) return "html";
  return "text";
}

/** Where the diagnostics about front matter wiki links go, and how each finds its field's file and line. */
export interface FrontMatterReport {
  locate: Locate;
  diagnostics: Diagnostic[];
}

/**
 * Rewrites wiki links in front matter values for the kind of field they are in: a link field gets the
 * page's URL, an HTML field (the support box) gets a link, and a text field (title, description) gets
 * the link's words, since text cannot hold a link. A link no page answers to is an error in a link
 * field and plain text, with a warning, elsewhere.
 */
export function resolveFrontMatterWikiLinks<T>(value: T, resolve: (link: WikiLink) => WikiResolution, report: FrontMatterReport, fieldPath: (string | number)[] = []): T {
  if (typeof value === "string") {
    if (!value.includes("[[")) return value;
    const kind = kindOf(fieldPath);
    const say = (severity: Diagnostic["severity"], message: string) =>
      report.diagnostics.push({ severity, ...report.locate(fieldPath), field: fieldPath.join("."), message });
    const rewritten = value.replace(WIKI_LINK, (...match) => {
      const link = readWikiLink(match as unknown as RegExpMatchArray);
      const resolution = resolve(link);
      if ("href" in resolution) {
        if (kind === "html") return `<a class="govuk-link" href="${escapeHtml(resolution.href)}">${escapeHtml(link.text)}</a>`;
        if (kind === "href") return resolution.href;
        say("warning", `shows the wiki link ${link.raw} as its text "${link.text}": this field cannot hold a link`);
        return link.text;
      }
      if (kind === "href") {
        say("error", `the wiki link ${link.raw} leads nowhere: ${resolution.problem}`);
        return link.raw;
      }
      say("warning", `shows the wiki link ${link.raw} as plain text "${link.text}": ${resolution.problem}`);
      return kind === "html" ? escapeHtml(link.text) : link.text;
    });
    return rewritten as T;
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveFrontMatterWikiLinks(item, resolve, report, [...fieldPath, index])) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, resolveFrontMatterWikiLinks(item, resolve, report, [...fieldPath, field])])) as T;
  }
  return value;
}
