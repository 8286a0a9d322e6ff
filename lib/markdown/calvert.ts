import type MarkdownIt from "markdown-it";

// Glyphs of Margaret Calvert's GDS Transport font, replaced as markdown-it-govuk's `calvert` option does.
const REPLACEMENTS: [RegExp, string][] = [
  [/(?<!\d)1\/2(?!\d)/g, "½"],
  [/(?<!\d)1\/3(?!\d)/g, "⅓"],
  [/(?<!\d)2\/3(?!\d)/g, "⅔"],
  [/(?<!\d)1\/4(?!\d)/g, "¼"],
  [/(?<!\d)3\/4(?!\d)/g, "¾"],
  [/<</g, "«"],
  [/>>/g, "»"],
  [/\+-/g, "±"],
  [/(?<= )x(?= )/g, "×"],
  [/(?<= )<=(?= )/g, "≤"],
  [/(?<= )=>(?= )/g, "≥"],
];

// Something every replacement above needs, so text without it (nearly all) is not scanned once per replacement.
const MAYBE_REPLACED = /\d\/\d|<<|>>|\+-| (?:x|<=|=>) /;

/** The text with fractions, guillemets and mathematical signs as the font draws them. */
export function calvertText(text: string): string {
  if (!MAYBE_REPLACED.test(text)) return text;
  return REPLACEMENTS.reduce((result, [pattern, glyph]) => result.replace(pattern, glyph), text);
}

/**
 * Gives body text the font's own glyphs. Only text changes: code, raw HTML and link addresses are
 * other tokens, and image alt text is left as written, as markdown-it-govuk leaves it. Runs after wiki
 * links are read (so their targets keep the name as typed) and before headings are read,
 * so the contents list and search show what the heading shows.
 */
export function calvert(md: MarkdownIt): void {
  md.core.ruler.push("calvert", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline") continue;
      for (const child of block.children ?? []) {
        if (child.type === "text") child.content = calvertText(child.content);
      }
    }
  });
}
