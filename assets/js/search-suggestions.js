// Loaded by assets/js/site-search.js on a search box's first focus or keystroke, with Pagefind behind it.
import { loadSearch, searchBundles } from "./load-search.js";

const MAX_SUGGESTIONS = 6;
// Fewer letters match too much of the manual to help.
const MIN_LENGTH = 2;
// Searching after a pause in typing, not on every key, keeps the list and its announcement steady.
const TYPING_PAUSE = 120;

/**
 * Suggests pages as the reader types, in GOV.UK's accessible autocomplete pattern: focus stays in the box,
 * up and down move through the list (aria-activedescendant says which), Enter on a suggestion opens it and
 * Enter without one submits the form to the search page, Escape closes the list, and a polite live
 * region says how many pages are suggested.
 */
export function startSuggestions(input, listbox, status) {
  if (input.dataset.appSearchSuggestionsStarted !== undefined) return;
  input.dataset.appSearchSuggestionsStarted = "";
  const pagefind = searchBundles().then(loadSearch);
  // Until it loads, or if it never does, the box stays a plain search form.
  pagefind.catch(() => {});
  let suggestions = [];
  let active = -1;
  let searched = 0;
  let timer;

  const optionId = (index) => `${listbox.id}-${index}`;

  function setActive(index) {
    active = index;
    [...listbox.children].forEach((option, position) => {
      option.setAttribute("aria-selected", String(position === index));
    });
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
    } else {
      input.setAttribute("aria-activedescendant", optionId(index));
      listbox.children[index].scrollIntoView({ block: "nearest" });
    }
  }

  function setOpen(open) {
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (!open) setActive(-1);
  }

  function go(index) {
    window.location.assign(suggestions[index].url);
  }

  function option(suggestion, index) {
    const item = document.createElement("li");
    item.id = optionId(index);
    item.className = "app-site-search__suggestion";
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", "false");
    item.textContent = suggestion.title;
    // Pressing on a suggestion would otherwise blur the box, which closes the list before the click lands.
    item.addEventListener("mousedown", (event) => event.preventDefault());
    item.addEventListener("click", () => go(index));
    return item;
  }

  function show(found) {
    suggestions = found;
    listbox.replaceChildren(...found.map(option));
    setOpen(found.length > 0);
    status.textContent =
      found.length === 0
        ? "No pages suggested. Press Enter to search."
        : `${found.length} ${found.length === 1 ? "page is" : "pages are"} suggested. Use the up and down arrows to choose one, or press Enter to search.`;
  }

  async function suggest() {
    const query = input.value.trim();
    const attempt = ++searched;
    if (query.length < MIN_LENGTH) {
      suggestions = [];
      listbox.replaceChildren();
      setOpen(false);
      status.textContent = "";
      return;
    }
    try {
      const search = await (await pagefind).search(query);
      const found = await Promise.all(search.results.slice(0, MAX_SUGGESTIONS).map((result) => result.data()));
      // A slower search for earlier letters must not replace a newer one's list.
      if (attempt !== searched || document.activeElement !== input) return;
      show(found.map((data) => ({ title: data.meta.title || data.url, url: data.url })));
    } catch {
      setOpen(false);
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, TYPING_PAUSE);
  });

  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
        if (!suggestions.length) return;
        event.preventDefault();
        if (!open) setOpen(true);
        setActive(Math.min(active + 1, suggestions.length - 1));
        break;
      case "ArrowUp":
        if (!open) return;
        event.preventDefault();
        setActive(Math.max(active - 1, -1));
        break;
      case "Enter":
        // Without a chosen suggestion, Enter submits the form to the search page as usual.
        if (!open || active < 0) return;
        event.preventDefault();
        go(active);
        break;
      case "Escape":
        if (!open) return;
        event.preventDefault();
        setOpen(false);
        break;
      default:
    }
  });

  input.addEventListener("blur", () => setOpen(false));
  input.addEventListener("focus", () => {
    if (suggestions.length) setOpen(true);
  });

  if (input.value.trim()) suggest();
}
