import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { didYouMean } from "../content/nearest.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";
import {
  govukComponentPieces,
  headingLevelAt,
  idTaker,
  makePiece,
  makeRoot,
  noteAt,
  PIECE,
  slot,
  usePieces,
} from "./govuk-component.ts";

/** What a callout becomes: README's "Callouts" table says why each type has its look. */
export type CalloutLook = "inset" | "warning" | "important" | "success" | "quote";

/**
 * GitHub's five alert types and every type Obsidian defines, with its aliases. `important` is GitHub's
 * (a notification banner), not Obsidian's alias of `tip`: pages written for GitHub mean it as the stronger.
 */
export const CALLOUT_TYPES: Readonly<Record<string, CalloutLook>> = {
  note: "inset",
  abstract: "inset",
  summary: "inset",
  tldr: "inset",
  info: "inset",
  todo: "inset",
  tip: "inset",
  hint: "inset",
  question: "inset",
  help: "inset",
  faq: "inset",
  example: "inset",
  important: "important",
  success: "success",
  check: "success",
  done: "success",
  warning: "warning",
  caution: "warning",
  attention: "warning",
  failure: "warning",
  fail: "warning",
  missing: "warning",
  danger: "warning",
  error: "warning",
  bug: "warning",
  quote: "quote",
  cite: "quote",
};

// `[!type]`, then `-` (folded) or `+` (unfolded), then the title, if any, on the rest of the line.
const MARKER = /^\[!([A-Za-z][\w-]*)\]([+-]?)(?=[ \t]|$)[ \t]*/;

// Not the macro's default id, which the form pages' own notice banner has.
const BANNER_TITLE_ID = "callout-title";

/** The title the type gives when the callout has none of its own, as GitHub and Obsidian show it: `[!TIP]` is "Tip". */
const defaultTitle = (type: string) => type.charAt(0).toUpperCase() + type.slice(1).toLowerCase();

/** A quote whose first line is a callout marker: its type, fold and the title's inline tokens. */
interface Marker {
  type: string;
  fold: "" | "-" | "+";
  title: Token[];
}

/** Reads the marker off the quote's first paragraph, leaving the paragraph holding the lines after it. */
function takeMarker(tokens: Token[], open: number): Marker | undefined {
  const inline = tokens[open + 2];
  if (tokens[open + 1]?.type !== "paragraph_open" || inline?.type !== "inline") return undefined;
  const children = inline.children ?? [];
  const first = children[0];
  const match = first?.type === "text" ? MARKER.exec(first.content) : null;
  if (!match) return undefined;
  const lineEnd = children.findIndex((child) => child.type === "softbreak" || child.type === "hardbreak");
  const title = children.slice(0, lineEnd === -1 ? children.length : lineEnd);
  inline.children = lineEnd === -1 ? [] : children.slice(lineEnd + 1);
  inline.content = inline.content.slice(inline.content.indexOf("\n") + 1 || inline.content.length);
  first.content = first.content.slice(match[0].length);
  if (!first.content) title.shift();
  while (title.length && title.at(-1)?.type === "text" && !title.at(-1)?.content.trim()) title.pop();
  return { type: match[1], fold: match[2] as Marker["fold"], title };
}

/** The quote's closing token: the next close at its own level (quotes inside it close deeper). */
function closeOf(tokens: Token[], open: number): number {
  for (let at = open + 1; at < tokens.length; at++) {
    if (tokens[at].type === "blockquote_close" && tokens[at].level === tokens[open].level) return at;
  }
  return tokens.length - 1;
}

function inlineOf(state: StateCore, children: Token[], level: number, map: [number, number] | null): Token {
  const inline = new state.Token("inline", "", 0);
  inline.children = children;
  inline.content = children.map((child) => child.content).join("");
  inline.level = level;
  inline.map = map;
  return inline;
}

function textToken(state: StateCore, text: string): Token {
  const token = new state.Token("text", "", 0);
  token.content = text;
  return token;
}

/** The title, bold, as the first paragraph of inset text or a quote. */
function titleParagraph(state: StateCore, title: Token, level: number): Token[] {
  const open = new state.Token("paragraph_open", "p", 1);
  open.attrSet("class", "govuk-!-font-weight-bold");
  open.block = true;
  open.level = level;
  open.map = title.map;
  const close = new state.Token("paragraph_close", "p", -1);
  close.block = true;
  close.level = level;
  return [open, title, close];
}

/**
 * Warning text prints inside `<strong>`, which holds only a line of text: it takes the title and the
 * first paragraph, and whatever else the warning holds (more paragraphs, a list) follows it as ordinary
 * content, with a note so the editor knows.
 */
function asWarningText(
  state: StateCore,
  env: MarkdownEnv,
  open: Token,
  close: Token,
  title: Token | undefined,
  body: Token[],
  fallbackTitle: string,
): Token[] {
  makeRoot(open, () =>
    govukComponentPieces("govukWarningText", "warning-text", { html: slot(0), iconFallbackText: "Warning" }),
  );
  const firstIsParagraph = body[0]?.type === "paragraph_open";
  const inside: Token[] = [];
  if (firstIsParagraph) {
    const paragraphEnd = body.findIndex((token) => token.type === "paragraph_close");
    inside.push(...body.splice(0, paragraphEnd + 1));
    inside[0].hidden = true;
    inside[inside.length - 1].hidden = true;
  }
  const heading =
    title ?? (inside.length ? undefined : inlineOf(state, [textToken(state, fallbackTitle)], open.level + 1, open.map));
  if (heading && inside.length) heading.children?.push(new state.Token("hardbreak", "br", 0));
  if (body.length) {
    const rest = body.find((token) => token.map) ?? open;
    noteAt(
      env,
      rest,
      "warning",
      "warning text holds one paragraph, so the rest of this warning follows it as ordinary text: keep a warning to one paragraph, or put the rest after it",
    );
  }
  return [open, ...(heading ? [heading] : []), ...inside, makePiece(close, open, 1), ...body];
}

/**
 * GitHub alerts (`> [!NOTE]`) and Obsidian callouts (`> [!tip] Title`, folded with `-` or `+`) as GOV.UK
 * Frontend components: inset text, warning text, a notification banner or details (README, "Callouts").
 * An unknown type is shown as inset text, with a warning; a quote without a marker stays a quote.
 */
export function callouts(md: MarkdownIt): void {
  usePieces(md);
  md.core.ruler.push("callouts", (state) => {
    // Gathered here and given in line order: the callouts are read from the end.
    const env: MarkdownEnv = { notes: [] };
    const tokens = state.tokens;
    const banners: Token[] = [];
    // From the end, so a callout inside another is shaped before the one around it looks for its close.
    for (let open = tokens.length - 1; open >= 0; open--) {
      if (tokens[open].type !== "blockquote_open") continue;
      const marker = takeMarker(tokens, open);
      if (!marker) continue;
      const close = closeOf(tokens, open);
      const openToken = tokens[open];
      const closeToken = tokens[close];
      const body = tokens.slice(open + 1, close);
      // The marker's line alone leaves its paragraph empty.
      if (!body[1].children?.length) body.splice(0, 3);
      const type = marker.type.toLowerCase();
      let look = CALLOUT_TYPES[type];
      if (!look) {
        look = "inset";
        noteAt(
          env,
          openToken,
          "warning",
          `\`[!${marker.type}]\` is not a callout type, so it is shown as inset text${didYouMean(type, Object.keys(CALLOUT_TYPES))}`,
        );
      }
      if (!body.length && !marker.title.length)
        noteAt(
          env,
          openToken,
          "warning",
          `\`[!${marker.type}]\` is empty: write the callout on the quote's next lines`,
        );
      const level = openToken.level + 1;
      const written = marker.title.length ? inlineOf(state, marker.title, level, openToken.map) : undefined;
      const titleOrDefault = () =>
        written ?? inlineOf(state, [textToken(state, defaultTitle(marker.type))], level, openToken.map);
      let shaped: Token[];
      if (marker.fold) {
        makeRoot(openToken, () =>
          govukComponentPieces("govukDetails", "details", {
            summaryHtml: slot(0),
            html: slot(1),
            open: marker.fold === "+",
          }),
        );
        const summaryEnd = makePiece(new state.Token(PIECE, "", 0), openToken, 1);
        shaped = [openToken, titleOrDefault(), summaryEnd, ...body, makePiece(closeToken, openToken, 2)];
      } else if (look === "important" || look === "success") {
        const success = look === "success";
        makeRoot(openToken, (all, index) =>
          govukComponentPieces("govukNotificationBanner", "notification-banner", {
            titleHtml: slot(0),
            html: slot(1),
            type: success ? "success" : undefined,
            // A note, named by its title: part of the page's text, not news, so not `alert` (the success
            // default, which interrupts a screen reader as the page loads); and not `region`, which
            // makes a landmark whose name must be unique, and two callouts titled "Important", or one
            // titled as the site's own banner is, would share one.
            role: "note",
            titleId: openToken.attrGet("id"),
            titleHeadingLevel: headingLevelAt(all, index),
          }),
        );
        banners.unshift(openToken);
        const titleEnd = makePiece(new state.Token(PIECE, "", 0), openToken, 1);
        shaped = [openToken, titleOrDefault(), titleEnd, ...body, makePiece(closeToken, openToken, 2)];
      } else if (look === "warning") {
        shaped = asWarningText(state, env, openToken, closeToken, written, body, defaultTitle(marker.type));
      } else if (look === "quote") {
        shaped = [openToken, ...(written ? titleParagraph(state, written, level) : []), ...body, closeToken];
      } else {
        makeRoot(openToken, () => govukComponentPieces("govukInsetText", "inset-text", { html: slot(0) }));
        shaped = [
          openToken,
          ...(written ? titleParagraph(state, written, level) : []),
          ...body,
          makePiece(closeToken, openToken, 1),
        ];
      }
      tokens.splice(open, close - open + 1, ...shaped);
    }
    const notes = env.notes ?? [];
    (state.env as MarkdownEnv).notes?.push(...notes.sort((a, b) => a.line - b.line));
    // Each banner's title names it (`aria-labelledby`), so each needs an id of its own, in page order.
    if (banners.length) {
      const take = idTaker(tokens);
      for (const banner of banners) banner.attrSet("id", take(BANNER_TITLE_ID));
    }
  });
}
