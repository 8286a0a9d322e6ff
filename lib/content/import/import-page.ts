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
import { WIKI_LINK, isEmbedAt, readWikiLink, resolveFrontMatterWikiLinks, type WikiLink, type WikiResolution } from "../wiki-link-targets.ts";
import { convertEmbed, foreignSyntaxReplacements, type ConversionContext } from "./convert-foreign-syntax.ts";

/** A page rewritten into the site's own dialect. */
export interface ImportedPage {
  /** The new file's text: YAML front matter in the schema's field order, then the repaired body. */
  text: string;
  title: string;
  /** A file name from the title, for when the editor gives no destination. */
  suggestedName: string;
  /** What the import changed, as `info` diagnostics at the original file's lines where there is one, top to bottom. */
  changes: Diagnostic[];
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
 * Markdown links, Obsidian's embeds into images and links, other tools' template tags and shortcodes
 * into what they mean here (or left with a warning), a repeated title heading dropped, `#` headings
 * moved down a level, and a "Published / Last updated / change notes" tail lifted into front matter.
 * Says what it changed.
 * @param options.siteName what `{{ site.title }}` becomes: site.json's `serviceName`
 * @param options.url the page's address in its new place, against which `slug` and `permalink` are read
 */
export function importPage(
  file: string,
  bytes: Uint8Array,
  resolveWikiLink?: (link: WikiLink) => WikiResolution,
  options: { siteName?: string; url?: string } = {},
): { page?: ImportedPage; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(file, bytes);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  const { source, diagnostics } = readFrontMatter(file, decoded.text);
  if (!source) return { diagnostics: [...decoded.diagnostics, ...diagnostics] };
  const normalised = normaliseDialect(file, source, options.url);
  // What the readers repaired is, for the import, something it changed.
  const changes: Diagnostic[] = [...decoded.diagnostics, ...diagnostics, ...normalised.diagnostics].map((diagnostic) => ({ ...diagnostic, severity: "info" }));
  const change = changeRecorder(file, changes);

  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(normalised.data)) {
    if (KNOWN_FIELDS.has(field)) data[field] = value;
    else change(source.lineOf([field]), `left out, as it is not a field this site uses (it was ${JSON.stringify(toIsoDate(value))})`, field);
  }
  if (typeof data.title !== "string" || !data.title) {
    return { diagnostics: [{ severity: "error", file, line: source.lineOf(["title"]) ?? 1, field: "title", message: "the page has no title, so it cannot be imported: add `title:` to its front matter" }] };
  }
  const title = data.title;

  if (Array.isArray(data.aliases)) {
    const kept = data.aliases.filter((alias) => typeof alias !== "string" || (!CLIPPING_ID.test(alias) && alias.toLowerCase() !== title.toLowerCase()));
    if (kept.length !== data.aliases.length) {
      change(source.lineOf(["aliases"]), "left out the clipping id and the title, which every wiki link already finds", "aliases");
      if (kept.length) data.aliases = kept;
      else delete data.aliases;
    }
  }

  const linkDiagnostics: Diagnostic[] = [];
  const resolved = resolveFrontMatterWikiLinks(data, resolveWikiLink ?? (() => ({ problem: "no pages to link to were given" })), {
    locate: (fieldPath) => ({ file, line: source.lineOf(fieldPath) }),
    diagnostics: linkDiagnostics,
  });
  changes.push(...linkDiagnostics.map((diagnostic) => ({ ...diagnostic, severity: "info" as const })));
  const body = rewriteBody({
    body: source.body,
    bodyLine: source.bodyLine,
    title,
    data: resolved,
    change,
    lineOf: (fieldPath) => (String(fieldPath[0]) in source.data ? source.lineOf(fieldPath) : undefined),
    resolveWikiLink,
    siteName: options.siteName,
    report: (line, message, severity = "info") => changes.push({ severity, file, line, message }),
  });
  // Changes read top to bottom, as the editor meets them in the original.
  changes.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const ordered = Object.fromEntries(FIELD_ORDER.filter((field) => field in resolved).map((field) => [field, plainDates(resolved[field])]));
  const yaml = stringify(ordered, { lineWidth: 0 });
  return {
    page: { text: `---\n${yaml}---\n\n${body}`, title, suggestedName: `${slugify(title) || "page"}.md`, changes },
    diagnostics: [],
  };
}

/** Says what the import changed: at a line of the original where there is one, and in a field where it is one. */
type RecordChange = (line: number | undefined, message: string, field?: string) => void;

function changeRecorder(file: string, changes: Diagnostic[]): RecordChange {
  return (line, message, field) => {
    changes.push({ severity: "info", file, ...(line === undefined ? {} : { line }), ...(field === undefined ? {} : { field }), message });
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

/** What the body rewrite reads, and where it says what it changed. */
interface BodyRewriteOptions {
  body: string;
  /** The original file's line on which the body starts. */
  bodyLine: number;
  title: string;
  /** The front matter, which the page history at the foot of the body is lifted into. */
  data: Record<string, unknown>;
  change: RecordChange;
  /** The original's line of a front matter field, where it has one. */
  lineOf: (path: ReadonlyArray<string | number>) => number | undefined;
  resolveWikiLink?: (link: WikiLink) => WikiResolution;
  siteName?: string;
  report: ConversionContext["report"];
}

/** The body's lines while they are rewritten: which are dropped, and which are replaced. */
interface BodyLines {
  lines: string[];
  dropped: Set<number>;
  rewritten: Map<number, string>;
  /** The original file's line of a body line (0-based within the body). */
  fileLine(index: number): number;
  drop(from: number, to: number): void;
}

function bodyLines(body: string, bodyLine: number): BodyLines {
  const dropped = new Set<number>();
  return {
    lines: body.split("\n"),
    dropped,
    rewritten: new Map(),
    fileLine: (index) => bodyLine + index,
    drop(from, to) {
      for (let index = from; index < to; index++) dropped.add(index);
    },
  };
}

/**
 * Rewrites the body in steps, each saying what it changed: the page history at the foot goes into
 * front matter, a first heading that repeats the title and a hand-made contents list go, headings
 * move down a level when there is a `#` heading, then wiki links and trailing spaces are rewritten.
 */
function rewriteBody(options: BodyRewriteOptions): string {
  const body = bodyLines(options.body, options.bodyLine);
  liftPageHistory(body, options);
  // The parse runs on the body without the tail, which only ever removes lines from the end.
  const tokens = parser.parse(body.lines.filter((_, index) => !body.dropped.has(index)).join("\n"), {});
  dropRepeatedTitle(body, tokens, options);
  dropHandMadeContents(body, tokens, options);
  moveHeadingsDown(body, tokens, options);
  const code = codeLines(tokens);
  convertForeignTags(body, code, options);
  const output = rewriteLines(body, code, options);
  // One blank line between the front matter and the text, and one newline at the end.
  return `${output.join("\n").replace(/^\n+/, "").replace(/\n*$/, "")}\n`;
}

/** Moves a "Published / Last updated / change notes" tail into front matter, unless front matter has its own history. */
function liftPageHistory(body: BodyLines, { data, change, lineOf }: BodyRewriteOptions): void {
  const tail = findPageHistoryTail(body.lines);
  if (!tail) return;
  if ("changeHistory" in data) {
    change(body.fileLine(tail.startLine), "left the page history in the body, because front matter already has `changeHistory`");
    return;
  }
  for (const [field, value] of [["published", tail.published], ["lastUpdated", tail.lastUpdated]] as const) {
    if (!value) continue;
    const before = toIsoDate(data[field]);
    if (before !== undefined && before !== value) change(lineOf([field]), `${before} from front matter replaced by ${value} from the page's own history`, field);
    data[field] = value;
  }
  if (tail.changeHistory.length) data.changeHistory = tail.changeHistory;
  body.drop(tail.startLine, body.lines.length);
  const notes = tail.changeHistory.length;
  change(
    body.fileLine(tail.startLine),
    `moved the page history at the foot of the page into front matter: published ${tail.published}${tail.lastUpdated ? `, lastUpdated ${tail.lastUpdated}` : ""}, ${notes} change note${notes === 1 ? "" : "s"}`,
  );
}

/** The body lines inside fenced and indented code, which keep their text. */
function codeLines(tokens: Token[]): Set<number> {
  const code = new Set<number>();
  for (const token of tokens) {
    if ((token.type !== "fence" && token.type !== "code_block") || !token.map) continue;
    for (let index = token.map[0]; index < token.map[1]; index++) code.add(index);
  }
  return code;
}

/** Drops a first heading that says the title again: the layout shows the title. */
function dropRepeatedTitle(body: BodyLines, tokens: Token[], { title, change }: BodyRewriteOptions): void {
  const first = tokens[0];
  if (first?.type !== "heading_open" || first.tag !== "h1" || !first.map) return;
  if (headingText(tokens, 0).toLowerCase() !== title.trim().toLowerCase()) return;
  body.drop(first.map[0], first.map[1]);
  change(body.fileLine(first.map[0]), "left out the first heading, because it repeats the title");
}

function dropHandMadeContents(body: BodyLines, tokens: Token[], { change }: BodyRewriteOptions): void {
  const contents = handMadeContents(tokens);
  if (!contents) return;
  body.drop(contents[0], contents[1]);
  change(body.fileLine(contents[0]), "left out the hand-made \"Contents\" list: its links lead to headings on the page it was copied from, not this one");
}

/** When the body has a `#` heading, moves every heading down a level so the title is the page's only h1. */
function moveHeadingsDown(body: BodyLines, tokens: Token[], { change }: BodyRewriteOptions): void {
  const headings = tokens
    .map((token, index) => ({ token, index }))
    .filter(({ token }) => token.type === "heading_open" && token.map && !body.dropped.has(token.map[0]));
  if (!headings.some(({ token }) => token.tag === "h1")) return;
  for (const { token, index } of headings) {
    const [start, end] = token.map!;
    const level = Math.min(Number(token.tag[1]) + 1, 6);
    if (token.markup.startsWith("#")) {
      body.rewritten.set(start, body.lines[start].replace(/^(\s{0,3})#{1,6}/, `$1${"#".repeat(level)}`));
    } else {
      // A setext heading (text underlined with === or ---) becomes one # heading at its new level.
      body.rewritten.set(start, `${"#".repeat(level)} ${headingText(tokens, index)}`);
      body.drop(start + 1, end);
    }
  }
  change(body.fileLine(headings[0].token.map![0]), "moved every heading down a level (# to ##), so the title is the page's only h1");
}

function conversionContext({ title, siteName, resolveWikiLink, report }: BodyRewriteOptions): ConversionContext {
  return { title, siteName, report, resolveWikiLink: resolveWikiLink ?? (() => ({ problem: "no pages to link to were given" })) };
}

/**
 * Rewrites other tools' template tags and shortcodes outside code as what they mean here, run by run
 * of lines between code blocks: a tag over several lines (a macro call) replaces its first line from
 * where it starts, and its other lines are dropped.
 */
function convertForeignTags(body: BodyLines, code: Set<number>, options: BodyRewriteOptions): void {
  const context = conversionContext(options);
  const current = (index: number) => body.rewritten.get(index) ?? body.lines[index];
  let index = 0;
  while (index < body.lines.length) {
    if (code.has(index) || body.dropped.has(index)) {
      index++;
      continue;
    }
    const run: number[] = [];
    for (; index < body.lines.length && !code.has(index) && !body.dropped.has(index); index++) run.push(index);
    const text = run.map(current).join("\n");
    if (!/\{\{|\{%|<%/.test(text)) continue;
    // Where each line of the run starts in its text, to turn offsets back into lines and columns.
    const starts = run.map((_, position) => run.slice(0, position).reduce((sum, line) => sum + current(line).length + 1, 0));
    const at = (offset: number) => {
      let position = starts.length - 1;
      while (starts[position] > offset) position--;
      return { line: run[position], column: offset - starts[position] };
    };
    const replacements = foreignSyntaxReplacements(text, body.fileLine(run[0]), context);
    // From the end, so the columns of the replacements before stay right.
    for (const replacement of replacements.reverse()) {
      const from = at(replacement.start);
      const to = at(replacement.end);
      body.rewritten.set(from.line, current(from.line).slice(0, from.column) + replacement.text + current(to.line).slice(to.column));
      if (to.line > from.line) body.drop(from.line + 1, to.line + 1);
    }
  }
}

/** The lines that are kept, with wiki links outside code turned into Markdown links and trailing spaces removed. */
function rewriteLines(body: BodyLines, code: Set<number>, options: BodyRewriteOptions): string[] {
  const { change, resolveWikiLink } = options;
  let wikiLinks = 0;
  let trimmed = 0;
  const context = conversionContext(options);
  const rewriteWikiLinks = (text: string, index: number) => {
    let rewritten = "";
    let last = 0;
    for (const match of text.matchAll(WIKI_LINK)) {
      const embed = isEmbedAt(text, match.index) && match.index > last;
      rewritten += text.slice(last, embed ? match.index - 1 : match.index);
      last = match.index + match[0].length;
      if (embed) {
        rewritten += convertEmbed(match, body.fileLine(index), context);
        continue;
      }
      const link = readWikiLink(match);
      const resolution = resolveWikiLink?.(link) ?? { problem: "no pages to link to were given" };
      wikiLinks++;
      if ("href" in resolution) rewritten += `[${link.text}](${resolution.href})`;
      else {
        change(body.fileLine(index), `turned the wiki link ${link.raw} into plain text: ${resolution.problem}`);
        rewritten += link.text;
      }
    }
    return rewritten + text.slice(last);
  };
  const output: string[] = [];
  body.lines.forEach((original, index) => {
    if (body.dropped.has(index)) return;
    let line = body.rewritten.get(index) ?? original;
    if (code.has(index)) {
      output.push(line);
      return;
    }
    // Code spans keep their text: split them out and rewrite only what is between them.
    if (line.includes("[[")) line = line.split(/(`+[^`]*`+)/).map((part) => (part.startsWith("`") ? part : rewriteWikiLinks(part, index))).join("");
    // Two or more trailing spaces before a following line of text are a line break, and stay.
    const next = body.lines[index + 1];
    const breakKept = /\S {2,}$/.test(line) && next !== undefined && next.trim() !== "";
    if (!breakKept && /[ \t]+$/.test(line)) {
      line = line.replace(/[ \t]+$/, "");
      trimmed++;
    }
    output.push(line);
  });
  if (wikiLinks) change(undefined, `rewrote ${wikiLinks} wiki link${wikiLinks === 1 ? "" : "s"} in the body as Markdown links (or text where no page answers to them)`);
  if (trimmed) change(undefined, `removed spaces from the end of ${trimmed} line${trimmed === 1 ? "" : "s"}`);
  return output;
}
