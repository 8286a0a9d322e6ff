import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { WIKI_LINK, readWikiLink } from "../content/wiki-link-targets.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";

/**
 * Turns Obsidian's `[[target|label]]` in body text into a link to the page it names, or into the
 * label as plain text (with a warning) when no page answers to the name. Code spans and blocks
 * keep their text, because markdown-it has already set them apart as code tokens.
 */
export function wikiLinks(md: MarkdownIt): void {
  // After text_join, so "[[", the target and "]]" (split by the failed link parse) are one text token.
  md.core.ruler.after("text_join", "wiki_links", (state) => {
    const env = state.env as MarkdownEnv;
    for (const block of state.tokens) {
      if (
        block.type !== "inline" ||
        !block.children?.some((child) => child.type === "text" && child.content.includes("[["))
      )
        continue;
      const children: Token[] = [];
      let line = (block.map?.[0] ?? 0) + 1;
      for (const child of block.children) {
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        if (child.type !== "text" || !child.content.includes("[[")) {
          children.push(child);
          continue;
        }
        let last = 0;
        for (const match of child.content.matchAll(WIKI_LINK)) {
          const link = readWikiLink(match);
          const before = child.content.slice(last, match.index);
          if (before) children.push(Object.assign(new state.Token("text", "", 0), { content: before }));
          const resolution = env.resolveWikiLink?.(link) ?? { problem: "links between pages are not resolved here" };
          if ("href" in resolution) {
            const open = new state.Token("link_open", "a", 1);
            open.attrSet("href", resolution.href);
            children.push(
              open,
              Object.assign(new state.Token("text", "", 0), { content: link.text }),
              new state.Token("link_close", "a", -1),
            );
          } else {
            children.push(Object.assign(new state.Token("text", "", 0), { content: link.text }));
            env.notes?.push({
              severity: "warning",
              line,
              message: `shows the wiki link ${link.raw} as plain text: ${resolution.problem}`,
            });
          }
          last = match.index + match[0].length;
        }
        if (last < child.content.length)
          children.push(Object.assign(new state.Token("text", "", 0), { content: child.content.slice(last) }));
      }
      block.children = children;
    }
  });
}
