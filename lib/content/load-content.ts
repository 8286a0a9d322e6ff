import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { FrontMatter } from "../front-matter.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { normaliseDialect } from "./dialects.ts";
import { readFrontMatter } from "./front-matter-source.ts";
import { decodeSource } from "./text-repair.ts";

/** A content file read, repaired, normalised and validated: ready for the site model. */
export interface SourcePage {
  /** Path from the project root, e.g. content/guides/page.md. */
  file: string;
  /** The URL the file's place in the tree gives it, e.g. /guides/page/. */
  url: string;
  frontMatter: FrontMatter;
  body: string;
  bodyLine: number;
}

const KNOWN_FIELDS = new Set(Object.keys(FrontMatter.shape));

/** Lists the Markdown files under a folder, skipping `_`-prefixed and dot folders (data and drafts of tools). */
export async function listContentFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !path.relative(root, file).split(path.sep).some((part) => part.startsWith("_") || part.startsWith(".")))
    .sort();
}

/** The URL a content file is published at: folders are sections and index.md is the section's own page. */
export function urlForFile(root: string, file: string): string {
  const parts = path.relative(root, file).split(path.sep);
  const name = parts.pop()!.replace(/\.md$/, "");
  if (name !== "index") parts.push(name);
  return parts.length ? `/${parts.join("/")}/` : "/";
}

/** Describes what a field held, for "expected …, found …" messages. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  if (value === null) return "an empty value";
  if (typeof value === "object") return "a set of fields";
  return `${typeof value} ${JSON.stringify(value).slice(0, 60)}`;
}

function valueAt(data: unknown, fieldPath: ReadonlyArray<PropertyKey>): unknown {
  return fieldPath.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined), data);
}

/** Turns zod's issues into messages that name the field, what was expected and what was found. */
export function issuesToDiagnostics(
  file: string,
  data: unknown,
  issues: z.core.$ZodIssue[],
  lineOf: (fieldPath: ReadonlyArray<string | number>) => number | undefined,
): Diagnostic[] {
  return issues.map((issue) => {
    const fieldPath = issue.path.map((key) => (typeof key === "number" ? key : String(key)));
    const found = valueAt(data, issue.path);
    let message = issue.message;
    if (issue.code === "invalid_value" && "values" in issue) {
      message = `expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(", ")}, found ${describe(found)}`;
    } else if (issue.code === "invalid_type") {
      message = found === undefined ? "is required" : `expected ${issue.expected === "array" ? "a list" : issue.expected}, found ${describe(found)}`;
    } else if (!message.startsWith("expected")) {
      message = `${message} (found ${describe(found)})`;
    }
    return { severity: "error" as const, file, line: lineOf(fieldPath), field: fieldPath.join(".") || undefined, message };
  });
}

/** Reads one content file: decode, split front matter, normalise its dialect and validate it. */
export function parsePage(file: string, url: string, bytes: Uint8Array): { page?: SourcePage; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(file, bytes);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  const diagnostics = [...decoded.diagnostics];
  if (!decoded.text.trim()) {
    diagnostics.push({ severity: "error", file, line: 1, message: "the file is empty: give it front matter with at least a title" });
    return { diagnostics };
  }
  const { source, diagnostics: fmDiagnostics } = readFrontMatter(file, decoded.text);
  diagnostics.push(...fmDiagnostics);
  if (!source) return { diagnostics };
  if (source.format === "none") {
    diagnostics.push({ severity: "error", file, line: 1, field: "title", message: "the file has no front matter: start it with a `---` line, `title: …`, and another `---` line" });
    return { diagnostics };
  }
  const normalised = normaliseDialect(file, source);
  diagnostics.push(...normalised.diagnostics);
  for (const field of Object.keys(normalised.data)) {
    if (!KNOWN_FIELDS.has(field)) {
      diagnostics.push({ severity: "warning", file, line: source.lineOf([field]), field, message: "is not a field this site uses, so it is ignored" });
    }
  }
  const known = Object.fromEntries(Object.entries(normalised.data).filter(([field]) => KNOWN_FIELDS.has(field)));
  const result = FrontMatter.safeParse(known);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(file, known, result.error.issues, source.lineOf));
    return { diagnostics };
  }
  return { page: { file, url, frontMatter: result.data, body: source.body, bodyLine: source.bodyLine }, diagnostics };
}

/** Reads every page under the content folder. Pages with errors are left out, and the errors say why. */
export async function loadContent(root: string, projectRoot = process.cwd()): Promise<{ pages: SourcePage[]; diagnostics: Diagnostic[] }> {
  const files = await listContentFiles(root);
  const results = await Promise.all(
    files.map(async (file) => parsePage(path.relative(projectRoot, file), urlForFile(root, file), await readFile(file))),
  );
  return {
    pages: results.flatMap((result) => (result.page ? [result.page] : [])),
    diagnostics: results.flatMap((result) => result.diagnostics),
  };
}
