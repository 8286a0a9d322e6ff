import type { Diagnostic } from "../diagnostics.ts";
import type { Locate } from "../content/schema-issues.ts";

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

/**
 * The one form of an old path: `/old`, `/old/` and `/old/index.html` are all the folder-style URL
 * `/old/`, written as the file /old/index.html; `/old.html` names a file and stays as it is.
 */
export const normaliseRedirectPath = (path: string): string =>
  path.endsWith("/index.html")
    ? path.slice(0, -"index.html".length)
    : path.endsWith("/") || /\.html?$/i.test(path)
      ? path
      : `${path}/`;

/**
 * Why the site itself writes the redirect page for `from` (a normalised path), or undefined. That is
 * so if the site publishes a page or file there, in one of its own folders, or at a file on its way:
 * `/sitemap.xml` becomes /sitemap.xml/index.html, which needs a folder where the site writes a file.
 */
function siteFileProblem(from: string, isSiteFile: SiteFileCheck): string | undefined {
  const reason = (url: string) => {
    const answer = isSiteFile(url);
    return answer === true ? "" : answer || undefined;
  };
  const own = reason(from);
  if (own !== undefined) return `is where the site publishes its own pages and files${own ? ` (${own})` : ""}`;
  const parts = from.split("/");
  for (let end = 2; end < parts.length; end++) {
    const ancestor = parts.slice(0, end).join("/");
    const file = reason(ancestor);
    if (file !== undefined) return `is where the site publishes its own file ${ancestor}${file ? ` (${file})` : ""}`;
  }
  return undefined;
}

/** Whether (and, when it says, why) the site publishes its own page or file at a URL. */
export type SiteFileCheck = (url: string) => boolean | string | undefined;

/**
 * The redirect pages that keep moved pages' old links working. An old path that another page
 * still uses, that two pages both claim (an error at each claim, naming the other's file and line), or that the site uses for its own pages and files
 * (`isSiteFile`, such as /search/, and its folders /assets/, /pagefind/ and /public/) is an
 * error: one of the two would silently win, or the build would fail on it. So is a page at such a URL.
 */
export function redirectsFor(
  pages: PageWithRedirects[],
  isSiteFile: SiteFileCheck = () => false,
): { redirects: RedirectView[]; diagnostics: Diagnostic[] } {
  const pageUrls = new Map(pages.map((page) => [page.url, page]));
  const claimed = new Map<string, { page: PageWithRedirects; index: number }>();
  const redirects: RedirectView[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const page of pages) {
    if (isSiteFile(page.url)) {
      diagnostics.push({
        severity: "error",
        file: page.file,
        message: `${page.url} is where the site publishes its own page: rename or move this file`,
      });
    }
    (page.redirectFrom ?? []).forEach((path, index) => {
      const from = normaliseRedirectPath(path);
      // Said as written, with the form it is the same as: `/x/index.html` is /x/.
      const shown = path === from || `${path}/` === from ? from : `${path} (the same as ${from})`;
      const where = (claimant: PageWithRedirects, at: number) =>
        claimant.locate?.(["redirectFrom", at]) ?? { file: claimant.file };
      const named = (claimant: PageWithRedirects, at: number) => {
        const { file, line } = where(claimant, at);
        return line === undefined ? file : `${file} (line ${line})`;
      };
      const problem = (message: string, claimant = page, at = index) =>
        diagnostics.push({ severity: "error", ...where(claimant, at), field: `redirectFrom.${at}`, message });
      const livePage = pageUrls.get(from);
      const otherClaim = claimed.get(from);
      const siteFile = siteFileProblem(from, isSiteFile);
      if (siteFile) problem(`${path} ${siteFile}: it cannot redirect`);
      else if (livePage)
        problem(
          `${shown} is still the address of ${livePage === page ? "this page" : livePage.file}: remove it from redirectFrom`,
        );
      else if (otherClaim) {
        // Both claims are named, each at its own line, so the editor can choose which page keeps it.
        const first = otherClaim.page;
        problem(
          `${shown} is already redirected to ${first.url} by ${named(first, otherClaim.index)}: keep it in one page only`,
        );
        problem(
          `${shown} is also claimed by ${named(page, index)}, which redirects it to ${page.url}: keep it in one page only`,
          first,
          otherClaim.index,
        );
      } else {
        claimed.set(from, { page, index });
        redirects.push({ from, to: page.url, title: page.title });
      }
    });
  }
  return { redirects: redirects.sort((a, b) => a.from.localeCompare(b.from)), diagnostics };
}
