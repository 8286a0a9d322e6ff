import { parse as parseToml, TomlError } from "smol-toml";
import type { Diagnostic } from "../diagnostics.ts";
import { parsePositionedYaml } from "./positioned-yaml.ts";

/** A page's front matter as written, with a way to find the line of any field. */
export interface FrontMatterSource {
  format: "yaml" | "toml" | "none";
  data: Record<string, unknown>;
  body: string;
  /** The file line the body starts on, for messages about the body. */
  bodyLine: number;
  /** The line of a field given as a dotted path (breadcrumbs.0.href), or of the nearest parent. */
  lineOf(path: ReadonlyArray<string | number>, lineInValue?: number): number | undefined;
}

const FENCES = { yaml: /^---[ \t]*\n([\s\S]*?)\n?^(?:---|\.\.\.)[ \t]*(?:\n|$)/m, toml: /^\+\+\+[ \t]*\n([\s\S]*?)\n?^\+\+\+[ \t]*(?:\n|$)/m };

/** Splits front matter from the body (YAML between `---`, or Hugo's TOML between `+++`) and parses it. */
export function readFrontMatter(file: string, text: string): { source?: FrontMatterSource; diagnostics: Diagnostic[] } {
  for (const format of ["yaml", "toml"] as const) {
    const match = FENCES[format].exec(text);
    if (!match || match.index !== 0) continue;
    const raw = match[1];
    const body = text.slice(match[0].length);
    const bodyLine = match[0].split("\n").length + (match[0].endsWith("\n") ? 0 : 1);
    return format === "yaml" ? parseYaml(file, raw, body, bodyLine) : parseTomlSource(file, raw, body, bodyLine);
  }
  if (/^(---|\+\+\+)[ \t]*\n/.test(text)) {
    return { diagnostics: [{ severity: "error", file, line: 1, message: "front matter is opened but never closed: add a closing line of the same three characters" }] };
  }
  return {
    source: { format: "none", data: {}, body: text, bodyLine: 1, lineOf: () => undefined },
    diagnostics: [],
  };
}

function parseYaml(file: string, raw: string, body: string, bodyLine: number) {
  // The block starts on the line after the opening `---`.
  const { value, errors } = parsePositionedYaml(raw, 2);
  if (!value) {
    const explain = ({ kind, line, message }: (typeof errors)[number]) =>
      kind === "nesting"
        ? `front matter is too deeply nested at line ${line}: ${message}; no field takes more than a few levels`
        : kind === "aliases"
          ? `front matter uses too many aliases at line ${line}: ${message}; write the repeated values out instead`
          : `front matter is not valid YAML: ${message}`;
    return { diagnostics: errors.map((error) => ({ severity: "error" as const, file, line: error.line, message: explain(error) })) };
  }
  const data = value.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { diagnostics: [{ severity: "error" as const, file, line: 2, message: "front matter must be a set of `field: value` lines" }] };
  }
  const diagnostics: Diagnostic[] = value.trimmed.map(({ path, line }) => ({
    severity: "warning",
    file,
    line,
    field: path.join("."),
    message: "removed spaces at the start or end of the value",
  }));
  return { source: { format: "yaml" as const, data: data as Record<string, unknown>, body, bodyLine, lineOf: value.lineOf }, diagnostics };
}

function parseTomlSource(file: string, raw: string, body: string, bodyLine: number) {
  try {
    const data = parseToml(raw) as Record<string, unknown>;
    const lines = raw.split("\n");
    // TOML keeps no positions; a top-level key's own line is close enough for an editor.
    const lineOf = (path: ReadonlyArray<string | number>) => {
      const index = lines.findIndex((line) => new RegExp(`^\\s*["']?${String(path[0]).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*=`).test(line));
      return index === -1 ? undefined : index + 2;
    };
    return { source: { format: "toml" as const, data, body, bodyLine, lineOf }, diagnostics: [] };
  } catch (error) {
    const line = error instanceof TomlError ? error.line + 1 : 2;
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { diagnostics: [{ severity: "error" as const, file, line, message: `front matter is not valid TOML: ${message}` }] };
  }
}
