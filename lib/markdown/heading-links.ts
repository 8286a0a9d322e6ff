import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { escapeHtml } from "../safety/escape-html.ts";

/** The levels that get a link: h1 is the page title, and h5 and h6 are too small to be worth one. */
const LINKED_LEVELS = new Set(["h2", "h3", "h4"]);

/** The heading's words as the contents list and its id have them: its text and inline code. */
function headingText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}

/**
 * A self-link after each h2 to h4, so readers can copy a link to a section. The pattern is
 * markdown-it-anchor's "link after header" (from Amber Wilson's and Nicolas Hoizey's studies of
 * heading anchors): the link is the heading's next sibling, inside a wrapper, rather than inside
 * the heading, so the heading's accessible name stays its own words in a screen reader's list of
 * headings; and it has words, "Link to this section: <heading>", rather than an icon, so in a list
 * of links it says where it goes. It is hidden until it has focus or the heading is hovered, so it
 * never crowds the text, but stays in the tab order and the accessibility tree. Search leaves it
 * out (`data-pagefind-ignore`), as the heading's text is already indexed.
 */
export function headingLinks(md: MarkdownIt): void {
  const renderToken: NonNullable<MarkdownIt["renderer"]["rules"]["heading_open"]> = (
    tokens,
    index,
    options,
    _env,
    self,
  ) => self.renderToken(tokens, index, options);
  const open = md.renderer.rules.heading_open ?? renderToken;
  const close = md.renderer.rules.heading_close ?? renderToken;

  md.renderer.rules.heading_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const linked = LINKED_LEVELS.has(token.tag) && token.attrGet("id");
    return (linked ? '<div class="app-linked-heading">\n' : "") + open(tokens, index, options, env, self);
  };
  md.renderer.rules.heading_close = (tokens, index, options, env, self) => {
    const heading = close(tokens, index, options, env, self);
    const opening = tokens[index - 2];
    const id = opening?.type === "heading_open" ? opening.attrGet("id") : null;
    if (!id || !LINKED_LEVELS.has(opening.tag)) return heading;
    const text = escapeHtml(headingText(tokens[index - 1]));
    return (
      heading +
      `<a class="govuk-link app-linked-heading__link" href="#${escapeHtml(id)}" data-pagefind-ignore>` +
      `Link to this section<span class="govuk-visually-hidden">: ${text}</span></a>\n</div>\n`
    );
  };
}
