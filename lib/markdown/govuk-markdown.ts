import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { WikiLink, WikiResolution } from "../content/wiki-link-targets.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { flatString } from "../eleventy/flat-string.ts";
import { escapeHtml } from "../safety/escape-html.ts";
import { safeContent } from "./safe-content.ts";
import { slugify } from "./slugify.ts";
import { wikiLinks } from "./wiki-links.ts";

/** What a page's render passes in, and what it learns about the body. */
export interface MarkdownEnv {
  /** The page title: a leading h1 that repeats it is left out. */
  pageTitle?: string;
  /**
   * What the body changed to fit the site (warnings) or cannot publish (errors), each at its line
   * within the body: the caller, who knows the file and where its body starts, places them.
   */
  notes?: (Omit<Diagnostic, "file"> & { line: number })[];
  /** Finds the page a wiki link (`[[target|label]]`) names; without it wiki links stay text. */
  resolveWikiLink?: (link: WikiLink) => WikiResolution;
  /** Every heading, for contents lists and search. */
  headings?: { level: number; text: string; id: string }[];
}

/** GOV.UK heading size for each heading level after the page's single h1. */
const HEADING_CLASSES: Record<string, string> = {
  h1: "govuk-heading-xl",
  h2: "govuk-heading-l",
  h3: "govuk-heading-m",
  h4: "govuk-heading-s",
  h5: "govuk-heading-s",
  h6: "govuk-heading-s",
};

/** The class each block token gets, by token type (a paragraph markdown-it hides inside a tight list gets none). */
const BLOCK_CLASSES: Record<string, string> = {
  paragraph_open: "govuk-body",
  bullet_list_open: "govuk-list govuk-list--bullet",
  ordered_list_open: "govuk-list govuk-list--number",
  table_open: "govuk-table",
  thead_open: "govuk-table__head",
  tbody_open: "govuk-table__body",
  tr_open: "govuk-table__row",
  th_open: "govuk-table__header",
  td_open: "govuk-table__cell",
  blockquote_open: "app-quote",
  hr: "govuk-section-break govuk-section-break--xl govuk-section-break--visible",
};

/** The class each token inside a line of text gets, by token type. */
const INLINE_CLASSES: Record<string, string> = {
  link_open: "govuk-link",
  code_inline: "app-code",
};

function addClass(token: Token, className: string): void {
  const existing = token.attrGet("class");
  token.attrSet("class", existing ? `${existing} ${className}` : className);
}

/** The plain text of an inline token, as a reader sees it. */
function inlineText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? "";
  return token.children
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}

/** What the class rule carries from one token to the next while it walks a body. */
interface ClassWalk {
  tokens: Token[];
  env: MarkdownEnv;
  usedIds: Set<string>;
  /** The text of the heading above, which names the tables under it. */
  lastHeadingText: string;
  tableCount: number;
}

function addBlockClass(token: Token): void {
  const className = BLOCK_CLASSES[token.type];
  if (!className || (token.type === "paragraph_open" && token.hidden)) return;
  addClass(token, className);
}

/** An id from the heading's words, numbered when the page already has it. */
function uniqueId(text: string, usedIds: Set<string>): string {
  const base = slugify(text) || "section";
  let id = base;
  for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
  usedIds.add(id);
  return id;
}

/** What each kind of token needs beyond its block class. */
const TOKEN_RULES = new Map<string, (token: Token, index: number, walk: ClassWalk) => void>([
  [
    "heading_open",
    (token, index, walk) => {
      addClass(token, HEADING_CLASSES[token.tag]);
      walk.lastHeadingText = inlineText(walk.tokens[index + 1]);
      const id = uniqueId(walk.lastHeadingText, walk.usedIds);
      token.attrSet("id", id);
      walk.env.headings?.push({ level: Number(token.tag[1]), text: walk.lastHeadingText, id });
    },
  ],
  ["th_open", (token) => token.attrSet("scope", token.meta?.scope ?? "col")],
  [
    "table_open",
    (token, _index, walk) => {
      token.meta = { ...token.meta, label: walk.lastHeadingText, number: ++walk.tableCount };
    },
  ],
  [
    "inline",
    (token) => {
      for (const child of token.children ?? []) {
        const className = INLINE_CLASSES[child.type];
        if (className) addClass(child, className);
      }
    },
  ],
]);

/**
 * Gives rendered Markdown GOV.UK Frontend classes and every heading a stable id,
 * unique within the page, so readers can deep-link to any section.
 */
export function govukMarkdown(md: MarkdownIt): void {
  md.core.ruler.push("one_h1", (state) => {
    const env = state.env as MarkdownEnv;
    const tokens = state.tokens;
    const first = tokens[0];
    if (
      env.pageTitle &&
      first?.type === "heading_open" &&
      first.tag === "h1" &&
      inlineText(tokens[1]).trim().toLowerCase() === env.pageTitle.trim().toLowerCase()
    ) {
      tokens.splice(0, 3);
      env.notes?.push({
        severity: "warning",
        line: (first.map?.[0] ?? 0) + 1,
        message: "left out the body's first heading because it repeats the title",
      });
    }
    const firstH1 = tokens.find((token) => token.type === "heading_open" && token.tag === "h1");
    if (firstH1) {
      for (const token of tokens) {
        if (token.type === "heading_open" || token.type === "heading_close") {
          token.tag = `h${Math.min(Number(token.tag[1]) + 1, 6)}`;
        }
      }
      env.notes?.push({
        severity: "warning",
        line: (firstH1.map?.[0] ?? 0) + 1,
        message: "the body uses `#` headings; shown one level down so the title stays the page's only h1",
      });
    }
  });

  md.core.ruler.push("govuk_classes", (state) => {
    const walk: ClassWalk = {
      tokens: state.tokens,
      env: state.env as MarkdownEnv,
      usedIds: new Set(),
      lastHeadingText: "",
      tableCount: 0,
    };
    state.tokens.forEach((token, index) => {
      addBlockClass(token);
      TOKEN_RULES.get(token.type)?.(token, index, walk);
    });
  });

  // Wide tables scroll sideways inside a focusable region rather than break a
  // 320px layout; keyboard users need the tabindex to scroll it (WCAG 2.1.1).
  md.renderer.rules.table_open = (tokens, index, options, env, self) => {
    const { label, number } = tokens[index].meta ?? {};
    // Landmark names must be unique on a page, so the second table is "Table 2: …".
    const name = number > 1 ? `Table ${number}` : "Table";
    const ariaLabel = label ? `${name}: ${label}` : name;
    const region = `<div class="app-table-container" role="region" aria-label="${escapeHtml(ariaLabel)}" tabindex="0">\n`;
    return region + self.renderToken(tokens, index, options);
  };
  md.renderer.rules.table_close = (tokens, index, options, env, self) =>
    self.renderToken(tokens, index, options) + "</div>\n";

  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    const language = token.info.trim().split(/\s+/)[0];
    const languageClass = language ? ` class="language-${escapeHtml(language)}"` : "";
    return `<pre class="app-code-block" tabindex="0"><code${languageClass}>${escapeHtml(token.content)}</code></pre>\n`;
  };
  md.renderer.rules.code_block = md.renderer.rules.fence;

  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index];
    token.attrSet("alt", self.renderInlineAsText(token.children ?? [], options, env));
    addClass(token, "app-image");
    token.attrSet("loading", "lazy");
    return self.renderToken(tokens, index, options);
  };
}

/** One markdown-it instance for the whole build: building one per call is what makes peers slow. */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  md.use(wikiLinks).use(safeContent).use(govukMarkdown);
  // The site model keeps every page's HTML for the whole build: flat, it takes a third of the memory.
  const render = md.render.bind(md);
  md.render = (source, env) => flatString(render(source, env));
  return md;
}
