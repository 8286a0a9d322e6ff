import path from "node:path";
import { closingQuote, findForeignSyntax, foreignTagMessage, type ForeignTag } from "../../markdown/foreign-syntax.ts";
import { readEmbed, readWikiLink, type WikiLink, type WikiResolution } from "../wiki-link-targets.ts";

/** What a conversion reads besides the text, and where it says what it did. */
export interface ConversionContext {
  title: string;
  /** The site's name, from site.json's `serviceName`: what `{{ site.title }}` stood for. */
  siteName?: string;
  resolveWikiLink: (link: WikiLink) => WikiResolution;
  /** Says what was changed (`info`) or left as written for the editor to finish (`warning`), at a line of the text. */
  report: (line: number, message: string, severity?: "info" | "warning") => void;
}

/** The govuk-frontend macros that have a container here, with the parameters each can carry into it. */
const CONTAINER_MACROS: Record<string, { container: string; summary?: boolean }> = {
  govukDetails: { container: "details", summary: true },
  govukInsetText: { container: "inset" },
  govukWarningText: { container: "warning" },
};

/** Reads a macro's parameters when they are one object of plain strings, `{ text: "…", summaryText: '…' }`. */
export function readStringParams(source: string): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  let rest = source.trim();
  if (!rest.startsWith("{") || !rest.endsWith("}")) return undefined;
  rest = rest.slice(1, -1).trim();
  while (rest) {
    const key = /^(?:([A-Za-z_]\w*)|"([^"]+)"|'([^']+)')\s*:\s*/.exec(rest);
    if (!key || !/["']/.test(rest[key[0].length] ?? "")) return undefined;
    const open = key[0].length;
    const close = closingQuote(rest, open);
    if (close === undefined) return undefined;
    const quoted = rest.slice(open, close + 1);
    params[key[1] ?? key[2] ?? key[3]] = quoted
      .slice(1, -1)
      .replace(/\\(.)/g, (_, char: string) => ({ n: "\n", t: "\t" })[char] ?? char);
    rest = rest.slice(close + 1).trim();
    if (rest.startsWith(",")) rest = rest.slice(1).trim();
    else if (rest) return undefined;
  }
  return params;
}

/** A macro call as a `:::` container, or why it cannot be one. */
function container(tag: ForeignTag, standalone: boolean): { text: string } | { problem: string } {
  const macro = CONTAINER_MACROS[tag.name];
  if (!macro) return { problem: "" };
  if (!standalone) return { problem: "it shares its lines with other text, and a container needs lines of its own" };
  const call = new RegExp(`^\\{\\{-?\\s*${tag.name}\\s*\\(([\\s\\S]*)\\)\\s*-?\\}\\}$`).exec(tag.raw);
  const params = call ? readStringParams(call[1]) : undefined;
  if (!params) return { problem: "its parameters are not one object of plain strings" };
  const { summaryText, summaryHtml, text, html, ...others } = params;
  const summary = summaryText ?? summaryHtml;
  const body = text ?? html;
  const unused = Object.keys(others);
  if (unused.length) return { problem: `the container has no place for ${unused.map((name) => `\`${name}\``).join(", ")}` };
  if (body === undefined || (macro.summary && !summary)) return { problem: `it has no ${body === undefined ? "`text`" : "`summaryText`"}` };
  const opening = macro.summary ? `::: ${macro.container} ${summary!.replace(/\s+/g, " ").trim()}` : `::: ${macro.container}`;
  return { text: `${opening}\n${body.trim()}\n:::` };
}

/** The page a Hugo `ref` or Jekyll `link`/`post_url` names, as a wiki link would find it. */
function pageNamed(tag: ForeignTag, resolve: ConversionContext["resolveWikiLink"]): WikiResolution {
  const argument = /^\{[{%][<%]?-?\s*\w+\s+(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(tag.raw);
  const written = argument?.[1] ?? argument?.[2] ?? argument?.[3] ?? "";
  const [pathPart, heading] = written.split("#");
  const withoutExtension = pathPart.replace(/\.(?:md|markdown|html)$/i, "").replace(/\/(?:_?index)?$/, "");
  const names = [path.posix.basename(withoutExtension)];
  // A Jekyll post's file name starts with its date, which its title does not.
  if (tag.name === "post_url") names.push(names[0].replace(/^\d{4}-\d{2}-\d{2}-/, ""));
  let resolution: WikiResolution = { problem: `it names no page ("${written}")` };
  for (const name of names) {
    resolution = resolve({ raw: tag.raw, target: name, heading: heading || undefined, text: name });
    if ("href" in resolution) return resolution;
  }
  return resolution;
}

/** What a tag becomes in the site's own Markdown, or why it is left as written. */
function converted(tag: ForeignTag, context: ConversionContext, where: { inLinkDestination: boolean; standalone: boolean }): { text: string; said: string } | { problem: string } {
  if ((tag.syntax === "hugo" && (tag.name === "ref" || tag.name === "relref")) || (tag.syntax === "liquid" && (tag.name === "link" || tag.name === "post_url"))) {
    const page = pageNamed(tag, context.resolveWikiLink);
    if (!("href" in page)) return { problem: page.problem };
    const text = where.inLinkDestination ? page.href : `[${page.title ?? page.href}](${page.href})`;
    return { text, said: where.inLinkDestination ? `the page's address, ${text}` : `the link ${text}` };
  }
  if (tag.syntax === "liquid" && !tag.raw.startsWith("{%") && (tag.name === "site.title" || tag.name === "page.title")) {
    if (tag.name === "page.title") return { text: context.title, said: `the page's title, "${context.title}"` };
    if (!context.siteName) return { problem: "site.json gives no `serviceName`" };
    return { text: context.siteName, said: `the site's name from site.json, "${context.siteName}"` };
  }
  if (tag.syntax === "nunjucks") {
    const made = container(tag, where.standalone);
    if ("text" in made) return { text: made.text, said: `a \`::: ${CONTAINER_MACROS[tag.name].container}\` container` };
    if (made.problem) return { problem: made.problem };
  }
  return { problem: "" };
}

const blanked = (text: string) => text.replace(/[^\n]/g, " ");

/** One piece of text to replace, by offsets in the text searched. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * Finds, in a run of lines outside code blocks, what other tools' tags mean here: Hugo's `ref` and
 * `relref` and Jekyll's `link` and `post_url` become links to the page, `{{ site.title }}` the site's
 * name and `{{ page.title }}` the title, and govuk-frontend's details, inset text and warning text
 * macros with plain string parameters `:::` containers. Everything else is left as written, each
 * with a warning saying what to write instead. Code spans are left alone.
 * @param firstLine the original file's line the text starts on
 */
export function foreignSyntaxReplacements(text: string, firstLine: number, context: ConversionContext): Replacement[] {
  const searched = text.replace(/(`+)[\s\S]*?\1/g, blanked);
  const tags = findForeignSyntax(searched);
  const lineOf = (offset: number) => firstLine + text.slice(0, offset).split("\n").length - 1;
  const replacements: Replacement[] = [];
  const opened = new Set<string>();
  for (const tag of tags) {
    const raw = text.slice(tag.start, tag.end);
    const key = `${tag.syntax}:${tag.closing ? tag.name.replace(/^\/|^end/, "") : tag.name}`;
    if (tag.closing && opened.has(key)) continue;
    opened.add(key);
    const lineStart = text.lastIndexOf("\n", tag.start - 1) + 1;
    const lineEnd = text.indexOf("\n", tag.end) === -1 ? text.length : text.indexOf("\n", tag.end);
    const where = {
      inLinkDestination: text.slice(Math.max(0, tag.start - 2), tag.start) === "](",
      standalone: !text.slice(lineStart, tag.start).trim() && !text.slice(tag.end, lineEnd).trim(),
    };
    const result = converted({ ...tag, raw }, context, where);
    if ("text" in result) {
      replacements.push({ start: tag.start, end: tag.end, text: result.text });
      context.report(lineOf(tag.start), `turned ${tag.what} into ${result.said}`);
    } else {
      const why = result.problem ? ` (not rewritten: ${result.problem})` : "";
      context.report(lineOf(tag.start), `left ${foreignTagMessage({ ...tag, raw })}${why}`, "warning");
    }
  }
  return replacements;
}

/**
 * Rewrites Obsidian's embeds (`![[…]]`) in a piece of text outside code as standard Markdown: an image
 * of a published image (`![alt](/public/x.png)`), a link to another file, or a link to the note's
 * page, since one page's text is never shown inside another here. Each is reported at its line.
 */
export function convertEmbed(match: RegExpMatchArray, line: number, context: ConversionContext): string {
  const link: WikiLink = { ...readWikiLink(match), embed: true, raw: `!${match[0]}` };
  const embed = readEmbed(link, match[3]);
  const resolution = context.resolveWikiLink(link);
  if (!("href" in resolution)) {
    if (embed.kind === "note") {
      context.report(line, `turned the embed ${link.raw} into plain text: ${resolution.problem}`);
      return embed.text;
    }
    context.report(line, `left the embed ${link.raw} as written, which the build refuses: ${resolution.problem}`, "warning");
    return link.raw;
  }
  if (embed.kind === "note") {
    context.report(line, `turned the embed ${link.raw} into a link to the page, [${embed.text}](${resolution.href}): one page's text is never shown inside another here, so copy in what this page needs`, "warning");
    return `[${embed.text}](${resolution.href})`;
  }
  if (embed.kind === "file") {
    context.report(line, `turned the embed ${link.raw} into a link to the file, [${embed.text}](${resolution.href})`);
    return `[${embed.text}](${resolution.href})`;
  }
  const image = `![${embed.text}](${resolution.href})`;
  const size = embed.size ? `, leaving out its size ${embed.size}: Markdown images have none, so it is shown at its own width, up to the text column's` : "";
  context.report(line, `turned the embed ${link.raw} into the image ${image}${size}`);
  if (!embed.text)
    context.report(line, `the image ${image} has no alt text, which the build refuses: say what it shows between the brackets, or write ![""](${resolution.href}) if it is only decoration`, "warning");
  return image;
}
