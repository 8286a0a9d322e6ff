// The site's root, relative to this script, so it is right under any path prefix without rebuilding.
export const siteRoot = new URL("../../", import.meta.url);

let suggestionsModule;

/**
 * Makes each search box that offers suggestions a combobox, in the pattern of GOV.UK's accessible
 * autocomplete: the roles, the empty list and the live region are there from the start, so a screen
 * reader hears a combobox from the first focus, while the code that searches (and Pagefind with it)
 * loads only on the first focus or keystroke. The form works without any of it: it goes to the search page.
 */
export function upgradeSearchForms(scope = document) {
  for (const input of scope.querySelectorAll("form[data-app-site-search] input[data-app-search-suggestions]")) {
    if (input.getAttribute("role") === "combobox") continue;
    const listbox = document.createElement("ul");
    listbox.id = `${input.id}-suggestions`;
    listbox.className = "app-site-search__suggestions";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Suggested pages");
    listbox.hidden = true;
    const status = document.createElement("div");
    status.className = "govuk-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.dataset.appSearchSuggestionsStatus = "";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.after(listbox, status);
    const start = () => {
      input.removeEventListener("focus", start);
      input.removeEventListener("input", start);
      suggestionsModule ??= import(new URL("search-suggestions.js", import.meta.url).href);
      suggestionsModule
        .then((module) => module.startSuggestions(input, listbox, status))
        .catch(() => {
          // Without suggestions the box is still a search form that goes to the search page.
        });
    };
    input.addEventListener("focus", start);
    input.addEventListener("input", start);
    if (document.activeElement === input) start();
  }
}
