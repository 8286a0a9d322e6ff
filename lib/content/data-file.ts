import { readFile } from "node:fs/promises";
import type { Diagnostic } from "../diagnostics.ts";
import { MAX_NESTING, parsePositionedYaml, positionsOnDemand, type PositionedData } from "./positioned-yaml.ts";
import { decodeSource } from "./text-repair.ts";

/** Why a JSON text cannot be read, at a 1-based line. */
interface JsonProblem {
  line: number;
  message: string;
  kind: "syntax" | "nesting" | "duplicate";
  field?: string;
}

const SPACE = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * The first problem in a JSON text, or undefined when JSON.parse will read it. JSON.parse gives no
 * line, and for some mistakes no position either; YAML's parser accepts much that JSON does not
 * (trailing commas, unquoted text) and recurses once per level. This reads the text once, keeping
 * its own stack, so no nesting can exhaust the call stack, and names the line of the mistake.
 */
function jsonProblem(text: string): JsonProblem | undefined {
  let at = 0;
  const lineAt = (offset: number) => {
    let line = 1;
    for (let next = text.indexOf("\n"); next !== -1 && next < offset; next = text.indexOf("\n", next + 1)) line++;
    return line;
  };
  const found = (offset: number) => (offset >= text.length ? "the end of the file" : `\`${text[offset]}\``);
  const syntax = (message: string, offset = at): JsonProblem => ({ line: lineAt(offset), message, kind: "syntax" });
  const skipSpace = () => {
    while (at < text.length && SPACE.has(text[at])) at++;
  };
  /** Reads the string at `at`, returning its raw text, or a problem. */
  const readString = (): string | JsonProblem => {
    const start = at++;
    while (at < text.length) {
      const char = text[at];
      if (char === '"') return text.slice(start + 1, at++);
      if (char === "\\") {
        ESCAPE.lastIndex = at;
        if (!ESCAPE.test(text)) return syntax("a `\\` in text must start an escape such as `\\\\`, `\\\"`, `\\n` or `\\u00e9`");
        at = ESCAPE.lastIndex;
      } else if (char.charCodeAt(0) < 0x20) {
        return syntax(char === "\n" ? 'text runs past the end of its line: close it with `"` on the same line, or write a line break as `\\n`' : "text holds a control character: write it as an escape such as `\\t`");
      } else at++;
    }
    return syntax('text is never closed with `"`', start);
  };

  // Each open list or set of fields: where it opened, its field path, the field or index being read,
  // and for a set of fields where each field was named.
  const open: { close: "]" | "}"; offset: number; path: string; key: string; keys?: Map<string, number> }[] = [];
  const childPath = (container: (typeof open)[number] | undefined) => (container ? (container.path ? `${container.path}.${container.key}` : container.key) : "");
  let expect: "value" | "key" | "colon" | "after" = "value";
  // Where the last thing read ended (a value, a name, a bracket or a comma): a missing comma belongs on its line.
  let lastEnd = 0;
  for (;;) {
    skipSpace();
    const char = text[at];
    const container = open[open.length - 1];
    if ((expect === "value" || expect === "key") && container && char === container.close && text[lastEnd] === ",") {
      return syntax(`remove the \`,\` before this \`${char}\`: JSON allows none after the last item`);
    }
    if (expect === "value") {
      if (char === "{" || char === "[") {
        const close = char === "{" ? "}" : "]";
        open.push({ close, offset: at, path: childPath(container), key: "0", keys: char === "{" ? new Map() : undefined });
        if (open.length > MAX_NESTING) return { line: lineAt(at), message: `more than ${MAX_NESTING} lists and sets of fields inside each other`, kind: "nesting" };
        lastEnd = at++;
        skipSpace();
        if (text[at] === close) {
          open.pop();
          lastEnd = at++;
          expect = "after";
        } else expect = char === "{" ? "key" : "value";
        continue;
      }
      if (char === '"') {
        const string = readString();
        if (typeof string !== "string") return string;
      } else {
        NUMBER.lastIndex = at;
        const word = ["true", "false", "null"].find((literal) => text.startsWith(literal, at));
        if (word) at += word.length;
        else if (NUMBER.test(text)) at = NUMBER.lastIndex;
        else return syntax(`expected a value (text in "double quotes", a number, true, false, null, a list [ ] or a set of fields { }), found ${found(at)}`);
      }
      lastEnd = at - 1;
      expect = "after";
    } else if (expect === "key") {
      if (char !== '"') return syntax(`expected a field name in "double quotes", found ${found(at)}`);
      const keyAt = at;
      const name = readString();
      if (typeof name !== "string") return name;
      container.key = name;
      const firstAt = container.keys!.get(name);
      if (firstAt !== undefined) return { line: lineAt(keyAt), message: `is given twice (first on line ${lineAt(firstAt)}): keep one`, kind: "duplicate", field: childPath(container) };
      container.keys!.set(name, keyAt);
      lastEnd = at - 1;
      expect = "colon";
    } else if (expect === "colon") {
      if (char !== ":") return syntax(`expected \`:\` after the field name, found ${found(at)}`);
      lastEnd = at++;
      expect = "value";
    } else if (!container) {
      return at >= text.length ? undefined : syntax(`expected the end of the file after the value, found ${found(at)}`);
    } else if (char === ",") {
      lastEnd = at++;
      if (container.close === "]") container.key = String(Number(container.key) + 1);
      expect = container.close === "}" ? "key" : "value";
    } else if (char === container.close) {
      open.pop();
      lastEnd = at++;
    } else if (at >= text.length) {
      return syntax(`the \`${container.close === "}" ? "{" : "["}\` on line ${lineAt(container.offset)} is never closed with \`${container.close}\``);
    } else {
      const missingComma = text.lastIndexOf("\n", at) > lastEnd ? `: is a \`,\` missing at the end of line ${lineAt(lastEnd)}?` : "";
      return syntax(`expected \`,\` or \`${container.close}\` after a value, found ${found(at)}${missingComma}`);
    }
  }
}

/** Trims the strings in JSON data in place, giving the path of each one that changed. */
function trimStrings(value: unknown, path: (string | number)[], trimmed: (string | number)[][]): unknown {
  if (typeof value === "string") {
    if (value === value.trim()) return value;
    trimmed.push(path);
    return value.trim();
  }
  if (Array.isArray(value)) value.forEach((item, index) => (value[index] = trimStrings(item, [...path, index], trimmed)));
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) (value as Record<string, unknown>)[key] = trimStrings(item, [...path, key], trimmed);
  }
  return value;
}

/** The bytes of a data file, or undefined when there is no such file (a site need not have every data file). */
export async function readDataBytes(absolutePath: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(absolutePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

const YAML_PROBLEMS = { syntax: "is not valid YAML", nesting: "is too deeply nested", aliases: "uses too many aliases" };

/**
 * Reads the text of a YAML data file (content/_data/navigation.yaml, tools.yaml) keeping the line of
 * every value, as readDataFile does for JSON; what its data must look like is the caller's to check.
 */
export function parseYamlData(file: string, bytes: Uint8Array): { value?: PositionedData; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(file, bytes);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  const diagnostics = [...decoded.diagnostics];
  const { value, errors } = parsePositionedYaml(decoded.text);
  if (!value) {
    for (const error of errors) diagnostics.push({ severity: "error", file, line: error.line, message: `${YAML_PROBLEMS[error.kind]}: ${error.message}` });
    return { diagnostics };
  }
  for (const { path: fieldPath, line } of value.trimmed) {
    diagnostics.push({ severity: "warning", file, line, field: fieldPath.join("."), message: "removed spaces at the start or end of the value" });
  }
  return { value, diagnostics };
}

/** Reads a YAML data file with the line of every value; an absent file gives undefined. */
export async function readYamlDataFile(absolutePath: string, file: string): Promise<{ value?: PositionedData; diagnostics: Diagnostic[] }> {
  const bytes = await readDataBytes(absolutePath);
  return bytes ? parseYamlData(file, bytes) : { diagnostics: [] };
}

/**
 * Reads a JSON data file (content/_data/site.json, navigation.json, folder defaults) keeping the
 * line of every value, so problems in it are reported file:line: field like problems in pages.
 * A file that does not exist is not an error: it gives undefined.
 */
export async function readDataFile(absolutePath: string, file: string): Promise<{ value?: PositionedData; diagnostics: Diagnostic[] }> {
  const bytes = await readDataBytes(absolutePath);
  if (!bytes) return { diagnostics: [] };
  const decoded = decodeSource(file, bytes);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const problem = jsonProblem(decoded.text);
  if (problem) {
    const message =
      problem.kind === "nesting"
        ? `is too deeply nested at line ${problem.line}: ${problem.message}; no setting takes more than a few levels`
        : problem.kind === "syntax"
          ? `is not valid JSON: ${problem.message}`
          : problem.message;
    diagnostics.push({ severity: "error", file, line: problem.line, field: problem.field, message });
    return { diagnostics };
  }
  // Checked above, so JSON.parse (which keeps no stack of its own to exhaust) reads it.
  const data: unknown = JSON.parse(decoded.text);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    diagnostics.push({ severity: "error", file, line: 1, message: "must be a JSON object of `\"field\": value` pairs" });
    return { diagnostics };
  }
  // JSON is YAML 1.2, so YAML's parser gives the lines, when a message needs one.
  const lineOf = positionsOnDemand(decoded.text, 1);
  const trimmedPaths: (string | number)[][] = [];
  trimStrings(data, [], trimmedPaths);
  const trimmed = trimmedPaths.map((path) => ({ path, line: lineOf(path) ?? 1 }));
  for (const { path, line } of trimmed) {
    diagnostics.push({ severity: "warning", file, line, field: path.join("."), message: "removed spaces at the start or end of the value" });
  }
  return { value: { data, lineOf, trimmed }, diagnostics };
}
