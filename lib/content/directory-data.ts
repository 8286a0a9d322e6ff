import { readdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { FrontMatter } from "../schema/front-matter.ts";
import { readDataFile } from "./data-file.ts";
import { isLeftOutName } from "./left-out-names.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { didYouMean } from "./nearest.ts";
import type { FieldPath } from "./positioned-yaml.ts";
import { issuesToDiagnostics } from "./schema-issues.ts";
import { leaveOutEmptyValues } from "./validate-front-matter.ts";

/** Directory data is named after its folder, as in Eleventy: content/guides/guides.11tydata.json. */
export const DIRECTORY_DATA_SUFFIX = ".11tydata.json";

/** Front matter defaults for every page in a folder and below. Each page names itself, so no `title`. */
export const DirectoryData = z.object(FrontMatter.shape).omit({ title: true }).partial();

/** One folder's validated defaults and where each came from. */
export interface DirectoryDefaults {
  /** The data file, relative to the project root. */
  file: string;
  data: Record<string, unknown>;
  lineOf(path: FieldPath, lineInValue?: number): number | undefined;
}

/** Folder defaults that apply to one page, merged from the content root down, with each field's origin. */
export interface PageDefaults {
  data: Record<string, unknown>;
  origin: Map<string, DirectoryDefaults>;
}

/**
 * Reads every folder's directory data under the content folder. Fields with errors are reported
 * once, against the data file, and left out of the defaults; unknown fields are warnings.
 */
export async function loadDirectoryData(root: string, projectRoot: string): Promise<{ byFolder: Map<string, DirectoryDefaults>; diagnostics: Diagnostic[] }> {
  const byFolder = new Map<string, DirectoryDefaults>();
  const diagnostics: Diagnostic[] = [];
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const dataFiles = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(DIRECTORY_DATA_SUFFIX))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((absolute) => !path.relative(root, absolute).split(path.sep).slice(0, -1).some(isLeftOutName))
    .sort();
  const known = Object.keys(DirectoryData.shape);
  for (const absolute of dataFiles) {
    const file = path.relative(projectRoot, absolute);
    const folder = path.relative(root, path.dirname(absolute));
    const expected = `${path.basename(path.dirname(absolute))}${DIRECTORY_DATA_SUFFIX}`;
    if (path.basename(absolute) !== expected) {
      diagnostics.push({ severity: "warning", file, line: 1, message: `is not read: a folder's defaults file is named after the folder, \`${expected}\`` });
      continue;
    }
    const { value, diagnostics: readDiagnostics } = await readDataFile(absolute, file);
    diagnostics.push(...readDiagnostics);
    if (!value) continue;
    const raw = value.data as Record<string, unknown>;
    const given: Record<string, unknown> = {};
    for (const [field, fieldValue] of Object.entries(raw)) {
      if (field === "title") {
        diagnostics.push({ severity: "error", file, line: value.lineOf([field]), field, message: "cannot be a folder default: each page gives its own title" });
      } else if (!known.includes(field)) {
        diagnostics.push({ severity: "warning", file, line: value.lineOf([field]), field, message: `is not a field this site uses, so it is ignored${didYouMean(field, known)}` });
      } else given[field] = fieldValue;
    }
    const { data, diagnostics: emptyValues } = leaveOutEmptyValues(given, (fieldPath) => ({ file, line: value.lineOf(fieldPath) }), DirectoryData);
    diagnostics.push(...emptyValues);
    const result = DirectoryData.safeParse(data);
    if (!result.success) {
      diagnostics.push(...issuesToDiagnostics(data, result.error.issues, (fieldPath) => ({ file, line: value.lineOf(fieldPath) })));
      for (const issue of result.error.issues) delete data[String(issue.path[0])];
    }
    byFolder.set(folder, { file, data, lineOf: value.lineOf });
  }
  return { byFolder, diagnostics };
}

/** The defaults for a page: its folder's and every ancestor folder's, nearer folders winning field by field. */
export function defaultsForPage(byFolder: Map<string, DirectoryDefaults>, root: string, pageFile: string): PageDefaults {
  const folders = path.relative(root, path.dirname(pageFile)).split(path.sep).filter(Boolean);
  const data: Record<string, unknown> = {};
  const origin = new Map<string, DirectoryDefaults>();
  for (let depth = 0; depth <= folders.length; depth++) {
    const defaults = byFolder.get(folders.slice(0, depth).join(path.sep));
    if (!defaults) continue;
    for (const [field, value] of Object.entries(defaults.data)) {
      data[field] = value;
      origin.set(field, defaults);
    }
  }
  return { data, origin };
}
