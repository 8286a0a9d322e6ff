import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type MarkdownIt from "markdown-it";
import type { Diagnostic } from "./content/diagnostics.ts";
import type { PageReuse } from "./content/load-content.ts";
import { createMarkdown, type MarkdownEnv } from "./markdown/govuk-markdown.ts";
import type { PageView, SiteModel } from "./site-model.ts";

/** What the dev server keeps between builds, handed to the loader so a save re-reads and re-renders only what changed. */
export interface BuildReuse {
  pages: PageReuse;
  markdown: MarkdownIt;
}

type Loader = (reuse: BuildReuse) => Promise<{ model: SiteModel; diagnostics: Diagnostic[] }>;

interface Remembered {
  title: string | undefined;
  html: string;
  /** The arrays the render filled in its env (notes, headings; callers pass them empty), to fill again on replay. */
  outputs: [string, unknown[]][];
}

/**
 * A Markdown renderer that remembers each body's HTML, and what the render reported through its env,
 * and replays them when the same body is rendered again under the same title. Valid only while
 * nothing else a render reads has changed (the pages wiki links resolve to): call forget() then.
 */
export function rememberingMarkdown(markdown: MarkdownIt): { markdown: MarkdownIt; forget(): void } {
  let remembered = new Map<string, Remembered[]>();
  const render = (body: string, env: MarkdownEnv = {}) => {
    const entries = remembered.get(body) ?? [];
    const hit = entries.find((entry) => entry.title === env.pageTitle);
    if (hit) {
      const record = env as Record<string, unknown>;
      for (const [key, values] of hit.outputs) {
        if (Array.isArray(record[key])) (record[key] as unknown[]).push(...values);
        else record[key] = [...values];
      }
      return hit.html;
    }
    const html = markdown.render(body, env);
    const outputs = Object.entries(env).filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1])).map(([key, values]) => [key, [...values]] as [string, unknown[]]);
    entries.push({ title: env.pageTitle, html, outputs });
    remembered.set(body, entries);
    return html;
  };
  return {
    markdown: Object.assign(Object.create(markdown) as MarkdownIt, { render }),
    forget: () => {
      remembered = new Map();
    },
  };
}

/**
 * Whether two views hold the same data. Views are plain data (strings, numbers, booleans, dates,
 * arrays and plain objects), so this is several times quicker than util.isDeepStrictEqual, which
 * the dev server would otherwise spend a tenth of a second on per save for 4,000 pages.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Map || a instanceof Set) return isDeepStrictEqual(a, b);
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * The URLs of pages whose view differs between two models, or "all" when something every layout
 * reads (the site settings, the main navigation) changed.
 */
export function changedPages(previous: SiteModel, next: SiteModel): Set<string> | "all" {
  const { pages: _pages, byUrl: _byUrl, ...sharedNext } = next;
  const { pages: _previousPages, byUrl: _previousByUrl, ...sharedPrevious } = previous;
  if (!sameData(sharedNext, sharedPrevious)) return "all";
  const changed = new Set<string>();
  for (const page of next.pages) {
    if (!sameData(page, previous.byUrl.get(page.url))) changed.add(page.url);
  }
  return changed;
}

/** Whether a changed file is a page: a .md file in the content folder outside `_` and dot folders, as listContentFiles reads them. */
function isPageFile(contentDir: string, file: string): boolean {
  const relative = path.relative(contentDir, file);
  return file.endsWith(".md") && !relative.startsWith("..") && !path.isAbsolute(relative) && !relative.split(path.sep).some((part) => part.startsWith("_") || part.startsWith("."));
}

/**
 * The dev server's site model. The first build reads everything. After a save that changed only
 * existing pages, it re-reads just those files, reuses every other page's rendered Markdown, and
 * re-renders only the pages whose view changed: a body edit re-renders one page, a new title also
 * its neighbours' navigation. Anything else (site data, folder defaults, layouts, added or removed
 * pages, an edited title or alias that wiki links may name) re-renders the Markdown of every page.
 */
export function createDevSiteModel(contentDir: string, load: Loader) {
  const pages: PageReuse = { parsed: new Map() };
  const { markdown, forget } = rememberingMarkdown(createMarkdown());
  let pending: Set<string> | undefined;
  let everythingChanged = true;
  let previous: SiteModel | undefined;
  /** The pages the latest load asked for; undefined means all. Kept until a build renders them. */
  let toRender: Set<string> | undefined;
  let rendered = true;

  const frontMatterOf = (file: string) => pages.parsed.get(file)?.page?.frontMatter;

  return {
    /** Records the files a save changed (Eleventy's eleventy.beforeWatch), for the next load. */
    noteChanges(files: string[]): void {
      const absolute = files.map((file) => path.resolve(file));
      if (absolute.some((file) => !isPageFile(contentDir, file) || !pages.parsed.has(file))) everythingChanged = true;
      pending = new Set([...(pending ?? []), ...absolute]);
    },

    /** Loads the model for this build, reusing what the changes allow. */
    async load(): Promise<{ model: SiteModel; diagnostics: Diagnostic[] }> {
      const changed = everythingChanged ? undefined : (pending ?? new Set<string>());
      const before = new Map([...(changed ?? [])].map((file) => [file, frontMatterOf(file)]));
      pending = undefined;
      everythingChanged = false;
      if (!changed) forget();
      let loaded: Awaited<ReturnType<Loader>>;
      try {
        loaded = await load({ pages: { ...pages, changed }, markdown });
        // Front matter can rename what wiki links on other pages resolve to, so their remembered HTML may be stale.
        if (changed && [...before].some(([file, frontMatter]) => !frontMatter || !isDeepStrictEqual(frontMatter, frontMatterOf(file)))) {
          forget();
          loaded = await load({ pages: { ...pages, changed: new Set() }, markdown });
        }
      } catch (error) {
        // The next save starts again from what is on disk.
        everythingChanged = true;
        throw error;
      }
      const changes = changed && previous ? changedPages(previous, loaded.model) : "all";
      // A build that failed after the last load never wrote its pages: they are still to render.
      const owed = rendered ? new Set<string>() : toRender;
      toRender = changes === "all" || !owed ? undefined : new Set([...owed, ...changes]);
      rendered = false;
      previous = loaded.model;
      return loaded;
    },

    /** Records that a build wrote the pages the last load asked for (Eleventy's eleventy.after). */
    buildFinished(): void {
      rendered = true;
    },

    /** The pages this build must render: every page unless the last load found only some changed. */
    pagesToRender(all: PageView[]): PageView[] {
      return toRender ? all.filter((page) => toRender!.has(page.url)) : all;
    },
  };
}
