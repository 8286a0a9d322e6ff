import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { findUnsafeHtml } from "../safety/author-html.ts";
import { normaliseDialect } from "./dialects.ts";
import { DIRECTORY_DATA_SUFFIX, defaultsForPage, loadDirectoryData, type PageDefaults } from "./directory-data.ts";
import { readFrontMatter } from "./front-matter-source.ts";
import { isDraftName, isHiddenName } from "./left-out-names.ts";
import { siteFileUrlReason } from "../model/generated-pages.ts";
import { loadNavigationData } from "./navigation-data.ts";
import type { FieldPath } from "./positioned-yaml.ts";
import type { Locate } from "./schema-issues.ts";
import { decodeSource } from "./text-repair.ts";
import { leaveOutEmptyValues, validateFrontMatter, type NavigationContext, type PageFrontMatter } from "./validate-front-matter.ts";

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
  /** Pages an earlier build parsed, kept on disk by what they were read from (lib/build/build-cache.ts). */
  kept?: KeptParsedPages;
}

/** What a page's reading gave, when it gave no message: all a later build needs of it but the lines of its fields. */
export interface ParsedPageEntry {
  frontMatter: PageFrontMatter;
  /** How long the body is, where it ends the file's text (read again from its bytes); else the body. */
  body: string | { length: number };
  bodyLine: number;
  /** The fields the page sets itself, rather than taking from its folders' defaults. */
  ownFields: string[];
}

/** Pages parsed by earlier builds, by a key of everything a page's reading depends on. */
export interface KeptParsedPages {
  keyOf(file: string, url: string, bytes: Uint8Array, defaults: PageDefaults): string;
  /** The page kept under the key, kept for the next build too, or undefined. */
  find(key: string): ParsedPageEntry | undefined;
  /** Keeps a page just read for the next build: a copy of it as it is now. */
  keep(key: string, entry: ParsedPageEntry): void;
}

/** The site's data files in content/_data/: navigation.yaml and navigation.json name navigation lists (lib/content/navigation-data.ts); tools.yaml lists the tools radar's tools. */
const SITE_DATA_FILES = new Set(["site.json", "navigation.json", "navigation.yaml", "tools.yaml"]);

/** Templates of Eleventy and other tools: content is data, so none is ever rendered, here or anywhere. */
const TEMPLATE = /\.(?:njk|nunjucks|liquid|hbs|handlebars|mustache|ejs|haml|pug|jade|webc|vue|svelte|astro|erb|twig)$/i;
const SCRIPT = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$|\.11ty\.[^.]+$/i;
// Documents a browser runs scripts in when opened on their own: HTML, XHTML, and XSLT stylesheets.
const HTML = /\.(?:html?|xhtml|xht|shtml|mht|mhtml|xsl|xslt)$/i;

/** Why a file may not be in the content folder at all, or undefined when it may. */
function refusedFileType(name: string, area: "public" | "_data" | "other"): string | undefined {
  const holds = "content holds pages (.md), folder defaults (.11tydata.json), site data (_data/site.json, _data/navigation.yaml or navigation.json, _data/tools.yaml) and files to publish (public/), and nothing in it is ever run";
  if (SCRIPT.test(name)) {
    if (area === "public") {
      // The site's Content-Security-Policy allows scripts from its own address ('self'), and public/ is
      // published at that address: a script here is one any page could be made to load.
      return "is a script: files in public/ are served from the site's own address, whose scripts every page's Content-Security-Policy trusts, so the site never publishes one from content: delete it (the site's own scripts are in assets/)";
    }
    if (area === "_data") return `is a script: site data is read only from JSON files, never run (${holds}): delete it, or write the data as JSON`;
    return `is a script: ${holds}: delete it`;
  }
  if (TEMPLATE.test(name)) return `is a template: ${holds} or rendered as a template: delete it, or write the page in Markdown (.md)`;
  if (HTML.test(name)) {
    if (area === "public") {
      // A published HTML file opened on its own has none of the site's pages' Content-Security-Policy,
      // so a script in it would run as the site.
      return "is an HTML file: a file in public/ is served as it is from the site's own address, without the Content-Security-Policy the site's pages carry, so a script in it would run as the site: write it as a page (.md), or publish it as a PDF";
    }
    return `is an HTML file: ${holds} or rendered as a template: write the page in Markdown (.md)`;
  }
  return undefined;
}

/** What an SVG image holds that could run code when someone opens the image itself, one error each, with its line. */
async function unsafeSvg(absolute: string, file: string): Promise<Diagnostic[]> {
  const text = await readFile(absolute, "utf8");
  return findUnsafeHtml(text).map((problem) => ({
    severity: "error" as const,
    file,
    line: problem.line,
    message: `${problem.message} (an SVG image opened on its own runs as a page of the site)`,
  }));
}

/** A suggested URL-friendly spelling of a name: lower case, words joined by hyphens, accents dropped. */
function kebabCase(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._~]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * What is wrong with one name in a published path (a folder, a page's file name without `.md`, or a
 * file in public/): an error when no URL can reach it reliably, a warning when it only makes an
 * awkward one. Names are checked as written, before percent-encoding.
 */
function nameProblem(name: string): { severity: "error" | "warning"; message: string } | undefined {
  const faults: string[] = [];
  if (name.includes("#")) faults.push("`#`, which starts the part of a URL a browser keeps to itself, so the server never sees the rest");
  if (name.includes("?")) faults.push("`?`, which starts a URL's query, so the server never sees the rest");
  if (name.includes("%")) faults.push("`%`, which starts an escape such as %20 in a URL, so links would be read as another name (%2e%2e is `..`)");
  if (name.includes("\\")) faults.push("`\\`, which browsers read as `/`");
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) faults.push("a tab or other control character, which cannot be typed or shown");
  if (/[. ]$/.test(name)) faults.push("a dot or space at the end, which Windows drops and servers may ignore");
  if (faults.length) return { severity: "error", message: `cannot be published: its name has ${faults.join("; and ")}: rename it` };
  if (/^[a-z0-9._~-]*$/.test(name)) return undefined;
  const traits = [
    / /.test(name) && "spaces",
    /[A-Z]/.test(name) && "capital letters",
    /[^\u0000-\u007f]/.test(name) && "letters outside a to z",
    /[^A-Za-z0-9._~ \-\u0080-\uffff]/.test(name) && "punctuation",
  ].filter(Boolean);
  return { severity: "warning", message: `has ${traits.join(" and ")} in its name, so its URL needs escapes (such as %20 for a space) and is hard to read, type and share` };
}

/** Folds a URL path the way macOS's and Windows's file systems do, so paths they would treat as one compare equal. */
const folded = (text: string) => text.normalize("NFC").toLowerCase();

/** The pages in the content folder, and a message for every other file: refused, left out, or not read. */
export interface ContentScan {
  /** Absolute paths of the page files, sorted. */
  pages: string[];
  diagnostics: Diagnostic[];
}

/**
 * Sorts every entry under the content folder into what it is: a page (`.md`), folder defaults
 * (`*.11tydata.json`), site data (`_data/`), a file to publish (`public/`), or a file left out; and
 * refuses what content may never be: templates, scripts, symbolic links and names no URL reaches.
 */
export async function scanContent(root: string, projectRoot = process.cwd()): Promise<ContentScan> {
  const entries = (await readdir(root, { withFileTypes: true, recursive: true })).sort((a, b) => {
    const [left, right] = [path.join(a.parentPath, a.name), path.join(b.parentPath, b.name)];
    return left < right ? -1 : left > right ? 1 : 0;
  });
  const shownPath = (absolute: string) => path.relative(projectRoot, absolute);
  const publicFolder = shownPath(path.join(root, "public"));
  const diagnostics: Diagnostic[] = [];
  const pages: string[] = [];
  /** Published paths (as URL names) by their folded spelling, then each spelling with the file or folder that gives it. */
  const spellings = new Map<string, Map<string, string>>();
  const checkedFolders = new Set<string>();
  const refusedPages = new Set<string>();

  /** Notes the spelling of each folder on a published path and of the path itself, for names that differ only in case. */
  const noteSpelling = (absolute: string, urlParts: string[]) => {
    urlParts.forEach((_, index) => {
      const spelt = urlParts.slice(0, index + 1).join("/");
      const where = index === urlParts.length - 1 ? absolute : path.join(root, ...urlParts.slice(0, index + 1));
      const bySpelling = spellings.get(folded(spelt)) ?? new Map<string, string>();
      if (!bySpelling.has(spelt)) bySpelling.set(spelt, where);
      spellings.set(folded(spelt), bySpelling);
    });
  };

  /** Checks each name on a published file's path, each folder once; false when one is an error. */
  const checkNames = (absolute: string, parts: string[], isPage: boolean): boolean => {
    let ok = true;
    parts.forEach((part, index) => {
      const isLeaf = index === parts.length - 1;
      const where = isLeaf ? absolute : path.join(root, ...parts.slice(0, index + 1));
      if (!isLeaf && checkedFolders.has(where)) return;
      checkedFolders.add(where);
      // A page's name is its URL without `.md`; a file's keeps its extension, suggested in lower case.
      const [stem, extension] = isLeaf ? (isPage ? [part.slice(0, -".md".length), ".md"] : [part.replace(/\.[^.]*$/, ""), (part.match(/\.[^.]*$/)?.[0] ?? "").toLowerCase()]) : [part, ""];
      const problem = nameProblem(isLeaf && isPage ? stem : part);
      if (!problem) return;
      if (problem.severity === "error") ok = false;
      const suggestion = kebabCase(stem);
      const suggest = problem.severity === "warning" && suggestion && !suggestion.startsWith(".") ? `: rename it ${suggestion}${extension}` : "";
      diagnostics.push({ severity: problem.severity, file: shownPath(where), message: `${problem.message}${suggest}` });
    });
    return ok;
  };

  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name);
    const file = shownPath(absolute);
    const parts = path.relative(root, absolute).split(path.sep);
    if (entry.isSymbolicLink()) {
      // Copying follows a link, and would publish whatever it points at (`passwd -> /etc/passwd`).
      diagnostics.push({ severity: "error", file, message: "is a symbolic link: the site never follows links, so what it points to is not published: copy the file or folder here instead" });
      continue;
    }
    if (!entry.isFile()) continue;
    const area = parts[0] === "public" && parts.length > 1 ? "public" : parts[0] === "_data" && parts.length > 1 ? "_data" : "other";
    const refused = refusedFileType(entry.name, area);
    if (refused) {
      diagnostics.push({ severity: "error", file, message: refused });
      continue;
    }
    if (area === "public") {
      // An SVG opened on its own is a document: its scripts would run as the site, outside any page's policy.
      if (/\.svgz?$/i.test(entry.name)) diagnostics.push(...(await unsafeSvg(absolute, file)));
      // Files in public/ are published as they are, .md files too: never as pages.
      checkNames(absolute, parts, false);
      noteSpelling(absolute, parts);
      continue;
    }
    const folders = parts.slice(0, -1);
    if (parts.some(isHiddenName)) {
      // Other tools keep their settings in dot files (.DS_Store, .gitkeep, .obsidian/): left out without
      // a word. A page among them is named, since an editor may have meant to publish it.
      if (entry.name.endsWith(".md")) {
        const dotFolder = folders.find(isHiddenName);
        const fix = dotFolder ? `move it out of ${dotFolder}/` : `rename it ${entry.name.replace(/^\.+/, "")}`;
        diagnostics.push({ severity: "warning", file, message: `is not published: files and folders whose names start with . are left out, as other tools' hidden files: ${fix} to publish it` });
      }
      continue;
    }
    if (area === "_data") {
      if (parts.length !== 2 || !SITE_DATA_FILES.has(entry.name)) {
        diagnostics.push({ severity: "warning", file, message: `is not read: ${shownPath(path.join(root, "_data"))}/ holds only the site's data: site.json, navigation.yaml or navigation.json, and tools.yaml` });
      }
      continue;
    }
    if (parts.some(isDraftName)) {
      const underscored = folders.find(isDraftName);
      const fix = underscored ? `move it out of ${underscored}/` : `rename it ${entry.name.replace(/^_+/, "")}`;
      diagnostics.push({ severity: "warning", file, message: `is not published: files and folders whose names start with _ are left out, for drafts and notes: ${fix} to publish it` });
      continue;
    }
    if (entry.name.endsWith(".md")) {
      const stem = entry.name.slice(0, -".md".length);
      const named = checkNames(absolute, parts, true);
      noteSpelling(absolute, stem === "index" ? folders : [...folders, stem]);
      const url = urlForFile(root, absolute);
      const reserved = siteFileUrlReason(url);
      if (reserved) diagnostics.push({ severity: "error", file, message: `would be published at ${url}, but ${reserved}: rename or move this file` });
      if (!named || reserved) refusedPages.add(absolute);
      pages.push(absolute);
      continue;
    }
    if (entry.name.endsWith(DIRECTORY_DATA_SUFFIX)) continue;
    diagnostics.push({ severity: "warning", file, message: `is not published: pages are .md files, and files to download or show go in ${publicFolder}/` });
  }
  // Names that differ only in case or in how an accent is encoded are two URLs on the server but one
  // folder or file on macOS and Windows, where one would overwrite the other. Reported at the shortest
  // such path only: `Guides/` and `guides/` need one rename, not one per page inside them.
  const ambiguous = new Set<string>();
  for (const key of [...spellings.keys()].sort()) {
    const bySpelling = spellings.get(key)!;
    if (bySpelling.size < 2) continue;
    ambiguous.add(key);
    if ([...ambiguous].some((shorter) => shorter !== key && key.startsWith(`${shorter}/`))) continue;
    // Two names that look the same on screen need telling apart: say how each writes its accents.
    const sameLetters = new Set([...bySpelling.keys()].map((name) => name.normalize("NFC"))).size === 1;
    const accents = (name: string) => (name === name.normalize("NFC") ? "each accented letter as one character" : "accents as separate characters after their letters");
    for (const [spelt, where] of bySpelling) {
      const others = [...bySpelling].filter(([other]) => other !== spelt);
      const how = sameLetters
        ? `in how accents are encoded (this name writes ${accents(spelt)}, ${others.length > 1 ? "the others" : "the other"} ${others.map(([other]) => accents(other)).join(" and ")})`
        : "in capital letters";
      diagnostics.push({
        severity: "error",
        file: shownPath(where),
        message: `and ${others.map(([, other]) => shownPath(other)).join(" and ")} have names that differ only ${how}: macOS and Windows treat them as one name, so one would overwrite the other: rename one of them`,
      });
      refusedPages.add(where);
    }
  }
  return { pages: pages.filter((page) => !refusedPages.has(page)).sort(), diagnostics };
}

/** The URL a content file is published at: folders are sections and index.md is the section's own page. */
export function urlForFile(root: string, file: string): string {
  const parts = path.relative(root, file).split(path.sep);
  const name = parts.pop()!.replace(/\.md$/, "");
  if (name !== "index") parts.push(name);
  // Each name percent-encoded, so a space or an accent gives a well-formed URL (/my%20page/) in every
  // link, the sitemap and the search index; outputPathForUrl turns it back into the folder to write.
  return parts.length ? `/${parts.map(encodeURIComponent).join("/")}/` : "/";
}

/** Where under the output folder a page URL is written: the URL's names as they are on disk, unescaped. */
export const outputPathForUrl = (url: string): string => url.split("/").map(decodeURIComponent).join("/");

/** Where a field was written: the folder's defaults it came from when the page does not set it itself, else `onPage`. */
function locateField(defaults: PageDefaults, setsItself: (field: string) => boolean, onPage: Locate): Locate {
  return (fieldPath, lineInValue) => {
    const field = String(fieldPath[0]);
    const origin = setsItself(field) ? undefined : defaults.origin.get(field);
    return origin ? { file: origin.file, line: origin.lineOf(fieldPath, lineInValue) } : onPage(fieldPath, lineInValue);
  };
}

type ParsedPage = { page?: SourcePage; ownFields?: string[]; diagnostics: Diagnostic[] };

/** Reads one content file: decode, split front matter, normalise its dialect and validate it. */
export function parsePage(file: string, url: string, bytes: Uint8Array, context: PageContext = {}): ParsedPage {
  return parseDecoded(file, url, decodeSource(file, bytes), context);
}

function parseDecoded(file: string, url: string, decoded: ReturnType<typeof decodeSource>, context: PageContext): ParsedPage {
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
  const normalised = normaliseDialect(file, source, url);
  diagnostics.push(...normalised.diagnostics);
  const defaults = context.defaults ?? { data: {}, origin: new Map() };
  let ownData = normalised.data;
  const locate = locateField(defaults, (field) => field in ownData, (fieldPath, lineInValue) => ({ file, line: normalised.lineOf(fieldPath, lineInValue) }));
  // Left out before the folder's defaults are laid under it, so an empty field takes the default as an unwritten one does.
  const own = leaveOutEmptyValues(normalised.data, locate);
  diagnostics.push(...own.diagnostics);
  ownData = own.data;
  const validated = validateFrontMatter({ ...defaults.data, ...ownData }, locate, { navigation: context.navigation, ownFields: new Set(Object.keys(ownData)) });
  diagnostics.push(...validated.diagnostics);
  if (!validated.frontMatter) return { diagnostics };
  return {
    // A copy: YAML's strings are slices of the file's text, and the site model keeps some of them
    // (titles, hrefs) for the whole build, which would keep every page's source text alive too.
    page: { file, url, frontMatter: structuredClone(validated.frontMatter), body: source.body, bodyLine: source.bodyLine, locate },
    ownFields: Object.keys(ownData),
    diagnostics,
  };
}

/**
 * A page as an earlier build read it. Finding a field's line needs the positions of its YAML, which are not
 * kept: the page is read again for them, the first time a line is asked for (a message about the page).
 * Which file a field came from (the page or a folder's defaults) is known without.
 */
function keptPage(entry: ParsedPageEntry, file: string, url: string, absolute: string, bytes: Uint8Array, context: PageContext & { defaults: PageDefaults }): SourcePage {
  const ownFields = new Set(entry.ownFields);
  let readAgain: Locate | undefined;
  const lineOnPage = (fieldPath: FieldPath, lineInValue?: number) => {
    readAgain ??= parsePage(file, url, readFileSync(absolute), context).page?.locate ?? (() => ({ file }));
    return readAgain(fieldPath, lineInValue).line;
  };
  // The line getter reads the page again only when a caller asks for the line, not for the file alone.
  const locate = locateField(context.defaults, (field) => ownFields.has(field), (fieldPath, lineInValue) => ({
    file,
    get line() {
      return lineOnPage(fieldPath, lineInValue);
    },
  }));
  const { length } = entry.body;
  const body = typeof entry.body === "string" ? entry.body : length ? utf8.decode(bytes).slice(-length) : "";
  return { file, url, frontMatter: entry.frontMatter, body, bodyLine: entry.bodyLine, locate };
}

const utf8 = new TextDecoder();

/** Reads one page, or takes it as an earlier build read it from the same bytes and defaults. */
function readPage(absolute: string, file: string, url: string, bytes: Uint8Array, context: PageContext & { defaults: PageDefaults }, kept: KeptParsedPages | undefined) {
  const key = kept?.keyOf(file, url, bytes, context.defaults);
  const found = key === undefined ? undefined : kept!.find(key);
  if (found) {
    return { page: keptPage(found, file, url, absolute, bytes, context), diagnostics: [] };
  }
  const decoded = decodeSource(file, bytes);
  const result = parseDecoded(file, url, decoded, context);
  // Only a page with nothing to say is kept: its messages are made again, with their lines, each build.
  if (key !== undefined && result.page && !result.diagnostics.length) {
    const { frontMatter, body, bodyLine } = result.page;
    // Most of what a page holds is its body, which its bytes hold too: kept as its length, the file of every page's parse is a seventh the size.
    // Without a message the decoding repaired nothing (a byte order mark, line endings, mis-encoded text), so its text is the bytes' own.
    const endsText = decoded.text!.endsWith(body);
    kept!.keep(key, { frontMatter, body: endsText ? { length: body.length } : body, bodyLine, ownFields: result.ownFields! });
  }
  return result;
}

/**
 * Reads every page under the content folder with its folders' defaults and the shared navigation lists.
 * Pages with errors are left out, and the errors say why; nothing is left out without a message.
 */
export async function loadContent(root: string, projectRoot = process.cwd(), reuse?: PageReuse): Promise<{ pages: SourcePage[]; diagnostics: Diagnostic[] }> {
  const [{ pages: files, diagnostics: scanned }, navigation, directories] = await Promise.all([
    scanContent(root, projectRoot),
    loadNavigationData(root, projectRoot),
    loadDirectoryData(root, projectRoot),
  ]);
  const context = { navigation: { navigation: navigation.navigation, file: navigation.file, definedIn: navigation.definedIn } };
  const results = await Promise.all(
    files.map(async (file) => {
      const kept = reuse?.changed && !reuse.changed.has(file) ? reuse.parsed.get(file) : undefined;
      if (kept) return kept;
      const pageContext = { ...context, defaults: defaultsForPage(directories.byFolder, root, file) };
      const result = readPage(file, path.relative(projectRoot, file), urlForFile(root, file), await readFile(file), pageContext, reuse?.kept);
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
    ...scanned,
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
