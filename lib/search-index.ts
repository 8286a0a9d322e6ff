import { readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";

/**
 * What search leaves out of the text it indexes inside <main>: navigation and lists of other pages,
 * which would make every section page match its children's words, and notes about the page itself.
 */
export const NOT_INDEXED = [
  ".app-sub-navigation",
  ".app-contents-list",
  ".app-child-list",
  ".govuk-pagination",
  ".app-page-history",
  ".app-page-meta",
  ".govuk-warning-text",
];

/**
 * Writes the Pagefind search index for the content pages into `<outputDir>/pagefind/`.
 * Only each page's <main> is read, so the header, navigation and footer never match. Result URLs are
 * site-relative: the search page resolves them against the site's root, so one index works under any path prefix.
 */
export async function writeSearchIndex(outputDir: string, pageUrls: string[]): Promise<{ pageCount: number }> {
  const { index, errors } = await pagefind.createIndex({ rootSelector: "main", excludeSelectors: NOT_INDEXED });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    for (const url of pageUrls) {
      const content = await readFile(path.join(outputDir, url, "index.html"), "utf8");
      const added = await index.addHTMLFile({ url, content });
      if (added.errors.length) throw new Error(`Pagefind could not index ${url}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
    return { pageCount: pageUrls.length };
  } finally {
    await pagefind.close();
  }
}
