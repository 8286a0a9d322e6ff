import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "./diagnostics.ts";
import { normaliseDialect } from "./dialects.ts";
import { DIRECTORY_DATA_SUFFIX, defaultsForPage, loadDirectoryData, type PageDefaults } from "./directory-data.ts";
import { readFrontMatter } from "./front-matter-source.ts";
import { loadNavigationData } from "./navigation-data.ts";
import type { Locate } from "./schema-issues.ts";
import { decodeSource } from "./text-repair.ts";
import { validateFrontMatter, type NavigationContext, type PageFrontMatter } from "./validate-front-matter.ts";

/** A content file read, repaired, normalised and validated: ready for the site model. */
export interface SourcePage {
  /** Path from the project root, e.g. content/guides/page.md. */
  file: string;
  /** The URL the file's place in the tree gives it, e.g. /guides/page/. */
  url: string;
  frontMatter: PageFrontMatter;
  body: string;
  bodyLine: number;
  /** Where a front matter field was written: the page, or the folder defaults it came from. */
  locate: Locate;
}

/** What a page is read with besides its own bytes: its folders' defaults and the named navigation lists. */
export interface PageContext {
  defaults?: PageDefaults;
  navigation?: NavigationContext;
}

/** Pages the dev server keeps parsed between builds, by absolute path. */
export interface PageReuse {
  parsed: Map<string, ReturnType<typeof parsePage>>;
  /** The files changed since they were parsed; the others are taken from `parsed` unread. Without it, every file is read. */
  changed?: ReadonlySet<string>;
}

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

/** Reads one content file: decode, split front matter, normalise its dialect and validate it. */
export function parsePage(file: string, url: string, bytes: Uint8Array, context: PageContext = {}): { page?: SourcePage; diagnostics: Diagnostic[] } {
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
  const defaults = context.defaults ?? { data: {}, origin: new Map() };
  const locate: Locate = (fieldPath) => {
    const origin = fieldPath[0] in normalised.data ? undefined : defaults.origin.get(String(fieldPath[0]));
    return origin ? { file: origin.file, line: origin.lineOf(fieldPath) } : { file, line: source.lineOf(fieldPath) };
  };
  const validated = validateFrontMatter({ ...defaults.data, ...normalised.data }, locate, { navigation: context.navigation, ownFields: new Set(Object.keys(normalised.data)) });
  diagnostics.push(...validated.diagnostics);
  if (!validated.frontMatter) return { diagnostics };
  return {
    // A copy: YAML's strings are slices of the file's text, and the site model keeps some of them
    // (titles, hrefs) for the whole build, which would keep every page's source text alive too.
    page: { file, url, frontMatter: structuredClone(validated.frontMatter), body: source.body, bodyLine: source.bodyLine, locate },
    diagnostics,
  };
}

/** Files in the content folder that are neither pages nor published as they are, so the editor hears they are left out. */
async function listStrayFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".md") && !entry.name.endsWith(DIRECTORY_DATA_SUFFIX) && !entry.name.startsWith("."))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => {
      const parts = path.relative(root, file).split(path.sep);
      return parts[0] !== "public" && !parts.some((part) => part.startsWith("_") || part.startsWith("."));
    })
    .sort();
}

/**
 * Reads every page under the content folder with its folders' defaults and the shared navigation lists.
 * Pages with errors are left out, and the errors say why; nothing is left out without a message.
 */
export async function loadContent(root: string, projectRoot = process.cwd(), reuse?: PageReuse): Promise<{ pages: SourcePage[]; diagnostics: Diagnostic[] }> {
  const [files, strays, navigation, directories] = await Promise.all([
    listContentFiles(root),
    listStrayFiles(root),
    loadNavigationData(root, projectRoot),
    loadDirectoryData(root, projectRoot),
  ]);
  const context = { navigation: { navigation: navigation.navigation, file: navigation.file } };
  const results = await Promise.all(
    files.map(async (file) => {
      const kept = reuse?.changed && !reuse.changed.has(file) ? reuse.parsed.get(file) : undefined;
      if (kept) return kept;
      const result = parsePage(path.relative(projectRoot, file), urlForFile(root, file), await readFile(file), { ...context, defaults: defaultsForPage(directories.byFolder, root, file) });
      reuse?.parsed.set(file, result);
      return result;
    }),
  );
  if (reuse) {
    const listed = new Set(files);
    for (const file of reuse.parsed.keys()) if (!listed.has(file)) reuse.parsed.delete(file);
  }
  const diagnostics = [
    ...navigation.diagnostics,
    ...directories.diagnostics,
    ...strays.map((file) => ({
      severity: "warning" as const,
      file: path.relative(projectRoot, file),
      message: `is not published: pages are .md files, and files to download or show go in ${path.relative(projectRoot, path.join(root, "public"))}/`,
    })),
    ...results.flatMap((result) => result.diagnostics),
  ];
  // A folder default with a problem is reported by every page under it; once is enough.
  const seen = new Set<string>();
  return {
    pages: results.flatMap((result) => (result.page ? [result.page] : [])),
    diagnostics: diagnostics.filter((diagnostic) => {
      const key = JSON.stringify(diagnostic);
      return !seen.has(key) && seen.add(key);
    }),
  };
}
