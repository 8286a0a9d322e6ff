import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { MarkdownEnv } from "./govuk-markdown.ts";

/** One template tag or shortcode of another tool, found in page text. */
export interface ForeignTag {
  /** Offset of its first character in the text searched, and of the character after it. */
  start: number;
  end: number;
  raw: string;
  /** What it is, such as "the Jekyll include `{% include x.html %}`". */
  what: string;
  /** What to write here instead. */
  instead: string;
  /** The tag's name (`include`, `ref`, `govukDetails`, `site.title`), for the import's conversions. */
  name: string;
  /** Which tool's syntax it is. */
  syntax: "nunjucks" | "liquid" | "hugo" | "erb";
  /** A closing tag (`{% endraw %}`, `{{< /notice >}}`), which its opening tag's warning covers. */
  closing: boolean;
}

const CONTAINERS: Record<string, string> = {
  govukDetails: "write `::: details Summary` on a line, the text, then `:::`",
  govukInsetText: "write `::: inset` on a line, the text, then `:::`",
  govukWarningText: "write `::: warning` on a line, the text, then `:::`",
};

const LINK = "write a link: `[[Page title]]` or `[words](/section/page/)`";
const CODE_BLOCK = "write a fenced code block: ```` ```language ```` on a line, the code, then ```` ``` ````";

const LIQUID_TAGS: Record<string, string> = {
  include: "copy the text it would include into the page",
  include_relative: "copy the text it would include into the page",
  link: LINK,
  post_url: LINK,
  raw: "delete the tag: `{{ }}` already shows as written here",
  highlight: CODE_BLOCK,
  comment: "write an HTML comment, `<!-- … -->`, which is left out of the page",
};

const HUGO_SHORTCODES: Record<string, string> = {
  ref: LINK,
  relref: LINK,
  notice: "write `::: inset` or `::: warning` on a line, the text, then `:::`",
  hint: "write `::: inset` or `::: warning` on a line, the text, then `:::`",
  alert: CONTAINERS.govukWarningText,
  callout: CONTAINERS.govukInsetText,
  details: CONTAINERS.govukDetails,
  expand: CONTAINERS.govukDetails,
  figure: "write an image: `![What it shows](/public/image.png)`",
  highlight: CODE_BLOCK,
  youtube: "write a link to the video",
  vimeo: "write a link to the video",
};

const NEVER_RUN = "pages are data, never run as templates, so it is shown as written";
const NOTHING_RUNS = "write the text the page should show";

/** The end of a `{{ … }}` expression from `open` (at its `{{`): the offset after its `}}`, skipping strings and brackets. */
function expressionEnd(text: string, open: number): number | undefined {
  let depth = 0;
  for (let index = open + 2; index < text.length; index++) {
    const char = text[index];
    if (char === '"' || char === "'" || char === "`") {
      const close = closingQuote(text, index);
      if (close === undefined) return undefined;
      index = close;
    } else if (char === "(" || char === "[" || char === "{") depth++;
    else if (depth > 0 && (char === ")" || char === "]" || char === "}")) depth--;
    else if (depth === 0 && char === "}" && text[index + 1] === "}") return index + 2;
  }
  return undefined;
}

/** The offset of the quote that closes the string opened at `open`, past backslash escapes. */
export function closingQuote(text: string, open: number): number | undefined {
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === "\\") index++;
    else if (text[index] === text[open]) return index;
  }
  return undefined;
}

const shortened = (raw: string) => {
  const flat = raw.replace(/\s+/g, " ");
  return flat.length > 60 ? `${flat.slice(0, 40)}…${flat.slice(-12)}` : flat;
};

function expression(text: string, start: number): ForeignTag | undefined {
  const end = expressionEnd(text, start);
  const inner = text
    .slice(start + 2, end === undefined ? undefined : end - 2)
    .replace(/^-/, "")
    .trim();
  const macro = /^(govuk[A-Z]\w*|x[A-Z]\w*|app[A-Z]\w*|moj[A-Z]\w*)\s*\(/.exec(inner);
  // A macro's parameters may hold a blank line, which ends the paragraph before its `}}`: its name is enough.
  if (end === undefined && !macro) return undefined;
  const stop = end ?? start + 2 + (macro ? text.slice(start + 2).indexOf(macro[1]) + macro[1].length : 0);
  const raw = text.slice(start, stop);
  if (macro) {
    const name = macro[1];
    return {
      start,
      end: stop,
      raw,
      name,
      syntax: "nunjucks",
      closing: false,
      what: `the Nunjucks macro call \`${name}(…)\``,
      instead:
        CONTAINERS[name] ??
        "write it in Markdown, or as HTML with GOV.UK Frontend classes: the site draws components from Markdown, never from a page's macro calls",
    };
  }
  const variable = /^([A-Za-z_][\w.]*)/.exec(inner)?.[1] ?? inner;
  const meaning: Record<string, string> = {
    "site.title": "the site's name",
    "site.name": "the site's name",
    "page.title": "the page's title",
  };
  return {
    start,
    end: stop,
    raw,
    name: variable,
    syntax: "liquid",
    closing: false,
    what: `the template variable \`${shortened(raw)}\``,
    instead: `write ${meaning[variable] ?? "the words it stood for"} itself`,
  };
}

function liquidTag(text: string, start: number): ForeignTag | undefined {
  const end = text.indexOf("%}", start + 2);
  if (end === -1) return undefined;
  const raw = text.slice(start, end + 2);
  const name = /^\{%-?\s*([\w-]+)/.exec(raw)?.[1];
  if (!name) return undefined;
  const closing = name.startsWith("end");
  const opening = closing ? name.slice(3) : name;
  return {
    start,
    end: end + 2,
    raw,
    name,
    syntax: "liquid",
    closing,
    what: `the ${opening === "include" || opening === "include_relative" || opening === "link" || opening === "post_url" ? "Jekyll" : "Liquid"} tag \`${shortened(raw)}\``,
    instead: LIQUID_TAGS[opening] ?? NOTHING_RUNS,
  };
}

function hugoShortcode(text: string, start: number): ForeignTag | undefined {
  const closer = text[start + 2] === "<" ? ">}}" : "%}}";
  const end = text.indexOf(closer, start + 3);
  if (end === -1) return undefined;
  const raw = text.slice(start, end + 3);
  const match = /^\{\{[<%]\s*(\/?)\s*([\w-]+)/.exec(raw);
  if (!match) return undefined;
  const name = match[2];
  return {
    start,
    end: end + 3,
    raw,
    name,
    syntax: "hugo",
    closing: match[1] === "/",
    what: `the Hugo shortcode \`${shortened(raw)}\``,
    instead: HUGO_SHORTCODES[name] ?? "write it in Markdown: the site has no shortcodes",
  };
}

function erbTag(text: string, start: number): ForeignTag | undefined {
  const end = text.indexOf("%>", start + 2);
  if (end === -1) return undefined;
  const raw = text.slice(start, end + 2);
  const partial = /^<%=?-?\s*partial\b/.test(raw);
  return {
    start,
    end: end + 2,
    raw,
    name: partial ? "partial" : "erb",
    syntax: "erb",
    closing: false,
    what: partial ? `the Tech Docs partial \`${shortened(raw)}\`` : `the Ruby (ERB) tag \`${shortened(raw)}\``,
    instead: partial ? "copy the text of the partial into the page" : NOTHING_RUNS,
  };
}

const OPENERS = /\{\{[<%]|\{\{|\{%|<%/g;

/** Every template tag and shortcode of another tool in a piece of text, in order. */
export function findForeignSyntax(text: string): ForeignTag[] {
  const found: ForeignTag[] = [];
  if (!/\{\{|\{%|<%/.test(text)) return found;
  OPENERS.lastIndex = 0;
  for (let match = OPENERS.exec(text); match; match = OPENERS.exec(text)) {
    const start = match.index;
    const tag =
      match[0].length === 3
        ? hugoShortcode(text, start)
        : match[0] === "{{"
          ? expression(text, start)
          : match[0] === "{%"
            ? liquidTag(text, start)
            : erbTag(text, start);
    if (!tag) continue;
    found.push(tag);
    OPENERS.lastIndex = tag.end;
  }
  return found;
}

/** The warning for a tag, as the build and the import both say it. */
export const foreignTagMessage = (tag: ForeignTag): string => `${tag.what}: ${NEVER_RUN}; instead, ${tag.instead}`;

// Code and preformatted text inside raw HTML is shown as written, as Markdown's code is.
const HTML_CODE = /<(pre|code|script|style|textarea)\b[\s\S]*?<\/\1\s*>/gi;
const blanked = (text: string) => text.replace(/[^\n]/g, " ");

/** The text of an inline token a reader sees, code spans blanked out, with its line breaks kept so offsets give lines. */
function inlineSource(children: Token[]): string {
  return children
    .map((child) => {
      if (child.type === "text" || child.type === "html_inline") return child.content;
      if (child.type === "softbreak" || child.type === "hardbreak") return "\n";
      if (child.type === "code_inline") return blanked(child.content);
      if (child.type === "image") return child.content;
      return "";
    })
    .join("");
}

const lineWithin = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/**
 * Warns, at its body line, about each template tag and shortcode of another tool written in a page:
 * govuk-frontend macro calls (`{{ govukDetails({…}) }}`), Liquid and Jekyll tags and variables
 * (`{% include x.html %}`, `{{ site.title }}`), Hugo shortcodes (`{{< ref "x" >}}`) and Tech Docs'
 * ERB (`<%= partial … %>`). Each stays as written, since content is never run, and the warning says
 * what to write in this site's Markdown instead. Code spans and blocks are left alone.
 */
export function foreignSyntax(md: MarkdownIt): void {
  md.core.ruler.after("text_join", "foreign_syntax", (state) => {
    const env = state.env as MarkdownEnv;
    if (!env.notes || !/\{\{|\{%|<%/.test(state.src)) return;
    const opened = new Set<string>();
    for (const token of state.tokens) {
      const text =
        token.type === "inline"
          ? inlineSource(token.children ?? [])
          : token.type === "html_block"
            ? token.content.replace(HTML_CODE, blanked)
            : undefined;
      if (!text) continue;
      for (const tag of findForeignSyntax(text)) {
        const key = `${tag.syntax}:${tag.closing ? tag.name.replace(/^\/|^end/, "") : tag.name}`;
        if (tag.closing && opened.has(key)) continue;
        opened.add(key);
        env.notes.push({
          severity: "warning",
          line: (token.map?.[0] ?? 0) + lineWithin(text, tag.start),
          message: foreignTagMessage(tag),
        });
      }
    }
  });
}
