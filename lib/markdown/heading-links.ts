import type MarkdownIt from "markdown-it";

/** Not yet written: a self-link on each h2 to h4. */
export function headingLinks(md: MarkdownIt, ..._options: unknown[]): void {
  void md;
}
