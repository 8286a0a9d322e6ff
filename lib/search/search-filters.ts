import type { PageView } from "../model/site-model.ts";

/** What a search result can be narrowed by: the section a page is in and the tags it carries. */
export interface SearchFilterValues {
  /** The title of the page's top-level folder (`/roles/` for `/roles/service-owner/`); none for the home page. */
  section?: string;
  tags: string[];
}

/** The choices the search page offers, each list in the order readers scan it: alphabetical. */
export interface SearchFilterOptions {
  sections: string[];
  tags: string[];
}

type FilteredPage = Pick<PageView, "url" | "title" | "tags">;

const fold = (tag: string) => tag.trim().replace(/\s+/g, " ").toLowerCase();
// One collator: localeCompare with a locale builds a new one on every comparison.
const alphabetical = new Intl.Collator("en", { sensitivity: "base" }).compare;

/**
 * Each page's section and tags, by URL. A tag written two ways ("Clippings", "clippings") is one filter,
 * spelt as the first page in URL order spells it, as the tag pages make one page of it.
 */
export function searchFilterValues(
  pages: readonly FilteredPage[],
  /** Where section titles are looked up: every page, as a section's index page may itself be left out of search. */
  sectionPages: readonly FilteredPage[] = pages,
): Map<string, SearchFilterValues> {
  const titles = new Map(sectionPages.map((page) => [page.url, page.title]));
  const spelling = new Map<string, string>();
  for (const page of [...pages].sort((a, b) => a.url.localeCompare(b.url)))
    for (const tag of page.tags ?? []) if (!spelling.has(fold(tag))) spelling.set(fold(tag), tag.trim());
  return new Map(
    pages.map((page) => {
      const top = /^\/[^/]+\//.exec(page.url)?.[0];
      const tags = [...new Set((page.tags ?? []).map((tag) => spelling.get(fold(tag))!))];
      return [page.url, { section: top ? titles.get(top) : undefined, tags }];
    }),
  );
}

/** The sections and tags of these pages, each once: the search page's checkboxes. */
export function searchFilterOptions(
  pages: readonly FilteredPage[],
  sectionPages: readonly FilteredPage[] = pages,
): SearchFilterOptions {
  const values = searchFilterValues(pages, sectionPages);
  const sections = new Set<string>();
  const tags = new Set<string>();
  for (const page of pages) {
    const filters = values.get(page.url);
    if (filters?.section) sections.add(filters.section);
    for (const tag of filters?.tags ?? []) tags.add(tag);
  }
  return { sections: [...sections].sort(alphabetical), tags: [...tags].sort(alphabetical) };
}
