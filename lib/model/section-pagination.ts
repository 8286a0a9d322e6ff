import { byOrderThenTitle, parentUrl } from "./page-tree.ts";

/** The previous and next links `govukPagination` draws. */
export interface PaginationView {
  previous?: { href: string; labelText: string };
  next?: { href: string; labelText: string };
}

interface PageInTree {
  url: string;
  title: string;
  order?: number;
}

/**
 * Previous and next links for the sections that ask for them: each section is read in order as its
 * index page, then the pages one level below it by `order` and title (the order of its listing).
 * A section's own index takes its links from its own section rather than from the one above it.
 */
export function sectionPagination(
  pages: PageInTree[],
  paginatedSections: ReadonlySet<string>,
): Map<string, PaginationView> {
  const links = new Map<string, PaginationView>();
  const byUrl = new Map(pages.map((page) => [page.url, page]));
  for (const sectionUrl of [...paginatedSections].sort()) {
    const index = byUrl.get(sectionUrl);
    if (!index) continue;
    const sequence = [index, ...pages.filter((page) => parentUrl(page.url) === sectionUrl).sort(byOrderThenTitle)];
    sequence.forEach((page, position) => {
      if (position > 0 && paginatedSections.has(page.url)) return;
      const previous = sequence[position - 1];
      const next = sequence[position + 1];
      links.set(page.url, {
        previous: previous && { href: previous.url, labelText: previous.title },
        next: next && { href: next.url, labelText: next.title },
      });
    });
  }
  return links;
}
