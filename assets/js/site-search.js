// The site's root, relative to this script, so it is right under any path prefix without rebuilding.
export const siteRoot = new URL("../../", import.meta.url);

/**
 * Without JavaScript the search forms lead to the A to Z of every page; with it, to the search page.
 * The form itself stays the same, so it works before and without this script.
 */
export function upgradeSearchForms(scope = document) {
  for (const form of scope.querySelectorAll("form[data-app-site-search]")) {
    form.action = new URL("search/", siteRoot).pathname;
  }
}
