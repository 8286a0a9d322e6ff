import { createRequire } from "node:module";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import nunjucks from "nunjucks";
import type { MarkdownEnv } from "./govuk-markdown.ts";
import { rawHtmlPieces, startTags } from "./raw-html.ts";
import { slugify } from "./slugify.ts";

const frontendDist = path.join(
  path.dirname(createRequire(import.meta.url).resolve("govuk-frontend/package.json")),
  "dist",
);

// The layouts' own Nunjucks options, so a component drawn here is byte for byte what its macro gives there.
const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(frontendDist), {
  autoescape: true,
  trimBlocks: true,
  lstripBlocks: true,
});

const CONTENT = "\u0000content\u0000";

/**
 * A GOV.UK Frontend component drawn by its own macro around content Markdown renders later, as the
 * HTML before and after that content. Drawn once: a renderer's open and close rules print the halves.
 */
export function govukComponentAround(
  macro: string,
  component: string,
  params: Record<string, unknown> = {},
): { open: string; close: string } {
  const html = environment.renderString(
    `{% from "govuk/components/${component}/macro.njk" import ${macro} %}{{ ${macro}(params) }}`,
    { params: { ...params, html: CONTENT } },
  );
  const at = html.indexOf(CONTENT);
  if (at === -1) throw new Error(`${macro} does not print its html parameter`);
  return { open: html.slice(0, at), close: `${html.slice(at + CONTENT.length).trimEnd()}\n` };
}

/** Where the n-th piece of content goes in a component's parameters, for {@link govukComponentPieces}. */
export const slot = (index: number): string => `\u0000slot${index}\u0000`;

const SLOT = /\u0000slot(\d+)\u0000/g;

// The same few components, with the same parameters, come back on page after page.
const pieceCache = new Map<string, string[]>();

/**
 * A GOV.UK Frontend component drawn by its own macro around several pieces of content that Markdown
 * renders later (an accordion's headings and sections, a summary list's keys and values): the HTML
 * before the first slot, between each slot and the next, and after the last. The slots, written with
 * {@link slot} into `params` where the macro takes HTML, must come out in the order they are numbered,
 * which is the order the content's tokens come in.
 */
export function govukComponentPieces(macro: string, component: string, params: Record<string, unknown>): string[] {
  const key = `${macro}\u0000${JSON.stringify(params)}`;
  const cached = pieceCache.get(key);
  if (cached) return cached;
  const html = environment.renderString(
    `{% from "govuk/components/${component}/macro.njk" import ${macro} %}{{ ${macro}(params) }}`,
    { params },
  );
  const pieces: string[] = [];
  let from = 0;
  let expected = 0;
  for (const match of html.matchAll(SLOT)) {
    if (Number(match[1]) !== expected++) throw new Error(`${macro} prints its slots out of order`);
    pieces.push(html.slice(from, match.index));
    from = match.index + match[0].length;
  }
  pieces.push(`${html.slice(from).trimEnd()}\n`);
  if (pieceCache.size > 1000) pieceCache.clear();
  pieceCache.set(key, pieces);
  return pieces;
}

/** The token type that prints one piece of a component drawn by {@link govukComponentPieces}. */
export const PIECE = "govuk_component_piece";

/** What a piece token carries: the component's first token, and which of its pieces this token prints. */
interface PieceMeta {
  root: Token;
  /** The piece printed here; -1 prints nothing (a token whose HTML the component replaces). */
  piece: number;
}

/** What a component's first token carries: how to draw the component, once, when the page is rendered. */
interface RootMeta {
  draw: (tokens: Token[], index: number, env: MarkdownEnv) => string[];
  pieces?: string[];
}

/** Makes `token` print piece `piece` of the component that `root` starts (`root` itself prints piece 0). */
export function makePiece(token: Token, root: Token, piece: number): Token {
  token.type = PIECE;
  token.tag = "";
  token.hidden = false;
  token.meta = { ...(token === root ? token.meta : {}), root, piece } satisfies PieceMeta;
  return token;
}

/**
 * Makes `root` the first token of a component, drawn by `draw` when the page renders (by then headings
 * have their final levels, and every rule has seen the content).
 */
export function makeRoot(root: Token, draw: RootMeta["draw"]): Token {
  root.meta = { draw } satisfies RootMeta;
  return makePiece(root, root, 0);
}

/** Prints the pieces of components drawn by {@link govukComponentPieces}, whichever plugin made them. */
export function usePieces(md: MarkdownIt): void {
  md.renderer.rules[PIECE] = (tokens, index, _options, env: MarkdownEnv) => {
    const { root, piece } = tokens[index].meta as PieceMeta;
    const meta = root.meta as RootMeta & PieceMeta;
    if (tokens[index] === root && meta.draw) meta.pieces = meta.draw(tokens, index, env);
    return piece < 0 ? "" : (meta.pieces?.[piece] ?? "");
  };
}

/**
 * The heading level for a component's own heading (a notification banner's or a panel's title, an
 * accordion's section headings): one below the heading it follows, so the page's outline stays in order;
 * 2 before any heading.
 */
export function headingLevelAt(tokens: Token[], index: number): number {
  for (let at = index - 1; at >= 0; at--) {
    if (tokens[at].type === "heading_open") return Math.min(Number(tokens[at].tag.slice(1)) + 1, 6);
  }
  return 2;
}

/** The text of an inline token as a reader sees it, without its markup. */
export function plainText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? "";
  return token.children
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}

/**
 * Gives out ids unique on the page: none an element already has (in raw HTML, or set by another rule)
 * and none a heading will take from its words, so a component never moves a heading's deep link.
 */
export function idTaker(tokens: Token[]): (base: string) => string {
  const used = new Set<string>();
  for (const { token } of rawHtmlPieces(tokens)) {
    if (!/\bid\s*=/i.test(token.content)) continue;
    for (const tag of startTags(token.content))
      for (const attribute of tag.attributes) if (attribute.name === "id") used.add(attribute.value.trim());
  }
  tokens.forEach((token, index) => {
    const id = token.attrGet("id");
    if (id) used.add(id);
    if (token.type === "heading_open") used.add(slugify(plainText(tokens[index + 1])));
  });
  return (base) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

/** Adds a note about the body at a token's first line. */
export function noteAt(env: MarkdownEnv, token: Token, severity: "warning" | "error", message: string): void {
  env.notes?.push({ severity, line: (token.map?.[0] ?? 0) + 1, message });
}
