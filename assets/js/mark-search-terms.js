// Loaded by assets/js/search-highlight.js only on a page whose address carries searched words.
import { HIGHLIGHT_PARAM } from "./search-highlight.js";

// Not the page's navigation, controls, code that only looks like text, or what search itself leaves out.
const SKIPPED =
  "nav, script, style, noscript, template, textarea, select, button, svg, mark, [hidden], [data-pagefind-ignore]";

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The pattern for the searched words. Search matches a word's other forms (owner finds owners), so a
 * word of four letters or more marks the words it begins; a shorter one (the, of, a) marks only itself,
 * or every other word on the page would light up.
 */
export function searchTermsPattern(terms) {
  const words = [...new Set(terms.flatMap((term) => term.split(/\s+/)).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  if (!words.length) return null;
  const alternatives = words.map((word) =>
    [...word].length >= 4 ? `${escapeRegExp(word)}[\\p{L}\\p{N}]*` : `${escapeRegExp(word)}s?(?![\\p{L}\\p{N}])`,
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})`, "giu");
}

/**
 * Wraps each searched word in the page's main content in <mark>, which screen readers can announce as
 * highlighted. Only the background changes, so nothing on the page moves. Returns how many it marked.
 */
export function markSearchTerms(root = document.querySelector("main") ?? document.body) {
  const pattern = searchTermsPattern(new URLSearchParams(window.location.search).getAll(HIGHLIGHT_PARAM));
  if (!pattern) return 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(SKIPPED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const textNodes = [];
  while (walker.nextNode()) textNodes.push(walker.currentNode);
  let marked = 0;
  for (const node of textNodes) {
    const text = node.nodeValue;
    const pieces = [];
    let from = 0;
    for (const match of text.matchAll(pattern)) {
      if (match.index > from) pieces.push(text.slice(from, match.index));
      const mark = document.createElement("mark");
      mark.className = "app-search-term";
      mark.textContent = match[0];
      pieces.push(mark);
      from = match.index + match[0].length;
      marked += 1;
    }
    if (!pieces.length) continue;
    if (from < text.length) pieces.push(text.slice(from));
    node.replaceWith(...pieces);
  }
  return marked;
}
