import jsYaml from "js-yaml";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from "yaml";

export type FieldPath = ReadonlyArray<string | number>;

/** YAML (or JSON) read with the file line of every value, and the stray spaces that were trimmed. */
export interface PositionedData {
  data: unknown;
  /**
   * The file line of a value given by its path (`["breadcrumbs", 0, "href"]`), or of its nearest parent. With
   * `lineInValue`, the line of that line (1 for the first) of the text the value holds: its own line in a
   * literal block (`|`), whose lines are the file's, and otherwise the line where the text starts.
   */
  lineOf(path: FieldPath, lineInValue?: number): number | undefined;
  /** Values that had spaces around them, which are removed (a pasted title often ends in one). */
  trimmed: { path: (string | number)[]; line: number }[];
}

// Forms the two parsers read differently: js-yaml takes 1_000 and 0b101 as numbers, a null key as "null"
// and a collection key by its contents, and anchors `yaml` expands with a limit. Text that might hold
// any of them, or that ends a line in spaces, takes the careful path.
const NOT_QUICK = [/[ \t]$/m, /[&*]/, /\d_|_\d|0b[01]/, /^[\s-]*[[{?]/m, /[{,[]\s*[[{?]/, /(?:^|[\s{,[-])(?:null|Null|NULL|~)\s*:/m];

const hasPaddedString = (value: unknown): boolean =>
  typeof value === "string"
    ? value !== value.trim()
    : Array.isArray(value)
      ? value.some(hasPaddedString)
      : typeof value === "object" && value !== null && Object.values(value).some(hasPaddedString);

/**
 * Whether a list item starts where no list of its own can continue: js-yaml reads `title:` /
 * `    - a` / `- b` as one list of two, where `yaml` (and YAML) sees an error. An item continues a list
 * when the nearest line above it at its indentation or less is an item at the same indentation, or
 * starts the list when that line is the key just above it; anything else takes the careful path.
 */
function hasStrayListItem(text: string): boolean {
  const lines = text.split("\n").filter((line) => line.trim() !== "" && !/^\s*#/.test(line));
  const indentOf = (line: string) => line.length - line.trimStart().length;
  const isItem = (line: string) => /^\s*-(?:\s|$)/.test(line);
  // A line left of the first one is outside the document's top level, which YAML refuses and js-yaml may
  // not (it read `    title:\n    - a\n- 1` as one list).
  if (lines.some((line) => indentOf(line) < indentOf(lines[0]))) return true;
  return lines.some((line, index) => {
    if (!isItem(line)) return false;
    const indent = indentOf(line);
    for (let above = index - 1; above >= 0; above--) {
      const candidate = lines[above];
      if (indentOf(candidate) > indent) continue;
      if (isItem(candidate)) return indentOf(candidate) !== indent;
      return above !== index - 1 || !/:\s*$/.test(candidate);
    }
    return false;
  });
}

const SINGLE_QUOTED = /^'(?:[^']|'')*'/;
const DOUBLE_QUOTED = /^"(?:[^"\\]|\\.)*"/;
// A line's indentation and list indicators, then an optional key (plain or quoted) and its colon.
const ENTRY_START = /^[ \t]*(?:-[ \t]+)*(?:(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^'"\s#[{][^#]*?)[ \t]*:(?:[ \t]+|$))?/;

/** The length of a quoted scalar at the start of `text`, or undefined when it does not close there. */
const quotedLength = (text: string) => (text[0] === "'" ? SINGLE_QUOTED : DOUBLE_QUOTED).exec(text)?.[0].length;

/**
 * Whether a flow collection (`[a, 'b']`) at the start of `text` closes on it. In flow, a quote opens a
 * scalar only where a token starts, and a plain scalar holds no bracket or comma, so brackets are counted
 * outside quotes. Text it cannot follow counts as open.
 */
function flowCloses(text: string): boolean {
  let depth = 0;
  let tokenStart = true;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (tokenStart && (char === "'" || char === '"')) {
      const length = quotedLength(text.slice(index));
      if (length === undefined) return false;
      index += length - 1;
      tokenStart = false;
    } else if (char === "[" || char === "{") {
      depth++;
      tokenStart = true;
    } else if (char === "]" || char === "}") {
      if (--depth === 0) return true;
      tokenStart = false;
    } else if (char === "#" && tokenStart) {
      return false;
    } else {
      tokenStart = char === "," || char === " " || char === "\t";
    }
  }
  return false;
}

/**
 * Whether a quoted value or flow collection runs on past its line. js-yaml reads its next lines whatever
 * their indentation, where YAML needs them indented past the key's column (`title: 'a` / `b'` is an error
 * it reads as "a b"). Values that continue are rare in front matter, so all of them take the careful path.
 */
function hasValueRunningOn(text: string): boolean {
  if (!/['"[{]/.test(text)) return false;
  return text.split("\n").some((line) => {
    const entry = ENTRY_START.exec(line)?.[0] ?? "";
    // A tag (`!!str`) may come before the value.
    const value = line.slice(entry.length).replace(/^![^\s]*[ \t]+/, "");
    if (value[0] === "'" || value[0] === '"') return quotedLength(value) === undefined;
    if (value[0] === "[" || value[0] === "{") return !flowCloses(value);
    return false;
  });
}

/**
 * Most front matter has nothing to report. For that, js-yaml with the YAML 1.2 core schema gives the
 * same data as `yaml` in a fraction of the time (README, Performance). Anything that
 * could need a message (a syntax error, a duplicate key, spaces around a value, a line ending in
 * spaces) returns undefined and is read by the careful path, which knows lines.
 * tests/content/positioned-yaml.test.ts checks the two agree on generated front matter.
 */
export function readQuickly(text: string): { data: unknown } | undefined {
  if (NOT_QUICK.some((pattern) => pattern.test(text)) || hasStrayListItem(text) || hasValueRunningOn(text)) return undefined;
  let data: unknown;
  try {
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  // Front matter is a mapping; anything else is an error the careful path words.
  const isMapping = typeof data === "object" && data !== null && !Array.isArray(data);
  return isMapping && !hasPaddedString(data) ? { data } : undefined;
}

/** Why text could not be read: a syntax error, or a shape that would exhaust the parsers (`kind`), before the caller words it. */
interface YamlProblem {
  line: number;
  message: string;
  kind: "syntax" | "nesting" | "aliases";
}

/**
 * Deeper than any front matter or data file needs (the deepest the site takes, a section navigation's
 * link, is six), and shallow enough for both parsers and everything that walks the data after them,
 * which all recurse once per level: 10,000 levels exhaust the call stack.
 */
export const MAX_NESTING = 100;

/** Alias references once every alias is expanded: a few repeated blocks use a handful, a "billion laughs" text 10^9. */
export const MAX_ALIASES = 100;

/**
 * The 0-based line on which the text first nests collections more than `limit` deep, or undefined.
 * Read from the text alone, before any parser recurses: each step of indentation, each `- ` or `? `
 * indicator and each flow bracket (outside quotes and comments) opens a level. It over-counts only
 * text no real front matter holds (a plain value continued on lines indented in steps).
 */
export function tooDeepAt(text: string, limit = MAX_NESTING): number | undefined {
  // Every level needs a line, an indicator or a bracket of its own. Counting those natively rules out
  // almost all front matter at once: the scan below, over every page, would cost more than reading them.
  const count = (needle: string) => {
    let found = 0;
    for (let at = text.indexOf(needle); at !== -1 && found <= limit; at = text.indexOf(needle, at + 1)) found++;
    return found;
  };
  if (["\n", "[", "{", "- ", "? "].reduce((sum, needle) => sum + count(needle), 1) <= limit) return undefined;
  const blockLevels: number[] = [];
  let flow = 0;
  let quote: string | undefined;
  // A block scalar's text (after `key: |`) is indented deeper than its key, and is no nesting.
  let blockScalarAbove: number | undefined;
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    let column = 0;
    while (line.charCodeAt(column) === 32) column++;
    const blank = column === line.length || line[column] === "#";
    if (blockScalarAbove !== undefined) {
      if (blank || column > blockScalarAbove) continue;
      blockScalarAbove = undefined;
    }
    if (blank && !quote) continue;
    if (!quote && flow === 0) {
      while (blockLevels.length && blockLevels[blockLevels.length - 1] > column) blockLevels.pop();
      if (!blockLevels.length || blockLevels[blockLevels.length - 1] < column) blockLevels.push(column);
    }
    // Quotes and flow brackets mean something only where a value starts, or anywhere inside a flow collection.
    let valueStarts = true;
    for (let at = column; at < line.length; at++) {
      const char = line[at];
      if (quote) {
        if (quote === '"' && char === "\\") at++;
        else if (char === quote && quote === "'" && line[at + 1] === "'") at++;
        else if (char === quote) {
          quote = undefined;
          valueStarts = false;
        }
        continue;
      }
      if (char === " " || char === "\t") continue;
      if (char === "#" && (at === 0 || line[at - 1] === " " || line[at - 1] === "\t")) break;
      if (valueStarts && (char === '"' || char === "'")) {
        quote = char;
      } else if ((char === "[" || char === "{") && (flow > 0 || valueStarts)) {
        flow++;
        valueStarts = true;
      } else if ((char === "]" || char === "}") && flow > 0) {
        flow--;
        valueStarts = false;
      } else if (flow > 0 && (char === "," || char === ":")) {
        valueStarts = true;
      } else if (char === ":" && (at + 1 === line.length || line[at + 1] === " " || line[at + 1] === "\t")) {
        valueStarts = true;
      } else if (flow === 0 && valueStarts && (char === "-" || char === "?") && (at + 1 === line.length || line[at + 1] === " ")) {
        let next = at + 1;
        while (line.charCodeAt(next) === 32) next++;
        // `- - x` nests on one line; a lone `-` nests by the indentation of the lines below it.
        if (next < line.length) blockLevels.push(next);
      } else if (valueStarts && (char === "&" || char === "!")) {
        // An anchor or a tag comes before the value it names.
        while (at + 1 < line.length && line[at + 1] !== " ") at++;
      } else if (flow === 0 && valueStarts && (char === "|" || char === ">")) {
        blockScalarAbove = blockLevels[blockLevels.length - 1] ?? 0;
        break;
      } else {
        valueStarts = false;
      }
      if (blockLevels.length + flow > limit) return index;
    }
    if (blockLevels.length + flow > limit) return index;
  }
  return undefined;
}

/**
 * Where expanding the aliases passes `MAX_ALIASES` references (an offset into the text), or undefined.
 * Counted in document order, each alias weighing one plus the aliases inside what it names, so the
 * place given is the alias at which the text stops being a few repeated blocks.
 */
function tooManyAliasesAt(document: Document): number | undefined {
  const weights = new Map<unknown, number>();
  const weight = (node: unknown): number => {
    const known = weights.get(node);
    if (known !== undefined) return known;
    // An alias to the anchor it sits inside counts once, not for ever.
    weights.set(node, 0);
    let total = 0;
    visit(node as Node, {
      Alias(_, alias) {
        total += 1 + weight(alias.resolve(document));
        if (total > MAX_ALIASES) return visit.BREAK;
      },
    });
    weights.set(node, total);
    return total;
  };
  let total = 0;
  let offset: number | undefined;
  visit(document, {
    Alias(_, alias) {
      total += 1 + weight(alias.resolve(document));
      if (total > MAX_ALIASES) {
        offset = alias.range?.[0] ?? 0;
        return visit.BREAK;
      }
    },
  });
  return offset;
}

/** The first alias in the text, for when `yaml` counts aliases more strictly than tooManyAliasesAt. */
function firstAliasAt(document: Document): number {
  let offset = 0;
  visit(document, {
    Alias(_, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** Parses YAML (JSON is YAML too) keeping positions. `firstLine` is the file line the text starts on. */
export function parsePositionedYaml(text: string, firstLine = 1): { value?: PositionedData; errors: YamlProblem[] } {
  const deepLine = tooDeepAt(text);
  if (deepLine !== undefined) {
    const line = deepLine + firstLine;
    return { errors: [{ line, kind: "nesting", message: `more than ${MAX_NESTING} lists and sets of fields inside each other` }] };
  }
  const quick = readQuickly(text);
  if (quick) return { value: { data: quick.data, lineOf: positionsOnDemand(text, firstLine), trimmed: [] }, errors: [] };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (document.errors.length) {
    return { errors: document.errors.map((error) => ({ line: fileLine(error.pos[0]), kind: "syntax" as const, message: error.message.split("\n")[0] })) };
  }
  const aliasProblem = (offset: number) => {
    const line = fileLine(offset);
    return { errors: [{ line, kind: "aliases" as const, message: `expanded, its aliases (\`*name\`) make more than ${MAX_ALIASES} copies` }] };
  };
  const tooManyAliases = text.includes("*") ? tooManyAliasesAt(document) : undefined;
  if (tooManyAliases !== undefined) return aliasProblem(tooManyAliases);

  const trimmed: PositionedData["trimmed"] = [];
  const trimScalars = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) trimScalars(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : "?"]);
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => trimScalars(item, [...path, index]));
    } else if (isScalar(node) && node.range) {
      // A plain scalar's own range stops before trailing spaces; the node's range runs to the line end.
      const after = text.slice(node.range[1], node.range[2]);
      const padded = typeof node.value === "string" && node.type !== "BLOCK_LITERAL" && node.type !== "BLOCK_FOLDED" && node.value !== node.value.trim();
      if (padded) node.value = (node.value as string).trim();
      if (padded || (node.type === "PLAIN" && /^[ \t]+(?:\n|$)/.test(after))) trimmed.push({ path, line: fileLine(node.range[0]) });
    }
  };
  trimScalars(document.contents, []);

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    // `yaml` refuses aliases it counts as too many with a ReferenceError; anything else is a fault here.
    if (error instanceof ReferenceError && /alias/i.test(error.message)) return aliasProblem(firstAliasAt(document));
    throw error;
  }
  return { value: { data, lineOf: positionsOnDemand(text, firstLine), trimmed }, errors: [] };
}

/** The line of a value by its path, from a parse of the text made the first time one is asked for. */
export function positionsOnDemand(text: string, firstLine: number): PositionedData["lineOf"] {
  // Lines are wanted only for messages, but the parsed document weighs ten times the data it gives,
  // held for every page until the site model is built: parse again (same text, same positions) on demand.
  let positioned: { contents: Node | null | undefined; fileLine: (offset: number) => number } | undefined;
  return (path: FieldPath, lineInValue?: number) => {
    if (!positioned) {
      const counter = new LineCounter();
      positioned = { contents: parseDocument(text, { lineCounter: counter, uniqueKeys: true }).contents as Node, fileLine: (offset) => counter.linePos(offset).line + firstLine - 1 };
    }
    const { fileLine } = positioned;
    let node: Node | null | undefined = positioned.contents;
    let offset: number | undefined = node?.range?.[0];
    let found = true;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
        if (!pair) {
          found = false;
          break;
        }
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value as Node;
      } else if (isSeq(node)) {
        const item = node.items[Number(key)] as Node | undefined;
        if (!item) {
          found = false;
          break;
        }
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        found = false;
        break;
      }
    }
    if (found && lineInValue !== undefined && isScalar(node) && node.range) {
      // A block scalar's range starts at its `|` or `>`, on the line before its text.
      const start = fileLine(node.range[0]);
      if (node.type === "BLOCK_LITERAL") return start + lineInValue;
      return node.type === "BLOCK_FOLDED" ? start + 1 : start;
    }
    return offset === undefined ? undefined : fileLine(offset);
  };
}
