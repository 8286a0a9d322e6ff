// Callout parsing ported from markdown-it-govuk (MIT, © Colin Rotherham and contributors).
import type MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { escapeHtml } from "../safety/escape-html.ts";
import { govukComponentAround } from "./govuk-component.ts";

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

// Information and warning callouts are drawn as the Defra service manual draws them: GOV.UK inset
// text and warning text. Example callouts and addresses keep markdown-it-govuk's markup.
const INSET_TEXT = govukComponentAround("govukInsetText", "inset-text");
const WARNING_TEXT = govukComponentAround("govukWarningText", "warning-text");

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A line's text after its indent, or undefined when the indent makes it a code block. */
function lineText(state: StateBlock, line: number): string | undefined {
  if (state.sCount[line] - state.blkIndent >= 4) return undefined;
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]).trimEnd();
}

/** The text of `marker text marker` on one line; the closing marker may be optional. */
function singleLine(marker: string, line: string, requireClose: boolean): string | undefined {
  // Asked at the start of every block of every page: most lines start with no marker, and need no pattern made.
  if (!line.startsWith(marker)) return undefined;
  const escaped = escapeRegExp(marker);
  const close = requireClose ? `\\s+${escaped}` : `(?:\\s*${escaped})?`;
  return line.match(new RegExp(`^${escaped}\\s*([\\s\\S]*?)${close}$`))?.[1].trim();
}

/**
 * Opens a block holding Markdown: `inner` is read as blocks, each line of it counted from the opening
 * line so notes about it name the right body line.
 */
function pushBlock(state: StateBlock, type: string, startLine: number, lastLine: number, inner: string): void {
  const open = state.push(`${type}_open`, "div", 1);
  open.block = true;
  open.map = [startLine, lastLine + 1];
  const innerTokens: Token[] = [];
  state.md.block.parse(inner, state.md, state.env, innerTokens);
  for (const token of innerTokens) {
    if (token.map) token.map = [token.map[0] + startLine, token.map[1] + startLine];
    state.tokens.push(token);
  }
  state.push(`${type}_close`, "div", -1);
  state.line = lastLine + 1;
}

/**
 * `$E … $E` and `$A … $A` over one line or several: the opening marker alone or followed by the
 * first line, and the closing marker alone or at the end of the last line.
 */
function multiLineRule(marker: string, type: string): BlockRule {
  const inlineClose = new RegExp(`^(.*\\S)\\s+${escapeRegExp(marker)}\\s*$`);
  return (state, startLine, endLine, silent) => {
    const line = lineText(state, startLine);
    if (line === undefined || !line.startsWith(marker)) return false;
    const single = singleLine(marker, line, true);
    if (single !== undefined) {
      if (!silent) pushBlock(state, type, startLine, startLine, single);
      return true;
    }
    let first = "";
    if (line !== marker) {
      const raw = state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]);
      first = raw.slice(marker.length).replace(/^ /, "").trimEnd();
      if (!/\S/.test(first)) return false;
    }
    const body: string[] = [];
    let next = startLine + 1;
    let closed = false;
    for (; next < endLine; next++) {
      const text = state.src.slice(state.bMarks[next] + state.tShift[next], state.eMarks[next]);
      if (text.trim() === marker) {
        closed = true;
        break;
      }
      const closing = inlineClose.exec(text);
      if (closing) {
        body.push(closing[1]);
        closed = true;
        break;
      }
      body.push(text);
    }
    if (!closed || (!first && !body.length)) return false;
    if (!silent) pushBlock(state, type, startLine, next, [first, ...body].join("\n"));
    return true;
  };
}

/** `^ information ^`: one line, whose closing marker may be left off. */
const informationRule: BlockRule = (state, startLine, _endLine, silent) => {
  const line = lineText(state, startLine);
  const content = line === undefined ? undefined : singleLine("^", line, false);
  if (content === undefined) return false;
  if (!silent) pushBlock(state, "govspeak_information_callout", startLine, startLine, content);
  return true;
};

/**
 * `% warning %`: one line, whose closing marker may be left off. Its HTML is shown as text, as
 * markdown-it-govuk does, and it is read as a line of text, since warning text holds no blocks.
 */
const warningRule: BlockRule = (state, startLine, _endLine, silent) => {
  const line = lineText(state, startLine);
  const content = line === undefined ? undefined : singleLine("%", line, false);
  if (content === undefined) return false;
  if (silent) return true;
  const open = state.push("govspeak_warning_callout_open", "div", 1);
  open.block = true;
  open.map = [startLine, startLine + 1];
  const inline = state.push("inline", "", 0);
  inline.content = escapeHtml(content);
  inline.map = [startLine, startLine + 1];
  inline.children = [];
  state.push("govspeak_warning_callout_close", "div", -1);
  state.line = startLine + 1;
  return true;
};

const interrupts = { alt: ["paragraph", "reference", "blockquote", "list"] };

/** Govspeak's callouts, as the Defra service manual renders them with markdown-it-govuk. */
export function govspeak(md: MarkdownIt): void {
  md.block.ruler.before("paragraph", "govspeak_address", multiLineRule("$A", "govspeak_address"), interrupts);
  md.block.ruler.before(
    "paragraph",
    "govspeak_example_callout",
    multiLineRule("$E", "govspeak_example_callout"),
    interrupts,
  );
  md.block.ruler.before("paragraph", "govspeak_information_callout", informationRule, interrupts);
  md.block.ruler.before("paragraph", "govspeak_warning_callout", warningRule, interrupts);

  const rules = md.renderer.rules;
  rules.govspeak_information_callout_open = () => INSET_TEXT.open;
  rules.govspeak_information_callout_close = () => INSET_TEXT.close;
  rules.govspeak_warning_callout_open = () => WARNING_TEXT.open;
  rules.govspeak_warning_callout_close = () => WARNING_TEXT.close;
  rules.govspeak_example_callout_open = () => '<div data-govspeak="example-callout">\n';
  rules.govspeak_example_callout_close = () => "</div>\n";
  // An address keeps each of its lines, whatever the site's `breaks` setting says.
  let breaksOutside = false;
  rules.govspeak_address_open = (_tokens, _index, options) => {
    breaksOutside = options.breaks ?? false;
    options.breaks = true;
    return '<div data-govspeak="address">\n';
  };
  rules.govspeak_address_close = (_tokens, _index, options) => {
    options.breaks = breaksOutside;
    return "</div>\n";
  };
}
