import type MarkdownIt from "markdown-it";

/** Not yet written: GitHub alerts, Obsidian callouts. */
export function callouts(md: MarkdownIt, ..._options: unknown[]): void {
  void md;
}
