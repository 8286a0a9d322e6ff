import { readFile } from "node:fs/promises";
import type { Diagnostic } from "./diagnostics.ts";
import { parsePositionedYaml, type PositionedData } from "./positioned-yaml.ts";
import { decodeSource } from "./text-repair.ts";

/**
 * Reads a JSON data file (content/_data/navigation.json, directory data) keeping the line of
 * every value, so problems in it are reported file:line: field like problems in pages.
 * A file that does not exist is not an error: it gives undefined.
 */
export async function readDataFile(absolutePath: string, file: string): Promise<{ value?: PositionedData; diagnostics: Diagnostic[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { diagnostics: [] };
    throw error;
  }
  const decoded = decodeSource(file, bytes);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  // JSON is YAML 1.2, so one parser gives positions for both.
  const { value, errors } = parsePositionedYaml(decoded.text);
  const diagnostics: Diagnostic[] = [
    ...decoded.diagnostics,
    ...errors.map((error) => ({ severity: "error" as const, file, line: error.line, message: `is not valid JSON: ${error.message}` })),
  ];
  if (!value) return { diagnostics };
  if (value.data === null || typeof value.data !== "object" || Array.isArray(value.data)) {
    diagnostics.push({ severity: "error", file, line: 1, message: "must be a JSON object of `\"field\": value` pairs" });
    return { diagnostics };
  }
  for (const { path, line } of value.trimmed) {
    diagnostics.push({ severity: "warning", file, line, field: path.join("."), message: "removed spaces at the start or end of the value" });
  }
  return { value, diagnostics };
}
