/**
 * The tools table's search box. Without JavaScript the table lists every tool and the box stays
 * hidden, as there is nothing to send a search to; with it, typing hides the rows whose tool name
 * does not contain the words typed, and a live region says how many are shown.
 */

/** What the live region says for a number of tools shown. */
export function shownMessage(count) {
  if (count === 0) return "No tools match your search";
  return `${count} ${count === 1 ? "tool" : "tools"} shown`;
}

/** Whether a tool's name matches what was typed: case and surrounding spaces do not count. */
export function nameMatches(name, query) {
  const wanted = query.trim().toLowerCase();
  return wanted === "" || name.toLowerCase().includes(wanted);
}

export function initToolsRadarFilter(scope = document) {
  const filter = scope.querySelector("[data-tools-radar-filter]");
  const table = scope.querySelector("[data-tools-radar-table]");
  if (!filter || !table) return;
  const input = filter.querySelector('input[type="search"]');
  const live = filter.querySelector("[data-tools-radar-live]");
  const none = filter.querySelector("[data-tools-radar-none]");
  const rows = [...table.querySelectorAll("tbody tr")];
  if (!input) return;
  filter.hidden = false;
  input.addEventListener("input", () => {
    let shown = 0;
    for (const row of rows) {
      const name = row.querySelector("th, td")?.textContent ?? "";
      row.hidden = !nameMatches(name, input.value);
      if (!row.hidden) shown++;
    }
    if (none) none.hidden = shown > 0;
    table.hidden = shown === 0;
    if (live) live.textContent = input.value.trim() ? shownMessage(shown) : "";
  });
}
