import type { z } from "zod";
import type { Diagnostic } from "../diagnostics.ts";
import { didYouMean } from "./nearest.ts";
import type { FieldPath } from "./positioned-yaml.ts";

/**
 * Where a field was written: the file (a page or a folder's defaults) and its line; with `lineInValue`, the
 * line of that line of the field's text (PositionedData's `lineOf`).
 */
export type Locate = (path: FieldPath, lineInValue?: number) => { file: string; line?: number };

/** Describes what a field held, for "expected …, found …" messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  if (value === null) return "an empty value";
  if (typeof value === "object") return "a set of fields";
  if (typeof value === "string") return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (typeof value === "bigint" || typeof value === "symbol") return typeof value;
  return `${typeof value} ${String(value)}`;
}

function valueAt(data: unknown, fieldPath: ReadonlyArray<PropertyKey>): unknown {
  return fieldPath.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined), data);
}

const EXPECTED: Record<string, string> = { array: "a list", object: "a set of fields", string: "text", boolean: "true or false", number: "a number", date: "a date written YYYY-MM-DD" };

type Issue = z.core.$ZodIssue;

/**
 * A union (such as `sectionNav`: a name or a list) fails with one error per option. When the value
 * had the right shape for one option, its nested problems are the ones worth telling the editor.
 */
function flattenUnion(issue: Issue, data: unknown): Issue[] {
  if (issue.code !== "invalid_union" || !("errors" in issue) || !issue.errors?.length) return [issue];
  const shapeMatched = issue.errors.filter((branch) => !branch.some((inner) => inner.code === "invalid_type" && inner.path.length === 0));
  if (shapeMatched.length !== 1) return [issue];
  return shapeMatched[0].flatMap((inner) => flattenUnion({ ...inner, path: [...issue.path, ...inner.path] } as Issue, data));
}

/** Turns zod's issues into messages that name the field, what was expected, what was found and the nearest valid choice. */
export function issuesToDiagnostics(data: unknown, issues: Issue[], locate: Locate, unionMessages: Record<string, string> = {}): Diagnostic[] {
  return issues.flatMap((issue) => flattenUnion(issue, data)).map((issue) => {
    const fieldPath = issue.path.map((key) => (typeof key === "number" ? key : String(key)));
    const field = fieldPath.join(".");
    const found = valueAt(data, issue.path);
    let message = issue.message;
    if (issue.code === "invalid_value" && "values" in issue) {
      const choices = issue.values.map((value) => String(value));
      message = `expected one of ${choices.map((choice) => `\`${choice}\``).join(", ")}, found ${describeValue(found)}${typeof found === "string" ? didYouMean(found, choices) : ""}`;
    } else if (issue.code === "invalid_type" && issue.expected === "date" && typeof found === "string" && /^\d{4}-\d{2}-\d{2}/.test(found.trim())) {
      message = `is not a real date, found ${describeValue(found)}`;
    } else if (issue.code === "invalid_type") {
      message = found === undefined ? "is required" : `expected ${EXPECTED[issue.expected] ?? issue.expected}, found ${describeValue(found)}`;
    } else if (issue.code === "invalid_union") {
      message = `${unionMessages[field] ?? "is not in a form this field takes"}, found ${describeValue(found)}`;
    } else if (issue.code === "too_small" && issue.origin === "string") {
      message = "must not be empty";
    } else if (issue.code === "too_small" && issue.origin === "array") {
      message = `needs at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
    } else if (!(issue.code === "custom" && issue.params?.omitFound) && !message.startsWith("expected")) {
      message = `${message} (found ${describeValue(found)})`;
    }
    const { file, line } = locate(fieldPath);
    return { severity: "error" as const, file, line, field: field || undefined, message };
  });
}
