import path from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../diagnostics.ts";
import { TOOL_CATEGORIES, TOOL_STATUSES } from "../schema/front-matter.ts";
import { didYouMean } from "./nearest.ts";
import { parseYamlData, readDataBytes } from "./data-file.ts";
import { issuesToDiagnostics } from "./schema-issues.ts";

/** One tool on the radar, as content/_data/tools.yaml lists it. */
export const ToolEntry = z.object({
  /** The tool's id: the `toolSlug` of the page that describes it. */
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, "must be lower-case letters, digits and hyphens, such as `github-copilot`"),
  /** The name shown on the radar. */
  title: z.string().trim().min(1),
  /** The tool's quadrant on the radar. */
  category: z.enum(TOOL_CATEGORIES),
  /** How far Defra has got with the tool: its ring on the radar. */
  status: z.enum(TOOL_STATUSES),
});
export type ToolEntry = z.infer<typeof ToolEntry>;

/** content/_data/tools.yaml in the Defra service manual's format: the tools on the radar. */
export interface ToolsData {
  /** The file's path from the project root, for messages. */
  file: string;
  /** The entries that are valid, in the file's order, each with the line it starts on. */
  tools: (ToolEntry & { line?: number })[];
  /**
   * Slugs of entries left out for an error of their own. Their pages are not also reported as missing
   * from the file: the error in the file is the one to fix.
   */
  invalidSlugs: string[];
}

/** The tools file, relative to the content folder. */
export const TOOLS_FILE = path.join("_data", "tools.yaml");

const ENTRY_FIELDS = Object.keys(ToolEntry.shape);

/** Checks one entry of the `tools:` list, reporting each problem at its own line. */
function readEntry(
  entry: unknown,
  index: number,
  file: string,
  lineOf: (fieldPath: (string | number)[]) => number | undefined,
  diagnostics: Diagnostic[],
): ToolEntry | undefined {
  const at = ["tools", index];
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
    diagnostics.push({
      severity: "error",
      file,
      line: lineOf(at),
      field: at.join("."),
      message: "each tool must be a set of fields: `slug`, `title`, `category` and `status`",
    });
    return undefined;
  }
  for (const key of Object.keys(entry)) {
    if (!ENTRY_FIELDS.includes(key)) {
      diagnostics.push({
        severity: "warning",
        file,
        line: lineOf([...at, key]),
        field: [...at, key].join("."),
        message: `is not a field a tool has, so it is ignored${didYouMean(key, ENTRY_FIELDS)}`,
      });
    }
  }
  const result = ToolEntry.safeParse(entry);
  if (result.success) return result.data;
  const located = issuesToDiagnostics(entry, result.error.issues, (fieldPath) => ({
    file,
    line: lineOf([...at, ...fieldPath]),
  })).map((diagnostic) =>
    // zod words a missing `category` or `status` as a wrong choice that found nothing.
    diagnostic.field && (entry as Record<string, unknown>)[diagnostic.field] === undefined
      ? { ...diagnostic, message: "is required: each tool has a `slug`, `title`, `category` and `status`" }
      : diagnostic,
  );
  diagnostics.push(
    ...located.map((diagnostic) => ({
      ...diagnostic,
      field: [...at, ...(diagnostic.field ? [diagnostic.field] : [])].join("."),
    })),
  );
  return undefined;
}

/**
 * Reads content/_data/tools.yaml when there is one. Every problem is a diagnostic naming the line and
 * field (an unknown status or category, a duplicate or missing slug), never a thrown error; a site
 * without the file has no tools and nothing to report.
 */
export async function loadToolsData(
  contentDir: string,
  projectRoot: string,
): Promise<{ tools?: ToolsData; diagnostics: Diagnostic[] }> {
  const absolute = path.join(contentDir, TOOLS_FILE);
  const bytes = await readDataBytes(absolute);
  return bytes ? readToolsData(path.relative(projectRoot, absolute), bytes) : { diagnostics: [] };
}

/** Reads the text of a tools file (`file` is its path for messages). */
export function readToolsData(file: string, bytes: Uint8Array): { tools?: ToolsData; diagnostics: Diagnostic[] } {
  const { value, diagnostics } = parseYamlData(file, bytes);
  if (!value) return { diagnostics };
  const { data, lineOf } = value;
  for (const { path: fieldPath, line } of value.trimmed) {
    diagnostics.push({
      severity: "warning",
      file,
      line,
      field: fieldPath.join("."),
      message: "removed spaces at the start or end of the value",
    });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data) || !("tools" in data)) {
    diagnostics.push({
      severity: "error",
      file,
      line: 1,
      field: "tools",
      message: "is required: the file lists the radar's tools under `tools:`, each with `slug`, `title`, `category` and `status`",
    });
    return { diagnostics };
  }
  for (const key of Object.keys(data)) {
    if (key !== "tools") {
      diagnostics.push({
        severity: "warning",
        file,
        line: lineOf([key]),
        field: key,
        message: `is not a setting of the tools file, so it is ignored${didYouMean(key, ["tools"])}`,
      });
    }
  }
  const list = (data as { tools: unknown }).tools;
  if (!Array.isArray(list) || list.length === 0) {
    diagnostics.push({
      severity: "error",
      file,
      line: lineOf(["tools"]),
      field: "tools",
      message: "must be a list of at least one tool, each starting with `- slug:`",
    });
    return { diagnostics };
  }
  const tools: ToolsData["tools"] = [];
  const invalidSlugs: string[] = [];
  const firstLineOf = new Map<string, number | undefined>();
  list.forEach((entry, index) => {
    const tool = readEntry(entry, index, file, lineOf, diagnostics);
    if (!tool) {
      const slug = (entry as { slug?: unknown } | null)?.slug;
      if (typeof slug === "string") invalidSlugs.push(slug.trim());
      return;
    }
    const line = lineOf(["tools", index]);
    if (firstLineOf.has(tool.slug)) {
      const first = firstLineOf.get(tool.slug);
      diagnostics.push({
        severity: "error",
        file,
        line: lineOf(["tools", index, "slug"]),
        field: `tools.${index}.slug`,
        message: `"${tool.slug}" is listed twice (first${first ? ` on line ${first}` : ""}): each tool is on the radar once, so keep one`,
      });
      return;
    }
    firstLineOf.set(tool.slug, line);
    tools.push({ ...tool, line });
  });
  return { tools: { file, tools, invalidSlugs }, diagnostics };
}
