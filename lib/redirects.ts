import type { Diagnostic } from "./content/diagnostics.ts";
import type { Locate } from "./content/schema-issues.ts";

/** A page published at an old path that sends readers on to where the page is now. */
export interface RedirectView {
  /** The old path; a folder-style path (`/old/`) is written as `/old/index.html`. */
  from: string;
  /** The page's URL now. */
  to: string;
  /** The page's title, for the link. */
  title: string;
}

interface PageWithRedirects {
  url: string;
  file: string;
  title: string;
  redirectFrom?: string[];
  /** Where a front matter field was written, for messages: the page, or the folder defaults it came from. */
  locate?: Locate;
}

/** `/old` and `/old/` are the same folder-style URL; `/old.html` names a file and stays as it is. */
const normalise = (path: string) => (path.endsWith("/") || /\.html?$/i.test(path) ? path : `${path}/`);

/**
 * The redirect pages that keep moved pages' old links working. An old path that another page
 * still uses, that two pages both claim, or that the site uses for its own pages (`isSiteFile`,
 * such as /search/) is an error: one of the two would silently win. So is a page at such a URL.
 */
export function redirectsFor(pages: PageWithRedirects[], isSiteFile: (url: string) => boolean = () => false): { redirects: RedirectView[]; diagnostics: Diagnostic[] } {
  const pageUrls = new Map(pages.map((page) => [page.url, page]));
  const claimed = new Map<string, PageWithRedirects>();
  const redirects: RedirectView[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const page of pages) {
    if (isSiteFile(page.url)) {
      diagnostics.push({ severity: "error", file: page.file, message: `${page.url} is where the site publishes its own page: rename or move this file` });
    }
    (page.redirectFrom ?? []).forEach((path, index) => {
      const from = normalise(path);
      const problem = (message: string) =>
        diagnostics.push({ severity: "error", ...(page.locate?.(["redirectFrom", index]) ?? { file: page.file }), field: `redirectFrom.${index}`, message });
      const livePage = pageUrls.get(from);
      const otherClaim = claimed.get(from);
      if (isSiteFile(from)) problem(`${from} is where the site publishes its own page: it cannot redirect`);
      else if (livePage) problem(`${from} is still the address of ${livePage === page ? "this page" : livePage.file}: remove it from redirectFrom`);
      else if (otherClaim) problem(`${from} is already redirected to ${otherClaim.url} by ${otherClaim.file}: keep it in one page only`);
      else {
        claimed.set(from, page);
        redirects.push({ from, to: page.url, title: page.title });
      }
    });
  }
  return { redirects: redirects.sort((a, b) => a.from.localeCompare(b.from)), diagnostics };
}
