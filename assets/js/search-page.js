// Bundled only into the search page's script, so Pagefind's script, WebAssembly and index download only when someone searches.
import { loadSearch } from "./load-search.js";
import { siteRoot } from "./site-search.js";

const MAX_RESULTS = 20;
// Enough of a page's matching sections to show where to look, without burying the next result.
const MAX_SECTIONS = 3;
const FILTERS = [
  { name: "section", describe: (values) => `in ${values.join(" or ")}` },
  { name: "tag", describe: (values) => `tagged ${values.join(" or ")}` },
];

// The search page's parts, found when startSearchPage runs.
let status, results, list, fallback, filterPanel, input, bundles, pageTitle;

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function link(text, href, className = "govuk-link") {
  const node = element("a", className, text);
  node.href = href;
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

/** The sections of the page that match, each a link to its heading; the part before the first heading is the page itself. */
function sectionsList(result) {
  const sections = (result.sub_results ?? []).filter((section) => section.url.includes("#")).slice(0, MAX_SECTIONS);
  if (!sections.length) return [];
  return [
    element(
      "ul",
      "govuk-list app-search-results__sections",
      ...sections.map((section) =>
        element(
          "li",
          "app-search-results__section",
          link(section.title, section.url),
          element("p", "govuk-body-s app-search-results__excerpt", ...excerptNodes(section.excerpt)),
        ),
      ),
    ),
  ];
}

function renderResult(result) {
  return element(
    "li",
    "app-search-results__item",
    element("h2", "govuk-heading-s app-search-results__title", link(result.meta.title || result.url, result.url)),
    element("p", "govuk-body-s app-search-results__excerpt", ...excerptNodes(result.excerpt)),
    ...sectionsList(result),
  );
}

const aToZLink = (text) => link(text, new URL("a-to-z/", siteRoot).pathname);

function showNoResults(what) {
  status.textContent = `There are no results ${what}.`;
  list.replaceChildren();
  list.hidden = true;
  results.querySelector(".app-search-results__none")?.remove();
  results.append(
    element(
      "div",
      "app-search-results__none",
      element(
        "p",
        "govuk-body",
        "Try searching again with fewer or different words, check your spelling",
        filterPanel ? ", choose fewer filters" : "",
        ", or find the page in the ",
        aToZLink("A to Z of every page"),
        ".",
      ),
    ),
  );
}

function showSearchFailed() {
  status.replaceChildren(
    "Search is not working at the moment. Find a page in the ",
    aToZLink("A to Z of every page"),
    " instead.",
  );
}

/** The button that unfolds the filters on a phone (shown only there, by the stylesheet), and says how many are ticked. */
function foldFilters() {
  const toggle = filterPanel?.querySelector("[data-app-search-filters-toggle]");
  if (!toggle) return;
  const describe = () => {
    const open = filterPanel.classList.contains("app-search-filters--open");
    const ticked = filterPanel.querySelectorAll('input[type="checkbox"]:checked').length;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = `${open ? "Hide" : "Show"} filters${ticked ? ` (${ticked} chosen)` : ""}`;
  };
  toggle.addEventListener("click", () => {
    filterPanel.classList.toggle("app-search-filters--open");
    describe();
  });
  filterPanel.addEventListener("change", describe);
  describe();
}

/** The filters ticked, as Pagefind takes them (any of a filter's values; every filter), and as words. */
function chosenFilters() {
  const chosen = {};
  const words = [];
  for (const { name, describe } of FILTERS) {
    const values = [...document.querySelectorAll(`input[type="checkbox"][name="${name}"]:checked`)].map(
      (box) => box.value,
    );
    if (values.length) {
      chosen[name] = { any: values };
      words.push(describe(values));
    }
  }
  return { chosen, words: words.join(", ") };
}

/** Keeps the address saying what is shown, so it can be shared, bookmarked and come back to. */
function rememberInAddress(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const { name } of FILTERS)
    for (const box of document.querySelectorAll(`input[type="checkbox"][name="${name}"]:checked`))
      params.append(name, box.value);
  const search = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
}

let searched = 0;

async function search(pagefind, query) {
  const attempt = ++searched;
  const { chosen, words } = chosenFilters();
  const filtered = Object.keys(chosen).length > 0;
  if (!query && !filtered) {
    status.textContent = "Enter a word or phrase to search this manual.";
    list.replaceChildren();
    return;
  }
  const what = [query ? `for ‘${query}’` : "", words].filter(Boolean).join(" ");
  document.title = `${query || "Filtered"} - ${pageTitle}`;
  let found;
  let shown;
  try {
    // A null query with filters lists every page the filters allow.
    found = await pagefind.search(query || null, { filters: chosen });
    shown = await Promise.all(found.results.slice(0, MAX_RESULTS).map((result) => result.data()));
  } catch {
    return showSearchFailed();
  }
  // A slower, earlier search must not replace the results of the filters chosen since.
  if (attempt !== searched) return;
  if (shown.length === 0) return showNoResults(what);
  results.querySelector(".app-search-results__none")?.remove();
  list.hidden = false;
  list.replaceChildren(...shown.map(renderResult));
  const count = found.results.length;
  const more = count > MAX_RESULTS ? ` (showing the first ${MAX_RESULTS})` : "";
  status.textContent = `${count} ${count === 1 ? "result" : "results"} ${what}${more}`;
}

/** Searches for the words and filters in the page's address, and again as the filters change. */
export async function startSearchPage() {
  results = document.querySelector("[data-app-search-results]");
  if (!results) return;
  status = document.querySelector("[data-app-search-status]");
  list = document.querySelector("[data-app-search-list]");
  fallback = document.querySelector("[data-app-search-fallback]");
  filterPanel = document.querySelector("[data-app-search-filters]");
  input = document.querySelector("#search-page-query");
  bundles = (results.dataset.appSearchBundles ?? "pagefind/").split(" ").filter(Boolean);
  pageTitle = document.title;
  fallback.hidden = true;
  const params = new URLSearchParams(window.location.search);
  const query = (params.get("q") ?? "").trim();
  input.value = query;
  for (const { name } of FILTERS) {
    const wanted = new Set(params.getAll(name));
    for (const box of document.querySelectorAll(`input[type="checkbox"][name="${name}"]`))
      box.checked = wanted.has(box.value);
  }
  foldFilters();
  const filtered = FILTERS.some(({ name }) => params.has(name));
  if (!query && !filtered) {
    status.textContent = "Enter a word or phrase to search this manual.";
    if (filterPanel) filterPanel.hidden = false;
    // Pagefind waits for a search or a filter: nothing of it loads until one is asked for.
    filterPanel?.addEventListener("change", () => begin(""), { once: true });
    return;
  }
  await begin(query);
}

async function begin(query) {
  let pagefind;
  try {
    pagefind = await loadSearch(bundles);
  } catch {
    return showSearchFailed();
  }
  if (filterPanel) {
    filterPanel.hidden = false;
    filterPanel.addEventListener("change", () => {
      rememberInAddress(query);
      search(pagefind, query);
    });
  }
  rememberInAddress(query);
  await search(pagefind, query);
}
