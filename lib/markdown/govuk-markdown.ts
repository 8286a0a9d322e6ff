import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { SiteData } from "../content/site-data.ts";
import type { WikiLink, WikiResolution } from "../content/wiki-link-targets.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { flatString } from "../eleventy/flat-string.ts";
import { escapeHtml } from "../safety/escape-html.ts";
import { calvert, calvertText } from "./calvert.ts";
import { callouts } from "./callouts.ts";
import { codeBlocks } from "./code-blocks.ts";
import { components } from "./components.ts";
import { extensions } from "./extensions.ts";
import { foreignSyntax } from "./foreign-syntax.ts";
import { headingLinks } from "./heading-links.ts";
import { govspeak } from "./govspeak.ts";
import { inlineStyles } from "./inline-styles.ts";
import { internalLinks } from "./internal-links.ts";
import { ownContentsLines } from "./own-contents.ts";
import { rawHtmlPieces, startTags } from "./raw-html.ts";
import { safeContent } from "./safe-content.ts";
import { slugify } from "./slugify.ts";
import { wikiLinks } from "./wiki-links.ts";

/** How Markdown is rendered: site.json's `markdown` settings and its `internalDomains`. */
export interface MarkdownSettings {
  headingsStartWith: SiteData["markdown"]["headingsStartWith"];
  breaks: boolean;
  calvert: boolean;
  govspeak: boolean;
  typographer: boolean;
  internalDomains: readonly string[];
}

/** The Defra service manual's settings, as site.json's defaults are. */
export const DEFAULT_MARKDOWN_SETTINGS: MarkdownSettings = {
  headingsStartWith: "l",
  breaks: true,
  calvert: true,
  govspeak: true,
  typographer: false,
  internalDomains: [],
};

/** What a page's render passes in, and what it learns about the body. */
export interface MarkdownEnv {
  /** The site's settings for this render; without them, those the renderer was made with. */
  settings?: Partial<MarkdownSettings>;
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
  /** The body lines where the body has a contents list of its own, so the site adds none. */
  ownContents?: number[];
  /** Each internal-host address the body links to (once each), now linked through its interruption page. */
  internalLinkTargets?: string[];
}

/** GOV.UK heading sizes, largest first, as markdown-it-govuk steps down them. */
const HEADING_SIZES = ["xl", "l", "m", "s"] as const;

/**
 * The heading class for each level from h1, starting at the site's size and one smaller per level
 * down to small. Sized by the level the page shows, after a body's `#` headings move down one.
 */
function headingClasses(startWith: MarkdownSettings["headingsStartWith"]): string[] {
  const sizes = HEADING_SIZES.slice(HEADING_SIZES.indexOf(startWith));
  return [1, 2, 3, 4, 5, 6].map((level) => `govuk-heading-${sizes[Math.min(level, sizes.length) - 1]}`);
}

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
  headingClasses: string[];
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
      addClass(token, walk.headingClasses[Number(token.tag[1]) - 1]);
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
 * The ids the author gave elements (in raw HTML, or by another plugin), which headings must not take:
 * a `<span id="x">` anchor beside a "X" heading would otherwise make two elements with one id.
 */
function authorIds(tokens: Token[]): Set<string> {
  const ids = new Set<string>();
  for (const { token } of rawHtmlPieces(tokens)) {
    if (!/\bid\s*=/i.test(token.content)) continue;
    for (const tag of startTags(token.content))
      for (const attribute of tag.attributes) if (attribute.name === "id") ids.add(attribute.value.trim());
  }
  for (const token of tokens) {
    for (const each of [token, ...(token.children ?? [])]) {
      const id = each.type === "heading_open" ? null : each.attrGet("id");
      if (id) ids.add(id);
    }
  }
  return ids;
}

/**
 * Gives rendered Markdown GOV.UK Frontend classes and every heading a stable id,
 * unique within the page, so readers can deep-link to any section.
 */
export function govukMarkdown(md: MarkdownIt, settings: MarkdownSettings = DEFAULT_MARKDOWN_SETTINGS): void {
  const classes = headingClasses(settings.headingsStartWith);
  const asShown = (title: string) => (settings.calvert ? calvertText(title) : title);
  md.core.ruler.push("one_h1", (state) => {
    const env = state.env as MarkdownEnv;
    const tokens = state.tokens;
    const first = tokens[0];
    if (
      env.pageTitle &&
      first?.type === "heading_open" &&
      first.tag === "h1" &&
      inlineText(tokens[1]).trim().toLowerCase() === asShown(env.pageTitle).trim().toLowerCase()
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
    const env = state.env as MarkdownEnv;
    env.ownContents?.push(...ownContentsLines(state.tokens));
    const walk: ClassWalk = {
      tokens: state.tokens,
      headingClasses: classes,
      env,
      usedIds: authorIds(state.tokens),
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

  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index];
    token.attrSet("alt", self.renderInlineAsText(token.children ?? [], options, env));
    addClass(token, "app-image");
    token.attrSet("loading", "lazy");
    return self.renderToken(tokens, index, options);
  };
}

/** One markdown-it instance with these settings. */
function configuredMarkdown(settings: MarkdownSettings): MarkdownIt {
  const md = new MarkdownIt({ html: true, breaks: settings.breaks, linkify: false, typographer: settings.typographer });
  // Block syntax first: callouts and components turn quotes and containers into GOV.UK components
  // before the class rule gives the remaining blocks their classes.
  md.use(foreignSyntax).use(wikiLinks).use(extensions, settings).use(callouts).use(components);
  if (settings.calvert) md.use(calvert);
  if (settings.govspeak) md.use(govspeak);
  md.use(safeContent).use(inlineStyles).use(internalLinks, settings.internalDomains).use(govukMarkdown, settings);
  // After the class rule, which gives every heading its id.
  md.use(codeBlocks).use(headingLinks);
  return md;
}

/**
 * The build's Markdown renderer. Building a markdown-it instance per page is what makes peers slow, so
 * there is one per set of settings, made on first use: a render whose env names other settings (the
 * site's, which the dev server may see change between builds) is rendered by the instance for those.
 * @param settings what a render uses when its env names none
 */
export function createMarkdown(settings: Partial<MarkdownSettings> = {}): MarkdownIt {
  const instances = new Map<string, MarkdownIt>();
  const instanceFor = (overrides: Partial<MarkdownSettings>) => {
    const resolved = { ...DEFAULT_MARKDOWN_SETTINGS, ...definedOnly(overrides) };
    const key = JSON.stringify(resolved);
    let instance = instances.get(key);
    if (!instance) instances.set(key, (instance = configuredMarkdown(resolved)));
    return instance;
  };
  const md = Object.create(instanceFor(settings)) as MarkdownIt;
  // The site model keeps every page's HTML for the whole build: flat, it takes a third of the memory.
  md.render = (source, env?: MarkdownEnv) =>
    flatString(instanceFor({ ...settings, ...definedOnly(env?.settings ?? {}) }).render(source, env));
  return md;
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
