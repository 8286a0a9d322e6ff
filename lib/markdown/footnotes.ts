import type MarkdownIt from "markdown-it";
import type { PluginSimple } from "markdown-it";
import footnotePlugin from "markdown-it-footnote";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { escapeHtml } from "../safety/escape-html.ts";
import type { MarkdownEnv, MarkdownSettings } from "./govuk-markdown.ts";
import { rawHtmlPieces, startTags } from "./raw-html.ts";

/** What markdown-it-footnote keeps in the env while it parses a body. */
interface FootnoteEnv {
  footnotes?: {
    /** `:label` → the note's number less one, or -1 while nothing refers to it. */
    refs?: Record<string, number>;
    list?: { label?: string; count?: number }[];
  };
}

/** The heading over the notes, an h2 at the size the site gives h2s. */
const H2_CLASS: Record<MarkdownSettings["headingsStartWith"], string> = {
  xl: "govuk-heading-l",
  l: "govuk-heading-m",
  m: "govuk-heading-s",
};

// As markdown-it-footnote reads a note's start: a label without spaces, then `]:`.
const NOTE_START = /^\[\^([^\] ]+)\]:/;
// Anything an author meant as a reference that is still text once the plugin has read the body.
const UNREAD_REFERENCE = /\[\^([^\]\n]+)\]/g;

/** The body lines each `[^label]:` note is written on, per parse: the plugin keeps no line for a note. */
const noteLines = new WeakMap<object, Map<string, number[]>>();

/** The 1-based body line of each child of an inline token, counting the line breaks before it. */
function childLines(token: Token): number[] {
  let line = (token.map?.[0] ?? 0) + 1;
  return (token.children ?? []).map((child) => {
    if (child.type === "softbreak" || child.type === "hardbreak") line++;
    return line;
  });
}

/** Every id the body's raw HTML and tokens already give, which the notes' ids must not repeat. */
function idsInBody(tokens: Token[]): Set<string> {
  const ids = new Set<string>();
  for (const { token } of rawHtmlPieces(tokens))
    for (const tag of startTags(token.content))
      for (const attribute of tag.attributes) if (attribute.name === "id") ids.add(attribute.value.trim());
  for (const token of tokens)
    for (const each of [token, ...(token.children ?? [])]) {
      const id = each.attrGet("id");
      if (id) ids.add(id);
    }
  return ids;
}

/** A reference in a link's text would be a link inside a link, which HTML does not allow: it goes just after the link. */
function moveReferencesOutOfLinks(token: Token): void {
  if (!token.children?.some((child) => child.type === "footnote_ref")) return;
  const children: Token[] = [];
  const held: Token[] = [];
  let depth = 0;
  for (const child of token.children) {
    if (child.type === "link_open") depth++;
    if (child.type === "footnote_ref" && depth > 0) {
      held.push(child);
      continue;
    }
    children.push(child);
    if (child.type === "link_close" && --depth === 0) children.push(...held.splice(0));
  }
  token.children = [...children, ...held];
}

/**
 * Gives every reference, note and the notes' heading its id, each unique on the page. The ids are set as
 * token attributes, which the heading rule reads as taken: a "Footnote 1" heading becomes footnote-1-2.
 */
function assignIds(state: StateCore): Map<number, number> {
  const used = idsInBody(state.tokens);
  const take = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
  const noteIds = new Map<number, string>();
  const referenceIds = new Map<string, string>();
  const firstReferenceLine = new Map<number, number>();
  for (const token of state.tokens) {
    if (token.type === "footnote_block_open") token.attrSet("id", take("footnotes"));
    if (token.type === "footnote_open") {
      const id = take(`footnote-${token.meta.id + 1}`);
      noteIds.set(token.meta.id, id);
      token.attrSet("id", id);
    }
  }
  for (const token of state.tokens) {
    if (token.type !== "inline") continue;
    moveReferencesOutOfLinks(token);
    const lines = childLines(token);
    token.children?.forEach((child, index) => {
      if (child.type !== "footnote_ref") return;
      const { id: note, subId = 0 } = child.meta as { id: number; subId?: number };
      const number = note + 1;
      const id = take(subId > 0 ? `footnote-reference-${number}-${subId + 1}` : `footnote-reference-${number}`);
      child.attrSet("id", id);
      child.meta.noteId = noteIds.get(note);
      referenceIds.set(`${note}:${subId}`, id);
      if (!firstReferenceLine.has(note)) firstReferenceLine.set(note, lines[index]);
    });
  }
  for (const token of state.tokens) {
    if (token.type !== "footnote_anchor") continue;
    token.meta.referenceId = referenceIds.get(`${token.meta.id}:${token.meta.subId ?? 0}`);
  }
  return firstReferenceLine;
}

/** Notes for what a reader would find broken: references to no note, notes nothing refers to, empty notes. */
function noteProblems(state: StateCore, firstReferenceLine: Map<number, number>): void {
  const env = state.env as MarkdownEnv & FootnoteEnv;
  const warn = (line: number, message: string) => env.notes?.push({ severity: "warning", line, message });
  const written = noteLines.get(state.env) ?? new Map<string, number[]>();
  const refs = env.footnotes?.refs ?? {};

  for (const token of state.tokens) {
    if (token.type !== "inline") continue;
    const lines = childLines(token);
    token.children?.forEach((child, index) => {
      if (child.type !== "text") return;
      for (const [reference, label] of child.content.matchAll(UNREAD_REFERENCE)) {
        if (label.includes(" "))
          warn(
            lines[index],
            `the footnote label in ${reference} has a space, so it is shown as text: write it without spaces, as [^${label.trim().replace(/\s+/g, "-")}], in the reference and the note`,
          );
        else if (refs[`:${label}`] === undefined)
          warn(
            lines[index],
            `the footnote reference ${reference} has no note, so it is shown as text: write the note on a line of its own, as [^${label}]: The note.`,
          );
      }
    });
  }

  for (const [label, lines] of written) {
    if (lines.length > 1)
      warn(
        lines[lines.length - 1],
        `the footnote [^${label}] is written ${lines.length} times (lines ${lines.join(", ")}); only the last is shown: give each note its own label`,
      );
    if (refs[`:${label}`] === -1)
      warn(
        lines[0],
        `the footnote [^${label}] is never referred to, so it is left out: refer to it with [^${label}] where it applies, or delete it`,
      );
  }

  state.tokens.forEach((token, index) => {
    if (token.type !== "footnote_open") return;
    let end = index + 1;
    let hasText = false;
    for (; state.tokens[end].type !== "footnote_close"; end++)
      if (state.tokens[end].type === "inline" && state.tokens[end].content.trim()) hasText = true;
    if (hasText) return;
    const label = token.meta.label as string | undefined;
    const line = (label && written.get(label)?.at(-1)) || firstReferenceLine.get(token.meta.id) || 1;
    warn(line, `the footnote ${label ? `[^${label}]` : token.meta.id + 1} is empty: write the note after the colon`);
  });
}

/**
 * Footnotes (`text[^1]` and `[^1]: The note.`) the GOV.UK way: each reference a superscript link named
 * "footnote 1" for screen readers, the notes in a numbered list under a "Footnotes" h2 at the foot of the
 * body, each ending in a link back to where it was referred to. markdown-it-footnote's own rendering has
 * a rule before the notes, no heading and a bare "↩" as the back-link's only name.
 *
 * The heading is printed with the notes rather than made a heading token, so it stays out of the
 * contents list: the list is the author's sections, and counting the notes as one would give a page of
 * two sections a contents list. It also stays an h2 when a body's `#` headings are moved down a level.
 */
export function footnotes(md: MarkdownIt, settings: Pick<MarkdownSettings, "headingsStartWith">): void {
  // Its @types describe markdown-it's CommonJS build, whose types differ from the ES module's in name only.
  md.use(footnotePlugin as unknown as PluginSimple);

  md.block.ruler.before("footnote_def", "footnote_def_line", (state, startLine, _endLine, silent) => {
    if (silent) return false;
    const start = state.bMarks[startLine] + state.tShift[startLine];
    const label = NOTE_START.exec(state.src.slice(start, state.eMarks[startLine]))?.[1];
    if (label) {
      let written = noteLines.get(state.env);
      if (!written) noteLines.set(state.env, (written = new Map()));
      const lines = written.get(label) ?? [];
      if (!lines.includes(startLine + 1)) written.set(label, [...lines, startLine + 1]);
    }
    return false;
  });

  // Before text is joined, so an escaped `\[^1]` is still apart from the text and is not read as a reference.
  md.core.ruler.before("text_join", "footnote_ids", (state) => {
    if (state.inlineMode) return;
    // Every reference and note, inline notes too, starts with one of these. Most bodies have neither, and
    // walking every token and raw HTML tag for them cost those bodies a seventh of their Markdown time.
    if (!state.src.includes("[^") && !state.src.includes("^[")) return;
    noteProblems(state, assignIds(state));
    noteLines.delete(state.env);
  });

  md.renderer.rules.footnote_ref = (tokens, index) => {
    const token = tokens[index];
    const number = token.meta.id + 1;
    const href = token.meta.noteId ?? `footnote-${number}`;
    const id = token.attrGet("id");
    return (
      `<sup class="app-footnotes__reference"><a href="#${escapeHtml(href)}"${id ? ` id="${escapeHtml(id)}"` : ""} class="govuk-link">` +
      `<span class="govuk-visually-hidden">footnote </span>${number}</a></sup>`
    );
  };

  md.renderer.rules.footnote_block_open = (tokens, index) =>
    '<section class="app-footnotes">\n' +
    `<h2 class="${H2_CLASS[settings.headingsStartWith]}" id="${escapeHtml(tokens[index].attrGet("id") ?? "footnotes")}">Footnotes</h2>\n` +
    '<ol class="govuk-list govuk-list--number app-footnotes__list">\n';
  md.renderer.rules.footnote_block_close = () => "</ol>\n</section>\n";
  md.renderer.rules.footnote_open = (tokens, index) =>
    `<li id="${escapeHtml(tokens[index].attrGet("id") ?? `footnote-${tokens[index].meta.id + 1}`)}">`;
  md.renderer.rules.footnote_close = () => "</li>\n";

  // The arrow is drawn, not read: the link's name is the words beside it. A note referred to more than
  // once has a link back to each reference, told apart by their order.
  md.renderer.rules.footnote_anchor = (tokens, index, _options, env: FootnoteEnv) => {
    const { id, subId = 0, referenceId } = tokens[index].meta as { id: number; subId?: number; referenceId?: string };
    // A reference inside an image's alt text is never printed, so there is nothing to go back to.
    if (!referenceId) return "";
    const count = env.footnotes?.list?.[id]?.count ?? 1;
    const which = count > 1 ? ` (${subId + 1} of ${count})` : "";
    return (
      ` <a href="#${escapeHtml(referenceId)}" class="govuk-link app-footnotes__back-link">` +
      `<span aria-hidden="true">↑</span><span class="govuk-visually-hidden">Back to reference ${id + 1}${which}</span></a>`
    );
  };
}
