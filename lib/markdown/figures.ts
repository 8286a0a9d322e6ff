import type MarkdownIt from "markdown-it";
import Token from "markdown-it/lib/token.mjs";
import type { RuleCore } from "markdown-it/lib/parser_core.mjs";
import { figure } from "@mdit/plugin-figure";

// A paragraph that the figure rule must pass over, under another type while it runs.
const HELD_PARAGRAPH = "app_held_paragraph_open";

/** The image of a paragraph holding one image and nothing else (or one linked image), as the plugin reads it. */
function onlyImage(inline: Token): Token | undefined {
  const children = inline.children ?? [];
  if (children.length === 1 && children[0].type === "image") return children[0];
  if (
    children.length === 3 &&
    children[0].type === "link_open" &&
    children[1].type === "image" &&
    children[2].type === "link_close"
  )
    return children[1];
  return undefined;
}

/**
 * @mdit/plugin-figure's rule, to be placed where this pipeline needs it. The plugin reads each caption
 * with md.parseInline, which runs every core rule (notes, link rewrites, the class rule) on the caption
 * alone and then again once the caption is part of the body: here a caption is only parsed, and the
 * rules after the figure rule treat it as any other text of the body.
 */
function figureRule(md: MarkdownIt): RuleCore {
  let rule: RuleCore | undefined;
  const host = {
    core: { ruler: { before: (_at: string, _name: string, fn: RuleCore) => (rule = fn) } },
    parseInline: (source: string, env: object) => {
      const caption = new Token("inline", "", 0);
      caption.content = source;
      caption.children = [];
      md.inline.parse(source, md, env, caption.children);
      return [caption];
    },
  };
  figure(host as unknown as MarkdownIt, { focusable: false });
  if (!rule) throw new Error("@mdit/plugin-figure added no rule where this version of it did");
  return rule;
}

/**
 * An image alone in its paragraph with a title (`![A map of the site](map.png "The site in 2024")`)
 * as a `<figure class="app-figure">` whose `<figcaption>` is the title, read as Markdown. An image
 * without a title stays a plain image: the plugin would caption it with its alt text, and a screen
 * reader would then read the same words twice. The image itself is still drawn by the image rule
 * (alt text, `app-image`, lazy loading) and is not made focusable, as it does nothing.
 */
export function figures(md: MarkdownIt): void {
  // Straight after the inline parse, before footnotes gather their references, so a reference in a
  // caption is counted with the others.
  md.core.ruler.after("inline", "figure", figureRule(md));

  md.core.ruler.before("figure", "figure_titled_only", (state) => {
    state.tokens.forEach((token, index) => {
      const inline = state.tokens[index + 1];
      if (token.type !== "paragraph_open" || inline?.type !== "inline") return;
      const image = onlyImage(inline);
      if (image && !image.attrGet("title")) token.type = HELD_PARAGRAPH;
    });
  });

  md.core.ruler.after("figure", "figure_classes", (state) => {
    for (const token of state.tokens) {
      if (token.type === HELD_PARAGRAPH) token.type = "paragraph_open";
      // A tight list hides its items' paragraphs, which would leave the caption outside any figure.
      if (token.type === "figure_open" || token.type === "figure_close") token.hidden = false;
      if (token.type === "figure_open") token.attrJoin("class", "app-figure");
      if (token.type !== "inline") continue;
      for (const child of token.children ?? [])
        if (child.type === "figcaption_open") child.attrJoin("class", "app-figure__caption");
    }
  });
}
