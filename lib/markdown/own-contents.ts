import type Token from "markdown-it/lib/token.mjs";

/** Whether a heading's text names a contents list: "Contents" or "On this page". */
export const isContentsHeading = (text: string): boolean => /^\s*(contents|on this page)\s*:?\s*$/i.test(text);

const inlineText = (token: Token | undefined) =>
  (token?.children ?? [])
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");

/**
 * The lines where a body has a contents list of its own: a heading named "Contents" or "On this page",
 * or a list before the body's first other heading whose links (two or more) all go to places on this page.
 */
export function ownContentsLines(tokens: Token[]): number[] {
  const lines: number[] = [];
  let beforeFirstHeading = true;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === "heading_open") {
      if (isContentsHeading(inlineText(tokens[index + 1]))) lines.push(line);
      else beforeFirstHeading = false;
      continue;
    }
    if (!beforeFirstHeading || token.level !== 0) continue;
    if (token.type !== "bullet_list_open" && token.type !== "ordered_list_open") continue;
    const hrefs: string[] = [];
    let end = index + 1;
    for (let depth = 1; end < tokens.length && depth > 0; end++) {
      const inner = tokens[end];
      if (inner.type === token.type) depth++;
      if (inner.type === token.type.replace("_open", "_close")) depth--;
      for (const child of inner.children ?? []) if (child.type === "link_open") hrefs.push(child.attrGet("href") ?? "");
    }
    if (hrefs.length >= 2 && hrefs.every((href) => href.startsWith("#") && href.length > 1)) lines.push(line);
    index = end - 1;
  }
  return lines;
}
