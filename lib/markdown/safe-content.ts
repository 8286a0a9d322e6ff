import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { inspectHtml, lineAt } from "../safety/author-html.ts";
import { unsafeUrlScheme } from "../safety/url-safety.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";

/** What an editor writes as an image's alt text to say it is only decoration: `![""](x.png)`. */
export const DECORATIVE_ALT = '""';

const countNewlines = (text: string, end = text.length) => {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) count++;
  return count;
};

// Bodies whose raw HTML leaves something open (a tag, a comment, `<noscript>`, SVG …) that changes
// how the HTML after it reads: only their whole rendered HTML shows what the browser will build.
const readWhole = new WeakSet<Token[]>();

/**
 * Makes the build refuse, rather than quietly drop, what author Markdown may not contain:
 * javascript:, vbscript:, data: and file: links, images without alt text, and raw HTML with
 * scripts, embedded documents, event-handler attributes or script URLs (README, "Trust model").
 * Each is an error naming the body line.
 */
export function safeContent(md: MarkdownIt): void {
  // markdown-it's own check turns a javascript: link into literal text without a word; accept every
  // link here so the rule below can name it as an error instead.
  md.validateLink = () => true;

  md.core.ruler.push("safe_content", (state) => {
    const env = state.env as MarkdownEnv;
    const refuse = (line: number, message: string) => env.notes?.push({ line, message, severity: "error" });
    let allClosed = true;
    // Raw HTML is read piece by piece first: when every piece ends as it began, the page reads each
    // the same as alone (Markdown's own output is escaped), and no page pays for a second parse.
    const checkHtml = (html: string, line: number) => {
      const inspection = inspectHtml(html);
      for (const problem of inspection.problems) refuse(line + lineAt(html, problem.offset) - 1, problem.message);
      if (!inspection.closed) allClosed = false;
    };
    for (const token of state.tokens) {
      const blockLine = (token.map?.[0] ?? 0) + 1;
      if (token.type === "html_block") {
        checkHtml(token.content, blockLine);
        continue;
      }
      if (token.type !== "inline") continue;
      let line = blockLine;
      for (const child of token.children ?? []) {
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        if (child.type === "html_inline") {
          checkHtml(child.content, line);
          line += countNewlines(child.content);
        } else if (child.type === "link_open" || child.type === "image") {
          const attribute = child.type === "image" ? "src" : "href";
          const url = child.attrGet(attribute) ?? "";
          const scheme = unsafeUrlScheme(url, { allowDataImages: child.type === "image" });
          if (scheme) {
            refuse(
              line,
              `the ${child.type === "image" ? "image" : "link"} to "${url.slice(0, 60)}" uses a ${scheme}: URL, which is not allowed: link to a page or an http(s), mailto or tel address`,
            );
            child.attrSet(attribute, "#");
          }
          if (child.type === "image") {
            const alt = child.content.trim();
            if (alt === DECORATIVE_ALT) {
              // Rendered as alt="", which tells screen readers to skip the image.
              child.children = [];
              child.content = "";
            } else if (!alt) {
              const shown = url.length > 60 ? `${url.slice(0, 57)}...` : url;
              refuse(
                line,
                `the image "${shown}" has no alt text: say what it shows between the brackets, as in ![A chart of visits by month](${shown}), or write ![""](${shown}) if it is only decoration`,
              );
            }
          }
        }
      }
    }
    if (!allClosed) readWhole.add(state.tokens);
  });

  // markdown-it's Renderer.render, keeping where each block's HTML starts so a problem found in the
  // whole body can be named by its Markdown line.
  const render = md.renderer.render;
  md.renderer.render = function (tokens, options, env: MarkdownEnv) {
    if (!readWhole.has(tokens)) return render.call(this, tokens, options, env);
    const starts: { offset: number; line: number; lastLine: number }[] = [];
    let html = "";
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index];
      if (token.map)
        starts.push({
          offset: html.length,
          line: token.map[0] + 1,
          lastLine: Math.max(token.map[1], token.map[0] + 1),
        });
      const rule = this.rules[token.type];
      if (token.type === "inline") html += this.renderInline(token.children ?? [], options, env);
      else if (rule) html += rule(tokens, index, options, env, this);
      else html += this.renderToken(tokens, index, options);
    }
    const lineOf = (offset: number) => {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle].offset <= offset) low = middle;
        else high = middle - 1;
      }
      const start = starts[low];
      if (!start || start.offset > offset) return 1;
      return Math.min(start.line + countNewlines(html.slice(start.offset, offset)), start.lastLine);
    };
    const { problems, leftOpen } = inspectHtml(html);
    for (const problem of [...problems, ...leftOpen]) {
      const line = lineOf(problem.offset);
      if (!env.notes?.some((note) => note.line === line && note.message === problem.message)) {
        env.notes?.push({ line, message: problem.message, severity: "error" });
      }
    }
    return html;
  };
}
