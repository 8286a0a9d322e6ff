import type MarkdownIt from "markdown-it";

/** Not yet written: footnotes, definition lists, abbreviations, figures, task lists. */
export function extensions(md: MarkdownIt, ..._options: unknown[]): void {
  void md;
}
