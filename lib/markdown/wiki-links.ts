import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import {
  WIKI_LINK,
  isEmbedAt,
  readEmbed,
  readWikiLink,
  type WikiLink,
  type WikiResolution,
} from "../content/wiki-link-targets.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";

const textToken = (state: StateCore, content: string): Token =>
  Object.assign(new state.Token("text", "", 0), { content });

function linkTokens(state: StateCore, href: string, text: string): Token[] {
  const open = new state.Token("link_open", "a", 1);
  open.attrSet("href", href);
  return [open, textToken(state, text), new state.Token("link_close", "a", -1)];
}

/**
 * What an Obsidian embed (`![[…]]`) becomes: an image of a published image file, a link to another
 * file, or a link to the note's page, since one page's text is never shown inside another here.
 */
function embedTokens(
  state: StateCore,
  link: WikiLink,
  label: string | undefined,
  resolution: WikiResolution,
  say: (severity: "error" | "warning", message: string) => void,
): Token[] {
  const embed = readEmbed(link, label);
  if (!("href" in resolution)) {
    if (embed.kind === "note") {
      say("warning", `shows the embed ${link.raw} as plain text: ${resolution.problem}`);
      return [textToken(state, embed.text)];
    }
    say("error", `the embed ${link.raw} shows nothing: ${resolution.problem}`);
    return [textToken(state, link.raw)];
  }
  if (embed.kind === "note") {
    say(
      "warning",
      `shows the embed ${link.raw} as a link to the page: one page's text is never shown inside another here, so copy in what this page needs`,
    );
    return linkTokens(state, resolution.href, embed.text);
  }
  if (embed.kind === "file") return linkTokens(state, resolution.href, embed.text);
  if (embed.size)
    say(
      "warning",
      `the size ${embed.size} in ${link.raw} is not used: Markdown images have no size, so the image is shown at its own width, up to the text column's; resize the file to change it`,
    );
  const image = new state.Token("image", "img", 0);
  image.attrs = [
    ["src", resolution.href],
    ["alt", ""],
  ];
  // No alt text leaves the image empty, and the safe-content rule refuses it as it refuses ![](x.png).
  image.children = embed.text ? [textToken(state, embed.text)] : [];
  image.content = embed.text;
  return [image];
}

/**
 * Turns Obsidian's `[[target|label]]` in body text into a link to the page it names, or into the
 * label as plain text (with a warning) when no page answers to the name; and its embeds (`![[…]]`)
 * into images, links to files, or links to pages. Code spans and blocks keep their text, because
 * markdown-it has already set them apart as code tokens.
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
      const say = (severity: "error" | "warning", message: string) => env.notes?.push({ severity, line, message });
      for (const child of block.children) {
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        if (child.type !== "text" || !child.content.includes("[[")) {
          children.push(child);
          continue;
        }
        let last = 0;
        for (const match of child.content.matchAll(WIKI_LINK)) {
          const embed = isEmbedAt(child.content, match.index) && match.index > last;
          const link: WikiLink = { ...readWikiLink(match), ...(embed ? { embed, raw: `!${match[0]}` } : {}) };
          const before = child.content.slice(last, embed ? match.index - 1 : match.index);
          if (before) children.push(textToken(state, before));
          const resolution = env.resolveWikiLink?.(link) ?? { problem: "links between pages are not resolved here" };
          if (embed) children.push(...embedTokens(state, link, match[3], resolution, say));
          else if ("href" in resolution) children.push(...linkTokens(state, resolution.href, link.text));
          else {
            children.push(textToken(state, link.text));
            say("warning", `shows the wiki link ${link.raw} as plain text: ${resolution.problem}`);
          }
          last = match.index + match[0].length;
        }
        if (last < child.content.length) children.push(textToken(state, child.content.slice(last)));
      }
      block.children = children;
    }
  });
}
