import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The compiled stylesheet holds every rule of each component a page uses: every modifier of the button,
 * every width of the grid, every step of every override class (`govuk-!-margin-bottom-0`). Most of them a
 * site never uses: on the Defra app fixture's 34 pages, a fifth of the stylesheet gzipped, sent to every
 * reader on their first view. A selector that needs a class no page has, and no script can add, matches
 * nothing, so it is left out (as PurgeCSS does, without its dependency on a second CSS parser).
 *
 * Only a class the selector itself requires counts. A class inside `:not()`, `:is()`, `:where()` or
 * `:has()`, or an attribute selector, may match without it (or with it absent), so such a selector is
 * judged by its other classes alone. Classes scripts add at runtime (an open accordion section, the
 * selected tab, `govuk-frontend-supported` on the body) are found by name in the scripts' own text.
 */

/** Where the block that opens at `open` (a `{`) closes, skipping strings and comments. */
function closingBrace(css: string, open: number): number {
  let depth = 0;
  for (let index = open; index < css.length; index++) {
    const char = css[index];
    if (char === '"' || char === "'") {
      for (index++; index < css.length && css[index] !== char; index++) if (css[index] === "\\") index++;
    } else if (char === "/" && css[index + 1] === "*") {
      const end = css.indexOf("*/", index + 2);
      index = end === -1 ? css.length : end + 1;
    } else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return index;
  }
  throw new Error("the compiled stylesheet has an unclosed block");
}

/**
 * Each piece of a selector outside brackets, parentheses and strings, with where it starts: one character,
 * or an escape with the character it escapes.
 */
function* topLevel(selector: string): Generator<[piece: string, index: number]> {
  let depth = 0;
  for (let index = 0; index < selector.length; index++) {
    const char = selector[index];
    if (char === "\\") {
      if (depth === 0) yield [selector.slice(index, index + 2), index];
      index++;
    } else if (char === '"' || char === "'") {
      for (index++; index < selector.length && selector[index] !== char; index++) if (selector[index] === "\\") index++;
    } else if (char === "(" || char === "[") depth++;
    else if (char === ")" || char === "]") depth--;
    else if (depth === 0) yield [char, index];
  }
}

/** A selector list's selectors: split at its commas, not at those inside brackets, parentheses or strings. */
function selectorsOf(list: string): string[] {
  const selectors: string[] = [];
  let start = 0;
  for (const [piece, index] of topLevel(list))
    if (piece === ",") {
      selectors.push(list.slice(start, index));
      start = index + 1;
    }
  selectors.push(list.slice(start));
  return selectors;
}

const ESCAPE = /\\(?:([0-9a-fA-F]{1,6})\s?|([^\n]))/g;
const unescape = (name: string) =>
  name.replace(ESCAPE, (_, hex: string | undefined, char: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : char!,
  );

/**
 * The classes a selector cannot match without: those outside any brackets or parentheses, unescaped
 * (`.govuk-\!-margin-bottom-0` → `govuk-!-margin-bottom-0`).
 */
export function requiredClasses(selector: string): string[] {
  let outside = "";
  for (const [piece] of topLevel(selector)) outside += piece;
  return [...outside.matchAll(/\.((?:\\(?:[0-9a-fA-F]{1,6}\s?|[^\n])|[^\s.#:[\]()>+~,*|"'\\=]+)+)/g)].map((match) =>
    unescape(match[1]),
  );
}

/**
 * The stylesheet without the selectors that need a class `kept` does not hold. A rule left with no
 * selector goes, and so does an `@media` or `@supports` block left empty; every other at-rule
 * (`@font-face`, `@keyframes`) and any rule with a comment in its selector stays as it is.
 */
export function withoutUnusedSelectors(css: string, kept: ReadonlySet<string>): string {
  const prune = (text: string): string => {
    let out = "";
    let index = 0;
    while (index < text.length) {
      const open = text.indexOf("{", index);
      if (open === -1) return out + text.slice(index);
      // A statement before the block, such as `@charset "UTF-8";`, ends at its own semicolon.
      const start = index + text.slice(index, open).lastIndexOf(";") + 1;
      out += text.slice(index, start);
      const close = closingBrace(text, open);
      const prelude = text.slice(start, open);
      if (/^\s*@(?:media|supports)\b/.test(prelude)) {
        const inner = prune(text.slice(open + 1, close));
        if (inner.trim()) out += `${prelude}{${inner}}`;
      } else if (/^\s*@/.test(prelude) || prelude.includes("/*")) {
        out += text.slice(start, close + 1);
      } else {
        const selectors = selectorsOf(prelude).filter((selector) =>
          requiredClasses(selector).every((name) => kept.has(name)),
        );
        if (selectors.length) out += `${selectors.join(",")}${text.slice(open, close + 1)}`;
      }
      index = close + 1;
    }
    return out;
  };
  return prune(css);
}

const NAME = /[A-Za-z_][\w-]*/g;

let govukScriptNames: Set<string> | undefined;

/** Every name-like word in these files' text. */
function namesIn(files: string[], into: Set<string>): Set<string> {
  for (const file of files) for (const [name] of readFileSync(file, "utf8").matchAll(NAME)) into.add(name);
  return into;
}

/**
 * The class names scripts may add to a page: every name-like word in GOV.UK Frontend's scripts and page
 * template (whose inline script adds `govuk-frontend-supported`), read once per process, and in the site's
 * own scripts in assets/js, read on every call, as the dev server may be given a changed one at any save.
 */
export function scriptClassNames(projectRoot: string): Set<string> {
  if (!govukScriptNames) {
    const govuk = path.join(projectRoot, "node_modules", "govuk-frontend", "dist", "govuk");
    const scripts = readdirSync(govuk, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".mjs") && !file.includes(".bundle."))
      .map((file) => path.join(govuk, file));
    govukScriptNames = namesIn([...scripts, path.join(govuk, "template.njk")], new Set());
  }
  const own = path.join(projectRoot, "assets", "js");
  const files = readdirSync(own, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => path.join(own, file));
  return namesIn(files, new Set(govukScriptNames));
}
