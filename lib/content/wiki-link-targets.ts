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
}

/** Reads the parts of one wiki link match. */
export function readWikiLink(match: RegExpMatchArray): WikiLink {
  const [raw, target = "", heading, label] = match;
  const text = label?.trim() || [target.trim(), heading?.trim()].filter(Boolean).join(" > ");
  return { raw, target: target.trim(), heading: heading?.trim() || undefined, text };
}

/** A page a wiki link can lead to. */
export interface LinkablePage {
  url: string;
  title: string;
  aliases?: string[];
  /** Path from the project root, for matching by file name. */
  file: string;
}

/** What a wiki link resolves to: the page's URL (with the heading's fragment), or why it does not resolve. */
export type WikiResolution = { href: string } | { problem: string };

const key = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Indexes every page by title, alias and file name (case-insensitive), once per build, and returns
 * the resolver for wiki links. A link to a name no page has says which name is closest.
 */
export function createWikiLinkResolver(pages: LinkablePage[]): (link: WikiLink) => WikiResolution {
  const byName = new Map<string, string>();
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
  return (link) => {
    if (!link.target) return link.heading ? { href: `#${slugify(link.heading)}` } : { problem: "has no target" };
    const url = byName.get(key(link.target));
    if (url) return { href: link.heading ? `${url}#${slugify(link.heading)}` : url };
    const suggestion = nearest(link.target, names);
    return { problem: `no page has the title, alias or file name "${link.target}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}` };
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
