import type MarkdownIt from "markdown-it";

/** Not yet written: other tools' template tags and shortcodes. */
export function foreignSyntax(md: MarkdownIt, ..._options: unknown[]): void {
  void md;
}
