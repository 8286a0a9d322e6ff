import type Token from "markdown-it/lib/token.mjs";

/** One attribute of a start tag in author HTML, with where its value sits in the HTML. */
export interface RawAttribute {
  name: string;
  /** The value as written, entities and all; "" for a bare attribute. */
  value: string;
  /** Offsets of the value, quotes included, in the HTML; both at the name's end for a bare attribute. */
  valueStart: number;
  valueEnd: number;
}

export interface RawStartTag {
  name: string;
  offset: number;
  attributes: RawAttribute[];
}

// CommonMark's open tag (spec 6.6), with comments matched first so a tag inside one is skipped.
const START_TAG =
  /<!--[\s\S]*?-->|<([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][A-Za-z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\s]+|'[^']*'|"[^"]*"))?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([A-Za-z_:][A-Za-z0-9:._-]*)(?:(\s*=\s*)([^"'=<>`\s]+|'[^']*'|"[^"]*"))?/g;

/** The start tags in a piece of author HTML, outside comments. */
export function startTags(html: string): RawStartTag[] {
  const tags: RawStartTag[] = [];
  for (const match of html.matchAll(START_TAG)) {
    if (!match[1]) continue;
    const attributesAt = match.index + 1 + match[1].length;
    const attributes: RawAttribute[] = [];
    for (const attribute of (match[2] ?? "").matchAll(ATTRIBUTE)) {
      const nameEnd = attributesAt + attribute.index + attribute[0].length - (attribute[3]?.length ?? 0);
      const raw = attribute[3] ?? "";
      const quoted = raw.startsWith('"') || raw.startsWith("'");
      attributes.push({
        name: attribute[1].toLowerCase(),
        value: quoted ? raw.slice(1, -1) : raw,
        valueStart: nameEnd,
        valueEnd: nameEnd + raw.length,
      });
    }
    tags.push({ name: match[1].toLowerCase(), offset: match.index, attributes });
  }
  return tags;
}

/** A raw HTML token of a body (an HTML block, or HTML inside a line) and the body line it starts on. */
export interface RawHtmlPiece {
  token: Token;
  line: number;
}

const newlinesIn = (text: string) => text.split("\n").length - 1;

/** Every piece of raw HTML in a body's tokens, each with its 1-based line in the body. */
export function rawHtmlPieces(tokens: Token[]): RawHtmlPiece[] {
  const pieces: RawHtmlPiece[] = [];
  for (const token of tokens) {
    const blockLine = (token.map?.[0] ?? 0) + 1;
    if (token.type === "html_block") pieces.push({ token, line: blockLine });
    if (token.type !== "inline") continue;
    let line = blockLine;
    for (const child of token.children ?? []) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      if (child.type === "html_inline") {
        pieces.push({ token: child, line });
        line += newlinesIn(child.content);
      }
    }
  }
  return pieces;
}

/** The 1-based line, within a piece of HTML, of an offset in it. */
export const lineWithin = (html: string, offset: number): number => newlinesIn(html.slice(0, offset)) + 1;
