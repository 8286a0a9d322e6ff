import type MarkdownIt from "markdown-it";
import { findUnsafeHtml, unsafeUrlScheme } from "../content/html-safety.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";

/**
 * Makes the build refuse, rather than quietly drop, what author Markdown may not contain:
 * javascript:, vbscript:, data: and file: links, and raw HTML with scripts, embedded documents
 * or event-handler attributes (README, "Trust model"). Each is an error naming the body line.
 */
export function safeContent(md: MarkdownIt): void {
  // markdown-it's own check turns a javascript: link into literal text without a word; accept every
  // link here so the rule below can name it as an error instead.
  md.validateLink = () => true;

  md.core.ruler.push("safe_content", (state) => {
    const env = state.env as MarkdownEnv;
    const refuse = (line: number, message: string) => env.notes?.push({ line, message, severity: "error" });
    for (const token of state.tokens) {
      const blockLine = (token.map?.[0] ?? 0) + 1;
      if (token.type === "html_block") {
        for (const problem of findUnsafeHtml(token.content)) refuse(blockLine + problem.line - 1, problem.message);
        continue;
      }
      if (token.type !== "inline") continue;
      let line = blockLine;
      for (const child of token.children ?? []) {
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        if (child.type === "html_inline") {
          for (const problem of findUnsafeHtml(child.content)) refuse(line, problem.message);
        } else if (child.type === "link_open" || child.type === "image") {
          const attribute = child.type === "image" ? "src" : "href";
          const url = child.attrGet(attribute) ?? "";
          const scheme = unsafeUrlScheme(url, { allowDataImages: child.type === "image" });
          if (scheme) {
            refuse(line, `the ${child.type === "image" ? "image" : "link"} to "${url.slice(0, 60)}" uses a ${scheme}: URL, which is not allowed: link to a page or an http(s), mailto or tel address`);
            child.attrSet(attribute, "#");
          }
        }
      }
    }
  });
}
