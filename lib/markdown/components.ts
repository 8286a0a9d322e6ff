import type MarkdownIt from "markdown-it";

/** Not yet written: GOV.UK components written as containers. */
export function components(md: MarkdownIt, ..._options: unknown[]): void {
  void md;
}
