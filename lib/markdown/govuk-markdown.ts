import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { WikiLink, WikiResolution } from "../content/wiki-link-targets.ts";
import { flatString } from "../eleventy/flat-string.ts";
import { safeContent } from "./safe-content.ts";
import { slugify } from "./slugify.ts";
import { wikiLinks } from "./wiki-links.ts";

/** What a page's render passes in, and what it learns about the body. */
export interface MarkdownEnv {
  /** The page title: a leading h1 that repeats it is left out. */
  pageTitle?: string;
  /** Body lines (relative to the body) that were changed to fit the site (warnings) or cannot be published (errors). */
  notes?: { line: number; message: string; severity?: "error" | "warning" }[];
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

const BLOCK_CLASSES: Record<string, string> = {
  paragraph_open: "govuk-body",
  bullet_list_open: "govuk-list govuk-list--bullet",
  ordered_list_open: "govuk-list govuk-list--number",
  table_open: "govuk-table",
  thead_open: "govuk-table__head",
  tbody_open: "govuk-table__body",
  tr_open: "govuk-table__row",
  blockquote_open: "app-quote",
  hr: "govuk-section-break govuk-section-break--xl govuk-section-break--visible",
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

/**
 * Gives rendered Markdown GOV.UK Frontend classes and every heading a stable id,
 * unique within the page, so readers can deep-link to any section.
 */
export function govukMarkdown(md: MarkdownIt): void {
  md.core.ruler.push("one_h1", (state) => {
    const env = state.env as MarkdownEnv;
    const tokens = state.tokens;
    const first = tokens[0];
    if (env.pageTitle && first?.type === "heading_open" && first.tag === "h1" &&
        inlineText(tokens[1]).trim().toLowerCase() === env.pageTitle.trim().toLowerCase()) {
      tokens.splice(0, 3);
      env.notes?.push({ line: (first.map?.[0] ?? 0) + 1, message: "left out the body's first heading because it repeats the title" });
    }
    const firstH1 = tokens.find((token) => token.type === "heading_open" && token.tag === "h1");
    if (firstH1) {
      for (const token of tokens) {
        if (token.type === "heading_open" || token.type === "heading_close") {
          token.tag = `h${Math.min(Number(token.tag[1]) + 1, 6)}`;
        }
      }
      env.notes?.push({ line: (firstH1.map?.[0] ?? 0) + 1, message: "the body uses `#` headings; shown one level down so the title stays the page's only h1" });
    }
  });

  md.core.ruler.push("govuk_classes", (state) => {
    const usedIds = new Set<string>();
    let lastHeadingText = "";
    let tableCount = 0;
    const tokens = state.tokens;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index];
      const blockClass = BLOCK_CLASSES[token.type];
      if (blockClass && !(token.type === "paragraph_open" && token.hidden)) addClass(token, blockClass);

      if (token.type === "heading_open") {
        addClass(token, HEADING_CLASSES[token.tag]);
        lastHeadingText = inlineText(tokens[index + 1]);
        const base = slugify(lastHeadingText) || "section";
        let id = base;
        for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
        usedIds.add(id);
        token.attrSet("id", id);
        (state.env as MarkdownEnv).headings?.push({ level: Number(token.tag[1]), text: lastHeadingText, id });
      } else if (token.type === "th_open") {
        addClass(token, "govuk-table__header");
        token.attrSet("scope", token.meta?.scope ?? "col");
      } else if (token.type === "td_open") {
        addClass(token, "govuk-table__cell");
      } else if (token.type === "table_open") {
        token.meta = { ...token.meta, label: lastHeadingText, number: ++tableCount };
      } else if (token.type === "inline") {
        for (const child of token.children ?? []) {
          if (child.type === "link_open") addClass(child, "govuk-link");
          if (child.type === "code_inline") addClass(child, "app-code");
        }
      }
    }
  });

  // Wide tables scroll sideways inside a focusable region rather than break a
  // 320px layout; keyboard users need the tabindex to scroll it (WCAG 2.1.1).
  md.renderer.rules.table_open = (tokens, index, options, env, self) => {
    const { label, number } = tokens[index].meta ?? {};
    // Landmark names must be unique on a page, so the second table is "Table 2: …".
    const name = number > 1 ? `Table ${number}` : "Table";
    const ariaLabel = label ? `${name}: ${label}` : name;
    const region = `<div class="app-table-container" role="region" aria-label="${md.utils.escapeHtml(ariaLabel)}" tabindex="0">\n`;
    return region + self.renderToken(tokens, index, options);
  };
  md.renderer.rules.table_close = (tokens, index, options, env, self) =>
    self.renderToken(tokens, index, options) + "</div>\n";

  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    const language = token.info.trim().split(/\s+/)[0];
    const languageClass = language ? ` class="language-${md.utils.escapeHtml(language)}"` : "";
    return `<pre class="app-code-block" tabindex="0"><code${languageClass}>${md.utils.escapeHtml(token.content)}</code></pre>\n`;
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
