import type MarkdownIt from "markdown-it";
import type { MarkdownEnv } from "./govuk-markdown.ts";
import { lineWithin, rawHtmlPieces, startTags, type RawAttribute } from "./raw-html.ts";

// What comes before a style attribute's value: the space before its name, the name and any `=`.
const BEFORE_STYLE_VALUE = /\s+style(?:\s*=\s*)?$/i;

/** Where a style attribute starts (the space before its name included) and ends in the HTML. */
function attributeSpan(html: string, attribute: RawAttribute): [number, number] | undefined {
  const before = BEFORE_STYLE_VALUE.exec(html.slice(0, attribute.valueStart));
  return before ? [before.index, attribute.valueEnd] : undefined;
}

/**
 * Leaves `style="…"` out of a body's raw HTML, keeping the element, and warns at its line. The site's
 * Content Security Policy blocks inline styles, so the browser would ignore them, and the HTML check
 * refuses a page with one; the editor learns the page will not look as written and what to use instead.
 */
export function inlineStyles(md: MarkdownIt): void {
  md.core.ruler.push("inline_styles", (state) => {
    const env = state.env as MarkdownEnv;
    for (const { token, line } of rawHtmlPieces(state.tokens)) {
      if (!/style/i.test(token.content)) continue;
      const html = token.content;
      const spans: [number, number][] = [];
      for (const tag of startTags(html)) {
        const styles = tag.attributes.filter((attribute) => attribute.name === "style");
        if (!styles.length) continue;
        for (const style of styles) {
          const span = attributeSpan(html, style);
          if (span) spans.push(span);
        }
        env.notes?.push({
          severity: "warning",
          line: line + lineWithin(html, tag.offset) - 1,
          message: `the \`style\` attribute on \`<${tag.name}>\` was left out of the page: the site's Content Security Policy would block it. Use a GOV.UK Frontend class instead, such as \`govuk-!-width-one-quarter\`, or an override like \`govuk-!-margin-bottom-6\``,
        });
      }
      // From the end, so the offsets of the spans before stay right.
      let result = html;
      for (const [start, end] of spans.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + result.slice(end);
      token.content = result;
    }
  });
}
