import jsYaml from "js-yaml";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

export type FieldPath = ReadonlyArray<string | number>;

/** YAML (or JSON) read with the file line of every value, and the stray spaces that were trimmed. */
export interface PositionedData {
  data: unknown;
  /** The file line of a value given by its path (`["breadcrumbs", 0, "href"]`), or of its nearest parent. */
  lineOf(path: FieldPath): number | undefined;
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
 * Most front matter has nothing to report. For that, js-yaml with the YAML 1.2 core schema gives the
 * same data as `yaml` in a tenth of the time (0.06 s against 0.6 s for 4,000 pages). Anything that
 * could need a message (a syntax error, a duplicate key, spaces around a value, a line ending in
 * spaces) returns undefined and is read by the careful path, which knows lines.
 * tests/content/positioned-yaml.test.ts checks the two agree on generated front matter.
 */
export function readQuickly(text: string): { data: unknown } | undefined {
  if (NOT_QUICK.some((pattern) => pattern.test(text))) return undefined;
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

/** Parses YAML (JSON is YAML too) keeping positions. `firstLine` is the file line the text starts on. */
export function parsePositionedYaml(text: string, firstLine = 1): { value?: PositionedData; errors: { line: number; message: string }[] } {
  const quick = readQuickly(text);
  if (quick) return { value: { data: quick.data, lineOf: positionsOnDemand(text, firstLine), trimmed: [] }, errors: [] };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (document.errors.length) {
    return { errors: document.errors.map((error) => ({ line: fileLine(error.pos[0]), message: error.message.split("\n")[0] })) };
  }

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

  return { value: { data: document.toJS({ maxAliasCount: 100 }), lineOf: positionsOnDemand(text, firstLine), trimmed }, errors: [] };
}

/** The line of a value by its path, from a parse of the text made the first time one is asked for. */
function positionsOnDemand(text: string, firstLine: number): PositionedData["lineOf"] {
  // Lines are wanted only for messages, but the parsed document weighs ten times the data it gives,
  // held for every page until the site model is built: parse again (same text, same positions) on demand.
  let positioned: { contents: Node | null | undefined; fileLine: (offset: number) => number } | undefined;
  return (path: FieldPath) => {
    if (!positioned) {
      const counter = new LineCounter();
      positioned = { contents: parseDocument(text, { lineCounter: counter, uniqueKeys: true }).contents as Node, fileLine: (offset) => counter.linePos(offset).line + firstLine - 1 };
    }
    const { fileLine } = positioned;
    let node: Node | null | undefined = positioned.contents;
    let offset: number | undefined = node?.range?.[0];
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value as Node;
      } else if (isSeq(node)) {
        const item = node.items[Number(key)] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    return offset === undefined ? undefined : fileLine(offset);
  };
}
