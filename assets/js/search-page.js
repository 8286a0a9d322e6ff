// Loaded only by the search page, so Pagefind's script, WebAssembly and index download only when someone searches.
import { siteRoot } from "./site-search.js";

const MAX_RESULTS = 20;

const status = document.querySelector("[data-app-search-status]");
const list = document.querySelector("[data-app-search-list]");
const fallback = document.querySelector("[data-app-search-fallback]");
const input = document.querySelector("#search-page-query");
const bundles = (document.querySelector("[data-app-search-bundles]")?.dataset.appSearchBundles ?? "pagefind/")
  .split(" ")
  .filter(Boolean);

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/**
 * Pagefind's excerpt is HTML that marks the matched words. Only its text and <mark> elements are
 * copied across, so nothing else in the indexed pages can reach the results page as markup.
 */
function excerptNodes(excerpt) {
  const template = document.createElement("template");
  template.innerHTML = excerpt;
  return [...template.content.childNodes].map((node) =>
    node.nodeName === "MARK"
      ? element("mark", "app-search-results__match", node.textContent)
      : document.createTextNode(node.textContent),
  );
}

function renderResult(result) {
  const link = element("a", "govuk-link", result.meta.title || result.url);
  link.href = result.url;
  return element(
    "li",
    "app-search-results__item",
    element("h2", "govuk-heading-s app-search-results__title", link),
    element("p", "govuk-body-s app-search-results__excerpt", ...excerptNodes(result.excerpt)),
  );
}

function aToZLink(text) {
  const link = element("a", "govuk-link", text);
  link.href = new URL("a-to-z/", siteRoot).pathname;
  return link;
}

function showNoResults(query) {
  status.textContent = `There are no results for ‘${query}’.`;
  list.replaceWith(
    element(
      "div",
      "app-search-results__none",
      element(
        "p",
        "govuk-body",
        "Try searching again with fewer or different words, check your spelling, or find the page in the ",
        aToZLink("A to Z of every page"),
        ".",
      ),
    ),
  );
}

async function search() {
  fallback.hidden = true;
  const query = (new URLSearchParams(window.location.search).get("q") ?? "").trim();
  input.value = query;
  if (!query) {
    status.textContent = "Enter a word or phrase to search this manual.";
    return;
  }
  document.title = `${query} - ${document.title}`;
  let found;
  let results;
  try {
    const [first, ...merged] = bundles.map((bundle) => new URL(bundle, siteRoot));
    const pagefind = await import(new URL("pagefind.js", first).href);
    await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 30 });
    // A large site's index comes in several bundles: each merged one reuses the first one's WebAssembly.
    await Promise.all(merged.map((bundle) => pagefind.mergeIndex(bundle.pathname, { baseUrl: siteRoot.pathname })));
    found = await pagefind.search(query);
    results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((result) => result.data()));
  } catch {
    status.replaceChildren(
      "Search is not working at the moment. Find a page in the ",
      aToZLink("A to Z of every page"),
      " instead.",
    );
    return;
  }
  if (results.length === 0) return showNoResults(query);
  list.replaceChildren(...results.map(renderResult));
  const count = found.results.length;
  const shown = count > MAX_RESULTS ? ` (showing the first ${MAX_RESULTS})` : "";
  status.textContent = `${count} ${count === 1 ? "result" : "results"} for ‘${query}’${shown}`;
}

search();
