import type MarkdownIt from "markdown-it";
import type { MarkdownEnv } from "./govuk-markdown.ts";
import { lineWithin, rawHtmlPieces, startTags } from "./raw-html.ts";

/**
 * Warns about `style="…"` in a body's raw HTML: the site's Content Security Policy blocks inline
 * styles, so the browser ignores them and the editor should know the page will not look as written.
 */
export function inlineStyles(md: MarkdownIt): void {
  md.core.ruler.push("inline_styles", (state) => {
    const env = state.env as MarkdownEnv;
    for (const { token, line } of rawHtmlPieces(state.tokens)) {
      if (!token.content.includes("style")) continue;
      for (const tag of startTags(token.content)) {
        if (!tag.attributes.some((attribute) => attribute.name === "style")) continue;
        env.notes?.push({
          severity: "warning",
          line: line + lineWithin(token.content, tag.offset) - 1,
          message: `the \`style\` attribute on \`<${tag.name}>\` has no effect: the site's Content Security Policy blocks inline styles. Use a GOV.UK Frontend class instead, such as \`govuk-!-width-one-quarter\` or a spacing override like \`govuk-!-margin-bottom-6\``,
        });
      }
    }
  });
}
