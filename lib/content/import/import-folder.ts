import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { Diagnostic } from "../../diagnostics.ts";
import { defaultsForPage, loadDirectoryData } from "../directory-data.ts";
import { isDraftName, isHiddenName } from "../left-out-names.ts";
import { loadContent, parsePage, scanContent, urlForFile } from "../load-content.ts";
import { loadNavigationData } from "../navigation-data.ts";
import { loadSiteData } from "../site-data.ts";
import { createWikiLinkResolver, listPublicFiles, type LinkablePage } from "../wiki-link-targets.ts";
import { importPage } from "./import-page.ts";

/** One page the import will write: where from, where to, its new text, and what changed on the way. */
export interface PlannedPage {
  /** The original, from the project root. */
  source: string;
  /** The absolute path it is written to. */
  destination: string;
  url: string;
  text: string;
  title: string;
  changes: Diagnostic[];
  /** What the page still has wrong, read in its new place as the build will read it. */
  problems: Diagnostic[];
}

/** A file beside the pages (an image, a PDF) copied into content/public/. */
export interface PlannedFile {
  source: string;
  destination: string;
  /** The URL it is published at. */
  url: string;
}

/** What importing a folder would do. With any error in `refused` (or in a page's problems), it does nothing. */
export interface FolderImport {
  pages: PlannedPage[];
  files: PlannedFile[];
  /** Why the import cannot go ahead (errors), and what it leaves out (warnings). */
  refused: Diagnostic[];
}

// Files that are never copied: content holds no code or templates (see load-content's refusals).
const NOT_COPIED = /\.(?:[cm]?js|[cm]?ts|jsx|tsx|html?|xhtml|njk|nunjucks|liquid|hbs|handlebars|mustache|ejs|haml|pug|jade|webc|vue|svelte|astro|erb|twig)$/i;

// Structure only, to find the links a page's body makes to files beside it.
const parser = new MarkdownIt({ html: true });

const posix = (file: string) => file.split(path.sep).join("/");

/**
 * Plans bringing a whole folder into the content folder: every Markdown file becomes a page at the
 * same path under `into` (so the folder tree stays the URL tree), rewritten by `importPage`; every
 * other file is copied into content/public/ at the same path, and the pages' relative links to it
 * are pointed at its published URL. Refuses a page whose URL a page in the content folder already
 * has, or that two files being imported would share (`a.md` and `a/index.md`), naming both files.
 * @param into the folder inside the content folder the tree goes into (the content folder itself unless given)
 * @param replace whether a page at exactly the same path may be replaced (`--force`)
 */
export async function planFolderImport(
  sourceDir: string,
  contentDir: string,
  projectRoot: string,
  options: { into?: string; replace?: boolean } = {},
): Promise<FolderImport> {
  const into = options.into ?? contentDir;
  const shown = (absolute: string) => path.relative(projectRoot, absolute);
  const refused: Diagnostic[] = [];
  const entries = await readdir(sourceDir, { recursive: true, withFileTypes: true });
  const markdown: string[] = [];
  const others: string[] = [];
  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name);
    const parts = path.relative(sourceDir, absolute).split(path.sep);
    if (parts.some(isHiddenName)) continue;
    if (entry.isSymbolicLink()) {
      refused.push({ severity: "warning", file: shown(absolute), message: "is a symbolic link, so it is not imported: the site never follows links" });
      continue;
    }
    if (!entry.isFile()) continue;
    if (parts.some(isDraftName)) {
      refused.push({ severity: "warning", file: shown(absolute), message: "is not imported: names starting with _ are drafts and notes, which the site never publishes" });
      continue;
    }
    if (entry.name.endsWith(".md")) markdown.push(absolute);
    else if (NOT_COPIED.test(entry.name))
      refused.push({ severity: "warning", file: shown(absolute), message: "is not imported: the content folder holds pages, data and files to publish, never code, templates or HTML pages" });
    else others.push(absolute);
  }
  markdown.sort();
  others.sort();

  const [existing, scan, navigation, directories, publicFiles, siteData] = await Promise.all([
    loadContent(contentDir, projectRoot),
    scanContent(contentDir, projectRoot),
    loadNavigationData(contentDir, projectRoot),
    loadDirectoryData(contentDir, projectRoot),
    listPublicFiles(contentDir),
    loadSiteData(path.join(contentDir, "_data", "site.json"), projectRoot),
  ]);
  const existingByUrl = new Map(scan.pages.map((file) => [urlForFile(contentDir, file), file]));

  const files: PlannedFile[] = others.map((source) => {
    const relative = posix(path.relative(sourceDir, source));
    return {
      source,
      destination: path.join(contentDir, "public", relative),
      url: `/public/${relative.split("/").map(encodeURIComponent).join("/")}`,
    };
  });
  for (const file of files) {
    if (existsSync(file.destination) && !options.replace)
      refused.push({ severity: "error", file: shown(file.source), message: `would replace ${shown(file.destination)}, which is already there: give --force to replace files at the same paths` });
  }
  const fileUrlBySource = new Map(files.map((file) => [file.source, file.url]));

  // Wiki links may name pages being imported as well as those already there: titles come from a first reading.
  const firstReading = markdown.map(async (source) => ({ source, bytes: await readFile(source) }));
  const read = await Promise.all(firstReading);
  const linkable: LinkablePage[] = existing.pages.map((page) => ({ url: page.url, title: page.frontMatter.title, aliases: page.frontMatter.aliases, file: page.file }));
  for (const { source, bytes } of read) {
    const draft = importPage(shown(source), bytes).page;
    const destination = path.join(into, path.relative(sourceDir, source));
    if (draft) linkable.push({ url: urlForFile(contentDir, destination), title: draft.title, file: shown(destination) });
  }
  // Embeds find the files being copied as well as those already published.
  const resolveWikiLink = createWikiLinkResolver(linkable, {
    contentFolder: shown(contentDir),
    paths: [...new Set([...publicFiles, ...files.map((file) => posix(path.relative(path.join(contentDir, "public"), file.destination)))])],
  });

  const pages: PlannedPage[] = [];
  const importedByUrl = new Map<string, string>();
  for (const { source, bytes } of read) {
    const destination = path.join(into, path.relative(sourceDir, source));
    const url = urlForFile(contentDir, destination);
    const { page, diagnostics } = importPage(shown(source), bytes, (link) => resolveWikiLink({ ...link, from: shown(destination) }), {
      siteName: siteData.site.serviceName,
      url,
    });
    if (!page) {
      refused.push(...diagnostics);
      continue;
    }
    const other = importedByUrl.get(url);
    if (other) {
      refused.push({ severity: "error", file: shown(source), message: `would be published at ${url}, as ${other} would: import only one of them` });
      continue;
    }
    importedByUrl.set(url, shown(source));
    const there = existingByUrl.get(url);
    if (there && !(options.replace && path.resolve(there) === path.resolve(destination))) {
      const same = path.resolve(there) === path.resolve(destination);
      refused.push({
        severity: "error",
        file: shown(source),
        message: same
          ? `would replace ${shown(there)}, which is already there: give --force to replace pages at the same paths`
          : `would be published at ${url}, where ${shown(there)} already is: move one of them`,
      });
      continue;
    }
    const changes = [...page.changes];
    const text = pointAtPublicFiles(page.text, source, fileUrlBySource, (message) => changes.push({ severity: "info", file: shown(source), message }));
    const checked = parsePage(shown(destination), url, new TextEncoder().encode(text), {
      navigation: { navigation: navigation.navigation, file: navigation.file },
      defaults: defaultsForPage(directories.byFolder, contentDir, destination),
    });
    pages.push({ source: shown(source), destination, url, text, title: page.title, changes, problems: checked.diagnostics });
  }
  return { pages, files, refused };
}

/** Whether a planned import has anything that stops it: an error refusing a file, or an error in a page as the build would read it. */
export const importBlocked = (plan: FolderImport): boolean =>
  plan.refused.some((problem) => problem.severity === "error") ||
  plan.pages.some((page) => page.problems.some((problem) => problem.severity === "error"));

const safeDecodeUri = (href: string) => {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
};

/** Rewrites the body's relative links and images that lead to a copied file so they lead to its URL in /public/. */
function pointAtPublicFiles(text: string, source: string, fileUrlBySource: ReadonlyMap<string, string>, changed: (message: string) => void): string {
  const bodyStart = text.indexOf("\n---\n") + "\n---\n".length;
  const lines = text.slice(bodyStart).split("\n");
  const urlFor = (href: string) => {
    if (!href || href.startsWith("/") || href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
    const [pathPart] = href.split(/[?#]/);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      return undefined;
    }
    return fileUrlBySource.get(path.resolve(path.dirname(source), decoded));
  };
  let line = 0;
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.map) line = token.map[0];
      const attribute = token.type === "image" ? "src" : token.type === "link_open" ? "href" : undefined;
      const href = attribute && token.attrGet(attribute);
      const url = href ? urlFor(href) : undefined;
      if (href && url) {
        // The link's text as written: markdown-it gives it encoded, editors may have written it raw.
        for (let index = line; index < lines.length; index++) {
          const written = [href, safeDecodeUri(href)].find((form) => lines[index].includes(`](${form}`) || lines[index].includes(`]: ${form}`));
          if (!written) continue;
          lines[index] = lines[index].replace(`](${written}`, `](${url}`).replace(`]: ${written}`, `]: ${url}`);
          changed(`pointed the ${token.type === "image" ? "image" : "link"} ${href} at ${url}, where the file beside the page is published`);
          break;
        }
      }
      if (token.children) visit(token.children);
    }
  };
  visit(parser.parse(lines.join("\n"), {}));
  return text.slice(0, bodyStart) + lines.join("\n");
}
