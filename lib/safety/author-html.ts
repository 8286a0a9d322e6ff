import {
  Parser,
  TokenizerMode,
  defaultTreeAdapter,
  html as parse5Html,
  type DefaultTreeAdapterMap,
  type ParserError,
  type Token,
} from "parse5";

import type { Diagnostic } from "../diagnostics.ts";
import { unsafeUrlScheme } from "./url-safety.ts";

type ParentNode = DefaultTreeAdapterMap["parentNode"];
type Element = DefaultTreeAdapterMap["element"];
type ChildNode = DefaultTreeAdapterMap["childNode"];

/** Something in author HTML the build refuses, at its offset (0-based) in that HTML, before the caller turns it into a line. */
interface OffsetProblem {
  offset: number;
  message: string;
}

/** What one reading of a piece of author HTML found. */
export interface HtmlInspection {
  problems: OffsetProblem[];
  /**
   * Whether the HTML ends where it began: outside any tag, comment, text-only element (`<noscript>`,
   * `<style>` …) and SVG or MathML. Only then does the HTML after it on the page read the same as it
   * would alone, so pieces that each end closed can be checked one by one.
   */
  closed: boolean;
  /** Why it is not closed, as problems, when it is not. */
  leftOpen: OffsetProblem[];
}

// Elements that run code, embed other documents or change where every link on the page goes.
// Author HTML is trusted for layout (see README, "Trust model"), never for any of these.
const FORBIDDEN_ELEMENTS = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "base",
  "meta",
  "link",
  "portal",
  "handler",
  "listener",
]);

// Attributes that browsers follow or fetch as URLs (HTML, SVG and MathML), by the name the tokenizer reads.
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "xml:base",
  "poster",
  "data",
  "background",
  "cite",
  "ping",
  "srcset",
  "imagesrcset",
  "lowsrc",
  "dynsrc",
  "codebase",
  "longdesc",
  "icon",
  "manifest",
  "archive",
  "classid",
]);

// Lists of URLs, each candidate's URL first.
const URL_LIST_ATTRIBUTES: Record<string, (value: string) => string[]> = {
  srcset: (value) => value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]),
  imagesrcset: (value) => value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]),
  ping: (value) => value.trim().split(/\s+/),
  archive: (value) => value.trim().split(/[\s,]+/),
};

// SVG (SMIL) animation sets another attribute's value, `href` included, from these: an
// `<a>` with no href of its own can be given a javascript: one this way.
const ANIMATION_ELEMENTS = new Set(["animate", "set", "animatemotion", "animatetransform", "animatecolor"]);
const ANIMATION_VALUES = new Set(["values", "to", "from", "by"]);

// Elements whose content the HTML parser reads as text. Another reading (scripting off for
// `<noscript>`, inside SVG for `<style>` and `<title>`, a parser that skips `<style>` in `<select>`)
// can read the same characters as markup, so their content is checked as HTML too.
const TEXT_ONLY_ELEMENTS = new Set([
  "noscript",
  "style",
  "xmp",
  "textarea",
  "title",
  "noembed",
  "noframes",
  "plaintext",
  "iframe",
  "script",
]);

const EOF_MESSAGES: Record<string, string> = {
  "eof-in-tag":
    "the HTML ends inside a tag (a `>` or a closing quote is missing), so what follows it on the page would be read as part of that tag",
  "eof-before-tag-name":
    "the HTML ends with `<` or `</`, which would join up with the markup that follows it on the page: write `&lt;` for a less-than sign",
  "eof-in-comment": "a comment (`<!--`) is not closed with `-->`, so what follows it on the page would be hidden in it",
  "eof-in-doctype": "the HTML ends inside `<!DOCTYPE`: remove it",
  "eof-in-cdata":
    "a `<![CDATA[` section is not closed with `]]>`, so what follows it on the page would be read as its text",
  "eof-in-script-html-comment-like-text": "the HTML ends inside a script",
};

/** CSS with its escapes (`\6a`, `\j`) decoded and comments removed, so a scheme spelt with them is seen. */
function decodeCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, "")
    .replace(
      /\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-f]))/gi,
      (_, hex: string | undefined, char: string | undefined) => {
        if (char !== undefined) return char;
        const code = Number.parseInt(hex!, 16);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : "\ufffd";
      },
    );
}

/** The unsafe scheme of the first URL in CSS (`url(…)`, `@import "…"`, `image-set("…")`) that has one. */
function unsafeCssScheme(css: string): string | undefined {
  if (!/[:\\]/.test(css)) return undefined;
  const decoded = decodeCss(css);
  for (const match of decoded.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))|"([^"]*)"|'([^']*)'/gi)) {
    const url = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? "";
    const scheme = unsafeUrlScheme(url, { allowDataImages: true });
    if (scheme) return scheme;
  }
  return undefined;
}

const urlMessage = (name: string, tagName: string, scheme: string) =>
  `\`${name}\` on \`<${tagName}>\` uses a ${scheme}: URL, which is not allowed: link to a page or an http(s), mailto or tel address`;

/**
 * The HTML parser browsers follow, watching every start tag the tokenizer reads: the tree builder
 * drops some (an `<img>` inside `<select>`, a second `<body>` whose attributes join the page's own),
 * and those must be judged too, since another browser or a later version may keep them.
 */
class CheckingParser extends Parser<DefaultTreeAdapterMap> {
  problems: OffsetProblem[] = [];
  /** A comment, a text-only element or a style sheet was read: the tree has content to check again. */
  hasHiddenContent = false;
  checkAlt = true;

  override onStartTag(token: Token.TagToken): void {
    this.checkStartTag(token);
    super.onStartTag(token);
    if (this.tokenizer.state !== TokenizerMode.DATA || token.tagName === "style") this.hasHiddenContent = true;
  }

  override onComment(token: Token.CommentToken): void {
    this.hasHiddenContent = true;
    super.onComment(token);
  }

  private checkStartTag(token: Token.TagToken): void {
    const tagName = token.tagName;
    const offset = token.location?.startOffset ?? 0;
    const report = (message: string, at = offset) => this.problems.push({ offset: at, message });
    if (FORBIDDEN_ELEMENTS.has(tagName)) {
      report(`\`<${tagName}>\` is not allowed in page content: it could run code or load another page into this one`);
      return;
    }
    let hasAlt = false;
    for (const { name, value } of token.attrs) {
      const at = token.location?.attrs?.[name]?.startOffset ?? offset;
      if (name === "alt") hasAlt = true;
      if (name.startsWith("on")) {
        report(
          `the event-handler attribute \`${name}\` on \`<${tagName}>\` is not allowed: page content may not run scripts`,
          at,
        );
      } else if (URL_ATTRIBUTES.has(name)) {
        const allowDataImages = (tagName === "img" || tagName === "source") && (name === "src" || name === "srcset");
        for (const url of URL_LIST_ATTRIBUTES[name]?.(value) ?? [value]) {
          const scheme = unsafeUrlScheme(url, { allowDataImages });
          if (scheme) {
            report(urlMessage(name, tagName, scheme), at);
            break;
          }
        }
      } else if (name === "style") {
        const scheme = unsafeCssScheme(value);
        if (scheme)
          report(`the \`style\` on \`<${tagName}>\` uses a ${scheme}: URL, which is not allowed in page content`, at);
      } else if (ANIMATION_ELEMENTS.has(tagName) && ANIMATION_VALUES.has(name)) {
        const scheme = value
          .split(";")
          .map((part) => unsafeUrlScheme(part))
          .find(Boolean);
        if (scheme)
          report(
            `\`${name}\` on the SVG animation \`<${tagName}>\` sets a ${scheme}: URL, which is not allowed: an animation may not change a link into a script`,
            at,
          );
      } else if (ANIMATION_ELEMENTS.has(tagName) && name === "attributename" && /^\s*on/i.test(value)) {
        report(
          `the SVG animation \`<${tagName}>\` sets the event-handler attribute \`${value.trim()}\`, which is not allowed: page content may not run scripts`,
          at,
        );
      }
    }
    if (tagName === "img" && this.checkAlt && !hasAlt) {
      report(
        '`<img>` has no `alt` attribute: describe the image in `alt="…"`, or write `alt=""` if it is only decoration',
      );
    }
  }
}

// Author HTML sits inside the page's <body>, in a <div> or <p>: parsed in that context, not the
// forgiving <template> parse5 uses without one.
const CONTEXTS = { div: defaultTreeAdapter.createElement("div", parse5Html.NS.HTML, []) };

function* nodes(node: ParentNode): Generator<ChildNode> {
  for (const child of node.childNodes) {
    yield child;
    if ("tagName" in child)
      yield* nodes(child.tagName === "template" ? (child as DefaultTreeAdapterMap["template"]).content : child);
  }
}

const MAX_NESTING = 4;

// Most raw HTML in Markdown is one plain tag (`<strong>`, `</abbr>`, `<abbr title="…">`). Such a tag
// can hold nothing the checks look for when it is an end tag, or a start tag of an ordinary element
// whose attributes are neither handlers, URLs nor styles: it is answered without a parse.
const HTML_SPACE = "[ \\t\\n\\f\\r]";
const END_TAG = new RegExp(`^</[a-z][a-z0-9]*${HTML_SPACE}*>$`, "i");
const START_TAG = new RegExp(
  `^<([a-z][a-z0-9]*)((?:${HTML_SPACE}+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*)${HTML_SPACE}*>$`,
  "i",
);
const ATTRIBUTE_NAME = new RegExp(`${HTML_SPACE}+([a-z][a-z0-9-]*)`, "gi");
const SPECIAL_TAGS = new Set([
  ...FORBIDDEN_ELEMENTS,
  ...TEXT_ONLY_ELEMENTS,
  ...ANIMATION_ELEMENTS,
  "svg",
  "math",
  "img",
  "image",
]);

function isPlainTag(html: string): boolean {
  if (END_TAG.test(html)) return true;
  const match = START_TAG.exec(html);
  if (!match || SPECIAL_TAGS.has(match[1].toLowerCase())) return false;
  for (const [, name] of match[2].replace(/="[^"]*"/g, "").matchAll(ATTRIBUTE_NAME)) {
    const lower = name.toLowerCase();
    if (lower.startsWith("on") || lower === "style" || URL_ATTRIBUTES.has(lower)) return false;
  }
  return true;
}

/**
 * Reads author HTML as a browser with scripting on builds it, and finds what could run code:
 * script and embedding elements, event-handler attributes, javascript:/vbscript:/data:/file: URLs
 * in any attribute a browser follows (SVG animation values and CSS `url()` included), and the same
 * inside comments and text-only elements, which other readings take as markup.
 * @param nesting how deep inside comments and text-only elements this HTML is (0: the author's own)
 */
export function inspectHtml(html: string, options: { scripting?: boolean; nesting?: number } = {}): HtmlInspection {
  const nesting = options.nesting ?? 0;
  // Nothing can run or stay open without a tag.
  if (!html.includes("<") || isPlainTag(html)) return { problems: [], closed: true, leftOpen: [] };
  const leftOpen: OffsetProblem[] = [];
  const onParseError = (error: ParserError) => {
    const message = EOF_MESSAGES[error.code];
    if (message && nesting === 0)
      leftOpen.push({ offset: Math.max(0, Math.min(error.startOffset, html.length - 1)), message });
  };
  const parser = CheckingParser.getFragmentParser(CONTEXTS.div, {
    sourceCodeLocationInfo: true,
    scriptingEnabled: options.scripting ?? true,
    onParseError,
  }) as CheckingParser;
  parser.checkAlt = nesting === 0;
  parser.tokenizer.write(html, true);
  if (nesting === 0) {
    // SVG and MathML still open would take the page's own markup after this HTML into them.
    const stack = parser.openElements.items.slice(0, parser.openElements.stackTop + 1);
    const foreign = stack.find(
      (element) => "namespaceURI" in element && element.namespaceURI !== parse5Html.NS.HTML,
    ) as Element | undefined;
    if (foreign)
      leftOpen.push({
        offset: foreign.sourceCodeLocation?.startOffset ?? 0,
        message: `\`<${foreign.tagName}>\` is not closed: add \`</${foreign.tagName}>\`, or the page after it would be read as ${foreign.namespaceURI === parse5Html.NS.SVG ? "SVG" : "MathML"}`,
      });
  }
  const problems = parser.problems;
  const fragment = parser.getFragment();
  if (parser.hasHiddenContent) {
    for (const node of nodes(fragment)) {
      let content: { start: number; text: string; where: string } | undefined;
      if (node.nodeName === "#comment") {
        const location = node.sourceCodeLocation;
        if (!location) continue;
        const start = location.startOffset + (html.startsWith("<!--", location.startOffset) ? 4 : 2);
        content = { start, text: (node as DefaultTreeAdapterMap["commentNode"]).data, where: "a comment" };
      } else if (
        "tagName" in node &&
        node.namespaceURI === parse5Html.NS.HTML &&
        TEXT_ONLY_ELEMENTS.has(node.tagName) &&
        !node.childNodes.some((child) => "tagName" in child)
      ) {
        const location = node.sourceCodeLocation;
        if (!location?.startTag) continue;
        const start = location.startTag.endOffset;
        const end = location.endTag?.startOffset ?? location.endOffset;
        if (!location.endTag && nesting === 0) {
          leftOpen.push({
            offset: location.startOffset,
            message:
              node.tagName === "plaintext"
                ? "`<plaintext>` turns the rest of the page into text and cannot be closed: remove it"
                : `\`<${node.tagName}>\` is not closed: add \`</${node.tagName}>\`, or the page after it would be read as its text`,
          });
        }
        content = { start, text: html.slice(start, end), where: `\`<${node.tagName}>\`` };
      }
      if ("tagName" in node && node.tagName === "style") {
        // Inside SVG a style sheet is the element's text children rather than raw text.
        const css = content?.text ?? node.childNodes.map((child) => ("value" in child ? child.value : "")).join("");
        const scheme = unsafeCssScheme(css);
        if (scheme)
          problems.push({
            offset: node.sourceCodeLocation?.startOffset ?? 0,
            message: `the style sheet in \`<style>\` uses a ${scheme}: URL, which is not allowed in page content`,
          });
      }
      if (!content || !content.text.includes("<") || nesting >= MAX_NESTING) continue;
      // What a comment or text-only element holds is read again as markup, with scripting off as for `<noscript>`.
      for (const inner of inspectHtml(content.text, { scripting: false, nesting: nesting + 1 }).problems) {
        problems.push({
          offset: content.start + inner.offset,
          message: `${inner.message} (inside ${content.where}, which is checked as HTML too)`,
        });
      }
    }
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { problems, closed: leftOpen.length === 0, leftOpen };
}

/** The 1-based line of each offset in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line++;
  return line;
}

/**
 * Finds what the build refuses in one piece of author HTML that stands alone on the page (a front
 * matter field): everything `inspectHtml` finds, and anything it leaves open that would change how
 * the page after it is read. Each is an error at its line within the HTML; the caller knows the file.
 */
export function findUnsafeHtml(html: string): (Omit<Diagnostic, "file"> & { line: number })[] {
  const { problems, leftOpen } = inspectHtml(html);
  return [...problems, ...leftOpen]
    .sort((a, b) => a.offset - b.offset)
    .map((problem) => ({ severity: "error", line: lineAt(html, problem.offset), message: problem.message }));
}
