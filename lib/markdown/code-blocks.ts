import type MarkdownIt from "markdown-it";
import { escapeHtml } from "../safety/escape-html.ts";

/** Fenced and indented code as a focusable block, so keyboard users can scroll a long line sideways. */
export function codeBlocks(md: MarkdownIt): void {
  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    const language = token.info.trim().split(/\s+/)[0];
    const languageClass = language ? ` class="language-${escapeHtml(language)}"` : "";
    return `<pre class="app-code-block" tabindex="0"><code${languageClass}>${escapeHtml(token.content)}</code></pre>\n`;
  };
  md.renderer.rules.code_block = md.renderer.rules.fence;
}
