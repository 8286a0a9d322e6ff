import type MarkdownIt from "markdown-it";
import container from "markdown-it-container";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { didYouMean } from "../content/nearest.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";
import {
  govukComponentPieces,
  headingLevelAt,
  idTaker,
  makePiece,
  makeRoot,
  noteAt,
  PIECE,
  plainText,
  slot,
  usePieces,
} from "./govuk-component.ts";
import { slugify } from "./slugify.ts";

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/** The components a `::: name` container draws; `section` and `tab` go inside `accordion` and `tabs`. */
export const COMPONENT_NAMES = [
  "details",
  "inset",
  "warning",
  "accordion",
  "section",
  "tabs",
  "tab",
  "summary-list",
  "panel",
  "start-button",
] as const;

const OPEN = "container_component_open";
const CLOSE = "container_component_close";

/** What the block rule learns about a container: its name, and whether a line of colons closed it. */
interface ContainerMeta {
  name: string;
  unclosed: boolean;
}

/**
 * markdown-it-container's block rule, taken without registering it, so the rule below can wrap it: the
 * plugin gives no other way to learn that a container ran to the end of the page unclosed.
 */
function containerRule(): BlockRule {
  let rule: BlockRule | undefined;
  const capture = { block: { ruler: { before: (_at: string, _name: string, fn: BlockRule) => (rule = fn) } } };
  // The package's types name markdown-it's CommonJS build; the object is a stand-in for either.
  const standIn = Object.assign(capture, { renderer: { rules: {} } }) as unknown as Parameters<typeof container>[0];
  container(standIn, "component", {
    validate: (params: string) => /^[A-Za-z]/.test(params.trim()),
  });
  if (!rule) throw new Error("markdown-it-container registered no block rule");
  return rule;
}

/**
 * Each container, with its name read off and the text after the name (a summary, heading or label) as
 * a paragraph inside it: read by the page's inline rules like any text, and shown as one when the
 * container is not a component.
 */
function componentBlocks(rule: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    const before = state.tokens.length;
    if (!rule(state, startLine, endLine, silent)) return false;
    if (silent) return true;
    const open = state.tokens[before];
    const [, name = "", title = ""] = /^\s*(\S+)\s*(.*?)\s*$/.exec(open.info) ?? [];
    open.meta = { name: name.toLowerCase(), unclosed: state.line <= (open.map?.[1] ?? 0) } satisfies ContainerMeta;
    if (title) {
      const paragraph = new state.Token("paragraph_open", "p", 1);
      paragraph.map = [startLine, startLine + 1];
      paragraph.block = true;
      paragraph.level = open.level + 1;
      const inline = new state.Token("inline", "", 0);
      inline.content = title;
      inline.map = [startLine, startLine + 1];
      inline.level = open.level + 2;
      inline.children = [];
      const end = new state.Token("paragraph_close", "p", -1);
      end.block = true;
      end.level = open.level + 1;
      state.tokens.splice(before + 1, 0, paragraph, inline, end);
    }
    return true;
  };
}

/** One container in the token list: where it opens and closes, its name, and its title's inline token. */
interface Container {
  open: number;
  close: number;
  name: string;
  title?: Token;
}

function containerAt(tokens: Token[], open: number): Container {
  const token = tokens[open];
  let close = open + 1;
  while (close < tokens.length && !(tokens[close].type === CLOSE && tokens[close].level === token.level)) close++;
  const hasTitle = tokens[open + 1]?.type === "paragraph_open" && tokens[open + 1].map?.[0] === token.map?.[0];
  return {
    open,
    close,
    name: (token.meta as ContainerMeta).name,
    title: hasTitle ? tokens[open + 2] : undefined,
  };
}

/** The containers directly inside one, in order. */
function childContainers(tokens: Token[], parent: Container): Container[] {
  const children: Container[] = [];
  for (let at = parent.open + 1; at < parent.close; at++) {
    if (tokens[at].type === OPEN && tokens[at].level === tokens[parent.open].level + 1) {
      const child = containerAt(tokens, at);
      children.push(child);
      at = child.close;
    }
  }
  return children;
}

/** The tokens a container holds, without its title paragraph. */
const bodyOf = (tokens: Token[], box: Container) => tokens.slice(box.open + (box.title ? 4 : 1), box.close);

/** Makes a token print nothing: it stands where the component's HTML already is. */
const silence = (token: Token, root: Token) => makePiece(token, root, -1);

function pieceToken(state: StateCore, root: Token, piece: number): Token {
  return makePiece(new state.Token(PIECE, "", 0), root, piece);
}

/** The title's words as a bold first paragraph, where the component has no place for a title of its own. */
function boldTitle(tokens: Token[], box: Container): Token[] {
  if (!box.title) return [];
  tokens[box.open + 1].attrJoin("class", "govuk-!-font-weight-bold");
  return tokens.slice(box.open + 1, box.open + 4);
}

/** What a container's rule needs: the page's tokens, the container, and a place for notes. */
interface Shaping {
  state: StateCore;
  tokens: Token[];
  box: Container;
  note: (token: Token, message: string) => void;
  takeId: (base: string) => string;
}

/**
 * The container's content as it is, with no component around it: for a name that is not a component,
 * or one whose content does not make the component (a start button without a link).
 */
function plain({ tokens, box }: Shaping): Token[] {
  const open = tokens[box.open];
  const shaped = tokens.slice(box.open, box.close + 1);
  silence(open, open);
  silence(shaped[shaped.length - 1], open);
  if (box.title) shaped.splice(1, 3, ...boldTitle(tokens, box));
  return shaped;
}

/** Content inside a component that is not one of its parts (a paragraph in an accordion, outside its sections). */
function strayContent(shaping: Shaping, parts: Container[], what: string): Token[] {
  const { tokens, box, note } = shaping;
  const stray: Token[] = [];
  let at = box.open + (box.title ? 4 : 1);
  for (const part of parts) {
    stray.push(...tokens.slice(at, part.open));
    at = part.close + 1;
  }
  stray.push(...tokens.slice(at, box.close));
  const first = stray.find((token) => token.map);
  if (first)
    note(
      first,
      `\`::: ${box.name}\` holds only ${what}, so this is shown before it: put it inside one, or before \`::: ${box.name}\``,
    );
  return stray;
}

/** `::: details Summary`: the summary, then the content shown when it opens. */
function details(shaping: Shaping): Token[] {
  const { state, tokens, box, note } = shaping;
  const open = tokens[box.open];
  if (!box.title) {
    note(open, "`::: details` needs the summary readers click on after its name, as `::: details What it costs`");
    return plain(shaping);
  }
  makeRoot(open, () => govukComponentPieces("govukDetails", "details", { summaryHtml: slot(0), html: slot(1) }));
  return [open, box.title, pieceToken(state, open, 1), ...bodyOf(tokens, box), makePiece(tokens[box.close], open, 2)];
}

/** `::: inset`: inset text, with the words after the name, if any, as its bold first line. */
function inset({ tokens, box, note }: Shaping): Token[] {
  const open = tokens[box.open];
  if (!box.title && box.close === box.open + 1) note(open, "`::: inset` is empty: write its text inside it");
  makeRoot(open, () => govukComponentPieces("govukInsetText", "inset-text", { html: slot(0) }));
  return [open, ...boldTitle(tokens, box), ...bodyOf(tokens, box), makePiece(tokens[box.close], open, 1)];
}

/**
 * `::: warning`: warning text, which prints inside `<strong>` and so holds one line of text: the words
 * after the name and the first paragraph. Anything after that follows it as ordinary content, with a note.
 */
function warning({ state, tokens, box, note }: Shaping): Token[] {
  const open = tokens[box.open];
  makeRoot(open, () =>
    govukComponentPieces("govukWarningText", "warning-text", { html: slot(0), iconFallbackText: "Warning" }),
  );
  const body = bodyOf(tokens, box);
  const inside: Token[] = [];
  if (box.title) inside.push(box.title);
  if (body[0]?.type === "paragraph_open") {
    const paragraph = body.splice(0, body.findIndex((token) => token.type === "paragraph_close") + 1);
    paragraph[0].hidden = true;
    paragraph[paragraph.length - 1].hidden = true;
    if (box.title) box.title.children?.push(new state.Token("hardbreak", "br", 0));
    inside.push(...paragraph);
  }
  if (!inside.length) note(open, "`::: warning` is empty: write the warning inside it, or after its name");
  const rest = body.find((token) => token.map);
  if (rest)
    note(
      rest,
      "warning text holds one paragraph, so the rest of this warning follows it as ordinary text: keep a warning to one paragraph, or put the rest after it",
    );
  return [open, ...inside, makePiece(tokens[box.close], open, 1), ...body];
}

/** `::: panel Title`: a panel whose title is one level below the heading it follows, and its content. */
function panel(shaping: Shaping): Token[] {
  const { state, tokens, box, note } = shaping;
  const open = tokens[box.open];
  if (!box.title) {
    note(open, "`::: panel` needs a title after its name, as `::: panel Application complete`");
    return plain(shaping);
  }
  makeRoot(open, (all, index) =>
    govukComponentPieces("govukPanel", "panel", {
      titleHtml: slot(0),
      html: slot(1),
      headingLevel: headingLevelAt(all, index),
    }),
  );
  return [open, box.title, pieceToken(state, open, 1), ...bodyOf(tokens, box), makePiece(tokens[box.close], open, 2)];
}

/** `::: start-button` holding one link, `[Start now](/apply/)`: a start button to the link's address. */
function startButton(shaping: Shaping): Token[] {
  const { tokens, box, note } = shaping;
  const open = tokens[box.open];
  const body = bodyOf(tokens, box);
  const inline = body[1];
  const children = inline?.children ?? [];
  const links = children.filter((child) => child.type === "link_open");
  const onlyTheLink =
    body.length === 3 &&
    links.length === 1 &&
    children.every((child, index) => {
      const inLink = index >= children.indexOf(links[0]) && index <= children.findIndex((c) => c.type === "link_close");
      return inLink || (child.type === "text" && !child.content.trim()) || child.type === "softbreak";
    });
  if (!onlyTheLink || box.title) {
    note(
      open,
      "`::: start-button` holds one link and nothing else, as `[Start now](/apply/)` on the line after it: its content is shown as it is",
    );
    return plain(shaping);
  }
  makeRoot(open, () => {
    // Read as the page is rendered, after every rule has seen the link (the trust rules, internal hosts);
    // the link's tokens are emptied so the button stands in its place.
    const link = links[0];
    const start = children.indexOf(link);
    const end = children.findIndex((child) => child.type === "link_close");
    const text = plainText({ children: children.slice(start + 1, end) } as Token).trim();
    inline.children = [];
    return govukComponentPieces("govukButton", "button", { text, href: link.attrGet("href"), isStartButton: true });
  });
  body[0].hidden = true;
  body[2].hidden = true;
  return [open, ...body, silence(tokens[box.close], open)];
}

/** `:::: accordion` around `::: section Heading` containers: one accordion section for each. */
function accordion(shaping: Shaping): Token[] {
  const { state, tokens, box, note, takeId } = shaping;
  const open = tokens[box.open];
  const sections = childContainers(tokens, box).filter((child) => child.name === "section");
  if (!sections.length) {
    note(
      open,
      "`::: accordion` has no sections: write each as `::: section Heading` … `:::` inside it, and open the accordion with one more colon than them (`:::: accordion`)",
    );
    return plain(shaping);
  }
  const stray = strayContent(shaping, sections, "`::: section` containers");
  const firstHeading = sections.find((section) => section.title)?.title;
  const id = takeId(`accordion-${slugify(plainText(box.title ?? firstHeading)) || "sections"}`);
  const shaped: Token[] = [...stray, open];
  sections.forEach((section, index) => {
    const sectionOpen = tokens[section.open];
    let heading = section.title;
    if (!heading) {
      note(sectionOpen, "this `::: section` has no heading: write it after the name, as `::: section What it costs`");
      heading = new state.Token("inline", "", 0);
      heading.children = [Object.assign(new state.Token("text", "", 0), { content: `Section ${index + 1}` })];
    }
    shaped.push(
      silence(sectionOpen, open),
      heading,
      pieceToken(state, open, 2 * index + 1),
      ...bodyOf(tokens, section),
      makePiece(tokens[section.close], open, 2 * index + 2),
    );
  });
  shaped.push(silence(tokens[box.close], open));
  makeRoot(open, (all, index) =>
    govukComponentPieces("govukAccordion", "accordion", {
      id,
      headingLevel: headingLevelAt(all, index),
      items: sections.map((_, n) => ({ heading: { html: slot(2 * n) }, content: { html: slot(2 * n + 1) } })),
    }),
  );
  return shaped;
}

/** `:::: tabs` around `::: tab Label` containers: one tab for each, its panel id made from its label. */
function tabs(shaping: Shaping): Token[] {
  const { tokens, box, note, takeId } = shaping;
  const open = tokens[box.open];
  const panels = childContainers(tokens, box).filter((child) => child.name === "tab");
  if (!panels.length) {
    note(
      open,
      "`::: tabs` has no tabs: write each as `::: tab Label` … `:::` inside it, and open the tabs with one more colon than them (`:::: tabs`)",
    );
    return plain(shaping);
  }
  const stray = strayContent(shaping, panels, "`::: tab` containers");
  const shaped: Token[] = [...stray, open];
  const items = panels.map((panel, index) => {
    const tabOpen = tokens[panel.open];
    let label = plainText(panel.title).trim();
    if (!label) {
      note(tabOpen, "this `::: tab` has no label: write it after the name, as `::: tab Windows`");
      label = `Tab ${index + 1}`;
    }
    const id = takeId(slugify(label) || `tab-${index + 1}`);
    // Held on the tab's token too, so a heading with the same words takes another id.
    tabOpen.attrSet("id", id);
    shaped.push(silence(tabOpen, open), ...bodyOf(tokens, panel), makePiece(tokens[panel.close], open, index + 1));
    return { label, id, panel: { html: slot(index) } };
  });
  shaped.push(silence(tokens[box.close], open));
  const title = plainText(box.title).trim();
  makeRoot(open, () => govukComponentPieces("govukTabs", "tabs", { items, ...(title ? { title } : {}) }));
  return shaped;
}

/** `::: summary-list` around a definition list: a summary list row for each term, its definitions the value. */
function summaryList(shaping: Shaping): Token[] {
  const { tokens, box, note } = shaping;
  const open = tokens[box.open];
  const level = open.level + 1;
  const start = tokens.findIndex(
    (token, at) => at > box.open && at < box.close && token.type === "dl_open" && token.level === level,
  );
  if (start === -1) {
    note(
      open,
      "`::: summary-list` has no rows: write each as a term on one line and `: its value` on the next, with a blank line between rows",
    );
    return plain(shaping);
  }
  let end = start;
  while (!(tokens[end].type === "dl_close" && tokens[end].level === level)) end++;
  const before = tokens.slice(box.open + (box.title ? 4 : 1), start);
  const after = tokens.slice(end + 1, box.close);
  const stray = [...(box.title ? tokens.slice(box.open + 1, box.open + 4) : []), ...before, ...after];
  const first = stray.find((token) => token.map);
  if (first) note(first, "`::: summary-list` holds only its rows (a definition list), so this is shown before it");
  const list = tokens.slice(start, end + 1);
  let rows = 0;
  for (const token of list) {
    if (token.level !== level + 1) continue;
    if (token.type === "dt_open") {
      // A term ends the row before it: its value runs up to here.
      makePiece(token, open, rows ? 2 * rows : -1);
      rows++;
    } else if (token.type === "dt_close") makePiece(token, open, 2 * rows - 1);
    else if (token.type === "dd_open" || token.type === "dd_close") silence(token, open);
  }
  silence(list[0], open);
  makePiece(list[list.length - 1], open, 2 * rows);
  makeRoot(open, () =>
    govukComponentPieces("govukSummaryList", "summary-list", {
      rows: Array.from({ length: rows }, (_, n) => ({ key: { html: slot(2 * n) }, value: { html: slot(2 * n + 1) } })),
    }),
  );
  return [...stray, open, ...list, silence(tokens[box.close], open)];
}

const SHAPES: Record<string, (shaping: Shaping) => Token[]> = {
  details,
  inset,
  warning,
  panel,
  "start-button": startButton,
  accordion,
  tabs,
  "summary-list": summaryList,
};

/**
 * GOV.UK Frontend components written as markdown-it-container blocks, `::: name` … `:::`, each drawn
 * by its macro around content read as the page's Markdown (README, "Components"). A container that is
 * not a component, or whose content does not make one, shows its content with a warning naming its line.
 */
export function components(md: MarkdownIt): void {
  usePieces(md);
  md.block.ruler.before("fence", "container_component", componentBlocks(containerRule()), {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });

  md.core.ruler.push("components", (state) => {
    const env = state.env as MarkdownEnv;
    const tokens = state.tokens;
    const note = (token: Token, message: string) => noteAt(env, token, "warning", message);
    let takeId: ((base: string) => string) | undefined;
    const lazyTakeId = (base: string) => (takeId ??= idTaker(tokens))(base);
    for (const token of tokens) {
      if (token.type === OPEN && (token.meta as ContainerMeta).unclosed)
        note(
          token,
          `\`::: ${(token.meta as ContainerMeta).name}\` is never closed, so it holds everything to the end of the page (or of the list, quote or container it is in): close it with a line of \`${token.markup}\``,
        );
    }
    // From the start, so an accordion or tabs shapes its own sections and tabs before the loop reaches them.
    for (let at = 0; at < tokens.length; at++) {
      const token = tokens[at];
      if (token.type === "paragraph_open" && /^:{3,}[ \t]*$/m.test(tokens[at + 1]?.content ?? "")) {
        note(
          token,
          "this line of colons closes no container: a container holding others needs more colons than they have, as `:::: tabs` around `::: tab` … `:::`",
        );
        continue;
      }
      if (token.type !== OPEN) continue;
      const box = containerAt(tokens, at);
      const shaping: Shaping = { state, tokens, box, note, takeId: lazyTakeId };
      let shape = SHAPES[box.name];
      if (!shape) {
        const parent = box.name === "section" ? "accordion" : box.name === "tab" ? "tabs" : undefined;
        note(
          token,
          parent
            ? `\`::: ${box.name}\` belongs inside \`:::: ${parent}\` (with one more colon than it), so its content is shown as it is`
            : `\`::: ${box.name}\` is not a component (${COMPONENT_NAMES.filter((name) => name !== "section" && name !== "tab").join(", ")}), so its content is shown as it is${didYouMean(box.name, COMPONENT_NAMES)}`,
        );
        shape = plain;
      }
      tokens.splice(at, box.close - at + 1, ...shape(shaping));
      // What now stands here may be content moved out of the component, a container among it.
      at--;
    }
  });
}
