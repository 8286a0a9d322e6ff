/**
 * The same text, stored flat. Renderers (markdown-it, Nunjucks) build HTML by appending, and V8
 * keeps the result as a rope of thousands of small strings: three to four times the memory of the
 * text itself, held for every page until the build ends. A regular expression can only run over a
 * flat string, so V8 flattens the rope in place the first time one does; this is the cheapest way
 * to ask for that (a copy through JSON or Buffer costs twice as much).
 */
export function flatString(text: string): string {
  FLATTEN.test(text);
  return text;
}

const FLATTEN = /^/;

/**
 * The same text in a string of its own. Text read out of a page (a class name, a script's file name) is
 * a slice of the page's HTML, and V8 keeps the whole page alive for as long as the slice is: what a build
 * keeps of each page (its styles, a cache write waiting its turn) would hold every page it has rendered.
 */
export const ownCopy = (text: string): string => Buffer.from(text, "utf8").toString("utf8");
