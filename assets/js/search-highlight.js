/**
 * The query parameter a search result's address carries the searched words in, one per word (Pagefind's
 * own name for it, which it writes into results' addresses when asked: assets/js/load-search.js).
 */
export const HIGHLIGHT_PARAM = "pagefind-highlight";

/**
 * On a page reached from search, marks the searched words. Only the check is sent with every page; the
 * marking loads when the address asks for it.
 */
export function highlightSearchTerms() {
  if (!new URLSearchParams(window.location.search).has(HIGHLIGHT_PARAM)) return;
  import(new URL("mark-search-terms.js", import.meta.url).href)
    .then((module) => module.markSearchTerms())
    .catch(() => {
      // The page reads the same without its highlights.
    });
}
