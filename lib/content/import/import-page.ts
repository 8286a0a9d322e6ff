import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { stringify } from "yaml";
import { FrontMatter } from "../../schema/front-matter.ts";
import { slugify } from "../../markdown/slugify.ts";
import type { Diagnostic } from "../../diagnostics.ts";
import { normaliseDialect } from "../dialects.ts";
import { readFrontMatter } from "../front-matter-source.ts";
import { findPageHistoryTail } from "./page-history-tail.ts";
import { decodeSource } from "../text-repair.ts";
import { KNOWN_FIELDS } from "../validate-front-matter.ts";
import { WIKI_LINK, readWikiLink, resolveFrontMatterWikiLinks, type FieldReport, type WikiLink, type WikiResolution } from "../wiki-link-targets.ts";

/** One thing the import changed, at a line of the original file where there is one. */
export interface ImportChange {
  line?: number;
  message: string;
}

/** A page rewritten into the site's own dialect. */
export interface ImportedPage {
  /** The new file's text: YAML front matter in the schema's field order, then the repaired body. */
  text: string;
  title: string;
  /** A file name from the title, for when the editor gives no destination. */
  suggestedName: string;
  changes: ImportChange[];
}

// Structure only: the site's own rules (classes, the one-h1 rule) must not change what is read.
const parser = new MarkdownIt({ html: true });
const FIELD_ORDER = Object.keys(FrontMatter.shape);
const CLIPPING_ID = /^\d{12}(?:\d{2})?$/;

const toIsoDate = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

/** Dates as YYYY-MM-DD wherever they are, so the YAML reads as editors write it. */
function plainDates(value: unknown): unknown {
  if (value instanceof Date) return toIsoDate(value);
  if (Array.isArray(value)) return value.map(plainDates);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainDates(item)]));
  return value;
}

const headingText = (tokens: Token[], index: number) => tokens[index + 1]?.content.trim() ?? "";

/**
 * Rewrites a page from another tool (Jekyll, Obsidian, Hugo, or a page pasted from GOV.UK) into the
 * site's own dialect: repaired text, front matter fields renamed to ours, wiki links turned into
 * Markdown links, a repeated title heading dropped, `#` headings moved down a level, and a
 * "Published / Last updated / change notes" tail lifted into front matter. Says what it changed.
 */
export function importPage(file: string, bytes: Uint8Array, resolveWikiLink?: (link: WikiLink) => WikiResolution): { page?: ImportedPage; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(file, bytes);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  const { source, diagnostics } = readFrontMatter(file, decoded.text);
  if (!source) return { diagnostics: [...decoded.diagnostics, ...diagnostics] };
  const changes: ImportChange[] = [...decoded.diagnostics, ...diagnostics].map((diagnostic) => ({
    line: diagnostic.line,
    message: `${diagnostic.field ? `${diagnostic.field}: ` : ""}${diagnostic.message}`,
  }));

  const normalised = normaliseDialect(file, source);
  changes.push(...normalised.diagnostics.map((diagnostic) => ({ line: diagnostic.line, message: `${diagnostic.field ? `${diagnostic.field}: ` : ""}${diagnostic.message}` })));
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(normalised.data)) {
    if (KNOWN_FIELDS.has(field)) data[field] = value;
    else changes.push({ line: source.lineOf([field]), message: `${field}: left out, as it is not a field this site uses (it was ${JSON.stringify(toIsoDate(value))})` });
  }
  if (typeof data.title !== "string" || !data.title) {
    return { diagnostics: [{ severity: "error", file, line: source.lineOf(["title"]) ?? 1, field: "title", message: "the page has no title, so it cannot be imported: add `title:` to its front matter" }] };
  }
  const title = data.title;

  if (Array.isArray(data.aliases)) {
    const kept = data.aliases.filter((alias) => typeof alias !== "string" || (!CLIPPING_ID.test(alias) && alias.toLowerCase() !== title.toLowerCase()));
    if (kept.length !== data.aliases.length) {
      changes.push({ line: source.lineOf(["aliases"]), message: "aliases: left out the clipping id and the title, which every wiki link already finds" });
      if (kept.length) data.aliases = kept;
      else delete data.aliases;
    }
  }

  const reports: FieldReport[] = [];
  const resolved = resolveFrontMatterWikiLinks(data, resolveWikiLink ?? (() => ({ problem: "no pages to link to were given" })), reports);
  for (const report of reports) changes.push({ line: source.lineOf(report.path), message: `${report.path.join(".")}: ${report.message}` });
  const body = rewriteBody(source.body, source.bodyLine, title, resolved, changes, (path) => (String(path[0]) in source.data ? source.lineOf(path) : undefined), resolveWikiLink);
  // Changes read top to bottom, as the editor meets them in the original.
  changes.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const ordered = Object.fromEntries(FIELD_ORDER.filter((field) => field in resolved).map((field) => [field, plainDates(resolved[field])]));
  const yaml = stringify(ordered, { lineWidth: 0 });
  return {
    page: { text: `---\n${yaml}---\n\n${body}`, title, suggestedName: `${slugify(title) || "page"}.md`, changes },
    diagnostics: [],
  };
}

/**
 * A "Contents" paragraph followed by a list of nothing but links to #headings: a contents list copied
 * from another page, whose links lead back there. Gives its body lines [start, end) when there is one.
 */
function handMadeContents(tokens: Token[]): [number, number] | undefined {
  const start = tokens.findIndex((token, index) => token.type === "paragraph_open" && tokens[index + 1]?.content.trim().toLowerCase() === "contents");
  if (start === -1 || !tokens[start].map) return undefined;
  const list = tokens[start + 3];
  if (!list || (list.type !== "bullet_list_open" && list.type !== "ordered_list_open") || !list.map) return undefined;
  let index = start + 4;
  for (; tokens[index] && tokens[index].level > list.level; index++) {
    const token = tokens[index];
    if (token.type !== "inline") continue;
    const children = (token.children ?? []).filter((child) => !(child.type === "text" && /^[\s—–-]*$/.test(child.content)));
    const onlyLink = children[0]?.type === "link_open" && children[children.length - 1]?.type === "link_close" && children.filter((child) => child.type === "link_open").length === 1;
    if (!onlyLink || !(children[0].attrGet("href") ?? "").includes("#")) return undefined;
  }
  return [tokens[start].map[0], list.map[1]];
}

function rewriteBody(
  body: string,
  bodyLine: number,
  title: string,
  data: Record<string, unknown>,
  changes: ImportChange[],
  lineOf: (path: ReadonlyArray<string | number>) => number | undefined,
  resolveWikiLink?: (link: WikiLink) => WikiResolution,
): string {
  const lines = body.split("\n");
  const fileLine = (index: number) => bodyLine + index;
  const dropped = new Set<number>();
  const drop = (from: number, to: number) => {
    for (let index = from; index < to; index++) dropped.add(index);
  };

  const tail = findPageHistoryTail(lines);
  if (tail) {
    if ("changeHistory" in data) {
      changes.push({ line: fileLine(tail.startLine), message: "left the page history in the body, because front matter already has `changeHistory`" });
    } else {
      for (const [field, value] of [["published", tail.published], ["lastUpdated", tail.lastUpdated]] as const) {
        if (!value) continue;
        const before = toIsoDate(data[field]);
        if (before !== undefined && before !== value) changes.push({ line: lineOf([field]), message: `${field}: ${before} from front matter replaced by ${value} from the page's own history` });
        data[field] = value;
      }
      if (tail.changeHistory.length) data.changeHistory = tail.changeHistory;
      drop(tail.startLine, lines.length);
      changes.push({
        line: fileLine(tail.startLine),
        message: `moved the page history at the foot of the page into front matter: published ${tail.published}${tail.lastUpdated ? `, lastUpdated ${tail.lastUpdated}` : ""}, ${tail.changeHistory.length} change note${tail.changeHistory.length === 1 ? "" : "s"}`,
      });
    }
  }

  const tokens = parser.parse(lines.filter((_, index) => !dropped.has(index)).join("\n"), {});
  // The parse ran on the body without the tail, which only ever removes lines from the end.
  const code = new Set<number>();
  for (const token of tokens) if ((token.type === "fence" || token.type === "code_block") && token.map) for (let index = token.map[0]; index < token.map[1]; index++) code.add(index);

  const first = tokens.findIndex((token) => token.type === "heading_open");
  if (first === 0 && tokens[0].tag === "h1" && tokens[0].map && headingText(tokens, 0).toLowerCase() === title.trim().toLowerCase()) {
    drop(tokens[first].map![0], tokens[first].map![1]);
    changes.push({ line: fileLine(tokens[first].map![0]), message: "left out the first heading, because it repeats the title" });
  }

  const contents = handMadeContents(tokens);
  if (contents) {
    drop(contents[0], contents[1]);
    changes.push({ line: fileLine(contents[0]), message: "left out the hand-made \"Contents\" list: its links lead to headings on the page it was copied from, not this one" });
  }

  const headings = tokens
    .map((token, index) => ({ token, index }))
    .filter(({ token }) => token.type === "heading_open" && token.map && !dropped.has(token.map[0]));
  const rewritten = new Map<number, string>();
  if (headings.some(({ token }) => token.tag === "h1")) {
    for (const { token, index } of headings) {
      const [start, end] = token.map!;
      const level = Math.min(Number(token.tag[1]) + 1, 6);
      if (token.markup.startsWith("#")) {
        rewritten.set(start, lines[start].replace(/^(\s{0,3})#{1,6}/, `$1${"#".repeat(level)}`));
      } else {
        // A setext heading (text underlined with === or ---) becomes one # heading at its new level.
        rewritten.set(start, `${"#".repeat(level)} ${headingText(tokens, index)}`);
        drop(start + 1, end);
      }
    }
    changes.push({ line: fileLine(headings[0].token.map![0]), message: "moved every heading down a level (# to ##), so the title is the page's only h1" });
  }

  let wikiLinks = 0;
  let trimmed = 0;
  const output: string[] = [];
  lines.forEach((original, index) => {
    if (dropped.has(index)) return;
    let line = rewritten.get(index) ?? original;
    if (!code.has(index)) {
      if (line.includes("[[")) {
        // Code spans keep their text: split them out and rewrite only what is between them.
        line = line.split(/(`+[^`]*`+)/).map((part) => (part.startsWith("`") ? part : part.replace(WIKI_LINK, (...match) => {
          const link = readWikiLink(match as unknown as RegExpMatchArray);
          const resolution = resolveWikiLink?.(link) ?? { problem: "no pages to link to were given" };
          wikiLinks++;
          if ("href" in resolution) return `[${link.text}](${resolution.href})`;
          changes.push({ line: fileLine(index), message: `turned the wiki link ${link.raw} into plain text: ${resolution.problem}` });
          return link.text;
        }))).join("");
      }
      // Two or more trailing spaces before a following line of text are a line break, and stay.
      const breakKept = /\S {2,}$/.test(line) && lines[index + 1] !== undefined && lines[index + 1].trim() !== "";
      if (!breakKept && /[ \t]+$/.test(line)) {
        line = line.replace(/[ \t]+$/, "");
        trimmed++;
      }
    }
    output.push(line);
  });
  if (wikiLinks) changes.push({ message: `rewrote ${wikiLinks} wiki link${wikiLinks === 1 ? "" : "s"} in the body as Markdown links (or text where no page answers to them)` });
  if (trimmed) changes.push({ message: `removed spaces from the end of ${trimmed} line${trimmed === 1 ? "" : "s"}` });

  // One blank line between the front matter and the text, and one newline at the end.
  return `${output.join("\n").replace(/^\n+/, "").replace(/\n*$/, "")}\n`;
}
