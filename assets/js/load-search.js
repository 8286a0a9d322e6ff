// Loaded only when someone searches (the search page, or the header's box on its first focus), never on first view.
import { HIGHLIGHT_PARAM } from "./search-highlight.js";
import { siteRoot } from "./site-search.js";

/** Every bundle of the search index, site-relative, as lib/search/search-index.ts lists them in the first. */
export async function searchBundles() {
  const response = await fetch(new URL("pagefind/search-bundles.json", siteRoot));
  if (!response.ok) throw new Error(`the search index's list of bundles is missing (${response.status})`);
  return response.json();
}

const loaded = new Map();

/**
 * Pagefind, with every bundle merged into the first: merged bundles reuse the first one's WebAssembly.
 * Results' addresses (and their sections') are resolved against the site's root, so they carry any path
 * prefix, and carry the searched words for highlighting.
 */
export function loadSearch(bundles) {
  const key = bundles.join(" ");
  if (!loaded.has(key)) {
    const options = { baseUrl: siteRoot.pathname, excerptLength: 30, highlightParam: HIGHLIGHT_PARAM };
    const load = async () => {
      const [first, ...merged] = bundles.map((bundle) => new URL(bundle, siteRoot));
      const pagefind = await import(new URL("pagefind.js", first).href);
      await pagefind.options(options);
      await Promise.all(merged.map((bundle) => pagefind.mergeIndex(bundle.pathname, options)));
      return pagefind;
    };
    const promise = load();
    // A failed load (offline, say) is tried again next time rather than remembered.
    promise.catch(() => loaded.delete(key));
    loaded.set(key, promise);
  }
  return loaded.get(key);
}
