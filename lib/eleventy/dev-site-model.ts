import type { EventEmitter } from "node:events";
import { readdir, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { isLeftOutName } from "../content/left-out-names.ts";
import { isDeepStrictEqual } from "node:util";
import type MarkdownIt from "markdown-it";
import { ContentError, formatDiagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { urlForFile, type PageReuse } from "../content/load-content.ts";
import { createMarkdown, type MarkdownEnv } from "../markdown/govuk-markdown.ts";
import { SiteData } from "../content/site-data.ts";
import { generatedView, isSiteFileUrl, type GeneratedPageView } from "../model/generated-pages.ts";
import { buildSiteModel, type PageView, type SiteModel } from "../model/site-model.ts";
import type { LayoutName } from "../schema/front-matter.ts";
import { sourceDiagnostics, type KeptBodyReadings } from "../gates/source-links.ts";
import type { BuildCache } from "../build/build-cache.ts";

/** What the dev server keeps between builds, handed to the loader so a save re-reads and re-renders only what changed. */
export interface BuildReuse {
  pages: PageReuse;
  markdown: MarkdownIt;
}

/** Loads the model of the pages that have no errors, with every diagnostic, errors included (collectSiteModel). */
type Loader = (reuse: BuildReuse) => Promise<{ model: SiteModel; diagnostics: Diagnostic[] }>;

/**
 * What the dev server shows at a URL whose page cannot be built, until it can: the problems, each
 * written as the console prints it (file:line: severity: field: message).
 */
export interface DevErrorView extends GeneratedPageView {
  layout: "site-files/dev-error";
  problems: string[];
  /** Whether the problems are in a file every page reads (site data, navigation, folder defaults) rather than the page's own. */
  siteWide: boolean;
}

/**
 * A page drawn by the dev server with what `npm run check` and the load found in its file, in a panel at the
 * top of its content: the page's own layout, extended by site-files/dev-findings. Only the dev server makes these.
 */
export interface DevFindingsView extends Omit<PageView, "layout"> {
  layout: "site-files/dev-findings";
  /** The layout the page is drawn with, which the panel's template extends. */
  pageLayout: LayoutName;
  /** Each finding as the console prints it (file:line: severity: field: message), errors first. */
  findings: string[];
  /** How many of them are errors. */
  findingErrors: number;
}

/**
 * What the check and the load found in each published page's own file, by URL, each as the console prints it.
 * The check never stops the dev server: when it fails, the pages show nothing and the console says why.
 */
export async function pageFindingsByUrl(
  model: SiteModel,
  diagnostics: Diagnostic[],
  pages: PageReuse,
  contentDir: string,
  projectRoot: string,
  kept?: KeptBodyReadings,
): Promise<{ byUrl: Map<string, string[]>; found: Diagnostic[] }> {
  let found: Diagnostic[] = [];
  try {
    const sources = [...pages.parsed.values()].flatMap((result) => (result.page ? [result.page] : []));
    // The load left in `parsed` exactly the page files it found.
    found = await sourceDiagnostics(model, sources, contentDir, projectRoot, [...pages.parsed.keys()].sort(), kept);
  } catch (error) {
    console.warn(`npm run check's findings are not shown on the pages: ${(error as Error)?.message ?? error}`);
  }
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of [...diagnostics, ...found]) {
    byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
  }
  const byUrl = new Map<string, string[]>();
  const rank = (diagnostic: Diagnostic) => (diagnostic.severity === "error" ? 0 : 1);
  for (const page of model.pages) {
    const own = byFile.get(page.file);
    if (own?.length)
      byUrl.set(
        page.url,
        [...own].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0)).map(formatDiagnostic),
      );
  }
  return { byUrl, found };
}

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
    const outputs = Object.entries(env)
      .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
      .map(([key, values]) => [key, [...values]] as [string, unknown[]]);
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
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Map || a instanceof Set) return isDeepStrictEqual(a, b);
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
      return false;
  }
  return true;
}

/**
 * The URLs of pages whose view differs between two models, or "all" when something every layout
 * reads (the site settings, the main navigation) changed. The site's own pages are drawn again on every build.
 */
export function changedPages(previous: SiteModel, next: SiteModel): Set<string> | "all" {
  const { pages: _pages, byUrl: _byUrl, generated: _generated, ...sharedNext } = next;
  const { pages: _previousPages, byUrl: _previousByUrl, generated: _previousGenerated, ...sharedPrevious } = previous;
  if (!sameData(sharedNext, sharedPrevious)) return "all";
  const changed = new Set<string>();
  for (const page of next.pages) {
    if (!sameData(page, previous.byUrl.get(page.url))) changed.add(page.url);
  }
  return changed;
}

/** Whether a changed file is a page: a .md file in the content folder outside public/ and the names left out, as the content scan reads them. */
function isPageFile(contentDir: string, file: string): boolean {
  const relative = path.relative(contentDir, file);
  const parts = relative.split(path.sep);
  // Files in public/ are published as they are, never as pages.
  return (
    file.endsWith(".md") &&
    !relative.startsWith("..") &&
    !path.isAbsolute(relative) &&
    parts[0] !== "public" &&
    !parts.some(isLeftOutName)
  );
}

/** Site settings to draw the error page with when site.json has never loaded. */
const FALLBACK_SITE = SiteData.parse({
  organisationName: "Service manual",
  serviceName: "Service manual",
  url: "http://localhost/",
});

const emptyModel = (): SiteModel => buildSiteModel([], FALLBACK_SITE, createMarkdown()).model;

/**
 * The error pages for a load's errors. An error in a page's own file replaces that page; any other
 * (site data, the navigation lists, folder defaults, a load that failed outright) replaces every page,
 * so the editor sees it wherever they are looking. Warnings alone replace nothing: the build publishes them.
 */
export function devErrorPages(
  model: SiteModel,
  diagnostics: Diagnostic[],
  options: { contentDir: string; projectRoot: string; pageFiles: Iterable<string>; failure?: string[] },
): DevErrorView[] {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (!errors.length && !options.failure) return [];
  const absolute = (diagnostic: Diagnostic) => path.resolve(options.projectRoot, diagnostic.file);
  const ownUrl = (diagnostic: Diagnostic) =>
    isPageFile(options.contentDir, absolute(diagnostic))
      ? urlForFile(options.contentDir, absolute(diagnostic))
      : undefined;
  // Another template writes these (a redirect, the site's own pages): an error page there would collide with it.
  // Redirects' paths are already in their one form (normaliseRedirectPath).
  const taken = new Set(model.redirects.map((redirect) => redirect.from));
  const usable = (url: string) => !taken.has(url) && !isSiteFileUrl(url);
  const view = (url: string, title: string, problems: string[], siteWide: boolean): DevErrorView => ({
    ...generatedView(model, {
      url,
      title,
      noindex: true,
      breadcrumbs: url === "/" ? [] : [{ text: "Home", href: "/" }],
    }),
    layout: "site-files/dev-error",
    problems,
    siteWide,
  });
  if (options.failure || errors.some((diagnostic) => !ownUrl(diagnostic))) {
    const problems = options.failure ?? errors.map(formatDiagnostic);
    const urls = new Set([
      "/",
      ...model.pages.map((page) => page.url),
      ...[...options.pageFiles].map((file) => urlForFile(options.contentDir, file)),
    ]);
    return [...urls]
      .filter(usable)
      .sort()
      .map((url) => view(url, "The site could not be built", problems, true));
  }
  const byUrl = new Map<string, Diagnostic[]>();
  for (const error of errors) byUrl.set(ownUrl(error)!, []);
  // Every line about the page's files, warnings included, in the order the console prints them.
  for (const diagnostic of diagnostics) {
    const url = ownUrl(diagnostic);
    if (url && byUrl.has(url)) byUrl.get(url)!.push(diagnostic);
  }
  return [...byUrl]
    .filter(([url]) => usable(url))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([url, lines]) => view(url, "This page could not be built", lines.map(formatDiagnostic), false));
}

/**
 * The dev server's site model. The first build reads everything. After a save that changed only
 * existing pages, it re-reads just those files, reuses every other page's rendered Markdown, and
 * re-renders only the pages whose view changed: a body edit re-renders one page, a new title also
 * its neighbours' navigation. Anything else (site data, folder defaults, layouts, added or removed
 * pages or folders, an edited title or alias that wiki links may name) re-renders the Markdown of every page.
 *
 * Errors never stop the other pages: the model holds the pages that have none, and each page with
 * errors is replaced by an error page listing them (devErrorPages). A load that fails outright keeps the
 * last good model and replaces every page. The one-off build still fails on any error (loadSiteModel).
 */
export function createDevSiteModel(
  contentDir: string,
  load: Loader,
  projectRoot = process.cwd(),
  options: {
    /**
     * The build cache (lib/build/build-cache.ts), read only by the first load: its entries are named by the
     * code and site data as they were when the server started, so later loads, after a save that may have
     * changed either, keep to the renders remembered in memory.
     */
    openBuildCache?: () => Promise<Pick<BuildCache, "rememberMarkdown" | "parsedPages" | "bodyReadings"> | undefined>;
  } = {},
) {
  const pages: PageReuse = { parsed: new Map() };
  const plainMarkdown = createMarkdown();
  let renderer: MarkdownIt = plainMarkdown;
  const { markdown, forget } = rememberingMarkdown(
    Object.assign(Object.create(plainMarkdown) as MarkdownIt, {
      render: (body: string, env?: MarkdownEnv) => renderer.render(body, env),
    }),
  );
  let firstLoad = true;
  let pending: Set<string> | undefined;
  let everythingChanged = true;
  let previous: SiteModel | undefined;
  /** The pages the latest load asked for; undefined means all. Kept until a build renders them. */
  let toRender: Set<string> | undefined;
  let rendered = true;
  let errorViews: DevErrorView[] = [];
  let findings = new Map<string, string[]>();

  const frontMatterOf = (file: string) => pages.parsed.get(file)?.page?.frontMatter;
  const replaced = () => new Set(errorViews.map((view) => view.url));

  return {
    /** Records the files a save changed, added or removed (Eleventy's eleventy.beforeWatch), for the next load. */
    noteChanges(files: string[]): void {
      const absolute = files.map((file) => path.resolve(file));
      if (absolute.some((file) => !isPageFile(contentDir, file) || !pages.parsed.has(file))) everythingChanged = true;
      pending = new Set([...(pending ?? []), ...absolute]);
    },

    /** Loads the model for this build, reusing what the changes allow. Never throws: errors become error pages. */
    async load(): Promise<{ model: SiteModel; diagnostics: Diagnostic[]; errorPages: DevErrorView[] }> {
      const changed = everythingChanged ? undefined : (pending ?? new Set<string>());
      const before = new Map([...(changed ?? [])].map((file) => [file, frontMatterOf(file)]));
      const changedFiles = [...(pending ?? [])];
      pending = undefined;
      everythingChanged = false;
      if (!changed) forget();
      let loaded: Awaited<ReturnType<Loader>>;
      // The pages the last build or server read, for the first load: later ones read only what was saved.
      let kept: Awaited<ReturnType<BuildCache["parsedPages"]>> | undefined;
      let keptReadings: Awaited<ReturnType<BuildCache["bodyReadings"]>> | undefined;
      if (firstLoad) {
        firstLoad = false;
        const cache = await options.openBuildCache?.().catch(() => undefined);
        if (cache) renderer = cache.rememberMarkdown(plainMarkdown);
        kept = await cache?.parsedPages().catch(() => undefined);
        keptReadings = await cache?.bodyReadings().catch(() => undefined);
      }
      try {
        try {
          loaded = await load({ pages: { ...pages, changed, kept }, markdown });
        } finally {
          await kept?.write();
        }
        // Front matter can rename what wiki links on other pages resolve to, so their remembered HTML may be stale.
        if (
          changed &&
          [...before].some(
            ([file, frontMatter]) => !frontMatter || !isDeepStrictEqual(frontMatter, frontMatterOf(file)),
          )
        ) {
          forget();
          loaded = await load({ pages: { ...pages, changed: new Set() }, markdown });
        }
      } catch (error) {
        // The next save starts again from what is on disk.
        everythingChanged = true;
        const failure =
          error instanceof ContentError
            ? error.diagnostics.filter((diagnostic) => diagnostic.severity === "error").map(formatDiagnostic)
            : [
                ...String((error as Error)?.message ?? error).split("\n"),
                ...(changedFiles.length
                  ? [
                      `(changed since the last build: ${changedFiles.map((file) => path.relative(projectRoot, file)).join(", ")})`,
                    ]
                  : []),
              ];
        const model = previous ?? emptyModel();
        errorViews = devErrorPages(model, [], { contentDir, projectRoot, pageFiles: pages.parsed.keys(), failure });
        findings = new Map();
        // Every page shows the error, so once it is fixed every page is drawn again.
        toRender = undefined;
        rendered = false;
        return { model, diagnostics: [], errorPages: errorViews };
      } finally {
        renderer = plainMarkdown;
      }
      const shownErrors = replaced();
      const wasSiteWide = errorViews.some((view) => view.siteWide);
      errorViews = devErrorPages(loaded.model, loaded.diagnostics, {
        contentDir,
        projectRoot,
        pageFiles: pages.parsed.keys(),
      });
      if (previous && errorViews.some((view) => view.siteWide)) {
        // Drawn with the last good site settings and listings: these were made from stand-ins or half a site.
        errorViews = devErrorPages(previous, loaded.diagnostics, {
          contentDir,
          projectRoot,
          pageFiles: pages.parsed.keys(),
        });
        everythingChanged = true;
        toRender = undefined;
        rendered = false;
        findings = new Map();
        return { model: previous, diagnostics: loaded.diagnostics, errorPages: errorViews };
      }
      const shownFindings = findings;
      const checked = await pageFindingsByUrl(
        loaded.model,
        loaded.diagnostics,
        pages,
        contentDir,
        projectRoot,
        keptReadings,
      );
      await keptReadings?.write();
      findings = checked.byUrl;
      const changes = changed && previous && !wasSiteWide ? changedPages(previous, loaded.model) : "all";
      // A page that showed its errors shows itself again, whether or not the fix changed its view.
      if (changes !== "all") for (const url of shownErrors) changes.add(url);
      // A page whose findings changed is drawn again with its panel, or without it once they are fixed.
      if (changes !== "all")
        for (const url of new Set([...shownFindings.keys(), ...findings.keys()]))
          if (!sameData(shownFindings.get(url), findings.get(url))) changes.add(url);
      // A build that failed after the last load never wrote its pages: they are still to render.
      const owed = rendered ? new Set<string>() : toRender;
      toRender = changes === "all" || !owed ? undefined : new Set([...owed, ...changes]);
      rendered = false;
      previous = loaded.model;
      // The console prints what the check found too, as `npm run check` would.
      const loadedLines = new Set(loaded.diagnostics.map(formatDiagnostic));
      const added = checked.found.filter((diagnostic) => !loadedLines.has(formatDiagnostic(diagnostic)));
      return { ...loaded, diagnostics: sortDiagnostics([...loaded.diagnostics, ...added]), errorPages: errorViews };
    },

    /** Whether the latest load asked for every page, as after a change to anything but a page's own file. */
    rendersEverything(): boolean {
      return toRender === undefined;
    },

    /** Records that a build wrote the pages the last load asked for (Eleventy's eleventy.after). */
    buildFinished(): void {
      rendered = true;
    },

    /**
     * The pages this build must render: every page unless the last load found only some changed,
     * less the pages replaced by error pages, and every error page.
     */
    pagesToRender(all: PageView[]): (PageView | DevErrorView)[] {
      const hidden = replaced();
      const changed = toRender ? all.filter((page) => toRender!.has(page.url)) : all;
      const drawn = changed
        .filter((page) => !hidden.has(page.url))
        .map((page) => {
          const found = findings.get(page.url);
          if (!found) return page;
          const view: DevFindingsView = {
            ...page,
            layout: "site-files/dev-findings",
            pageLayout: page.layout,
            findings: found,
            findingErrors: found.filter((line) => /^\S.*?: error: /.test(line)).length,
          };
          // Rendered as any page is, by its `layout`: the panel's template extends the page's own.
          return view as unknown as PageView;
        });
      return [...drawn, ...errorViews];
    },

    /** Every URL the dev server now serves a page at, rendered in this build or before: pages and error pages. */
    servedUrls(all: PageView[]): string[] {
      return [...new Set([...all.map((page) => page.url), ...errorViews.map((view) => view.url)])];
    },
  };
}

/**
 * Eleventy's watcher rebuilds when a watched file is added or changed, but on a deletion it only logs
 * "File deleted", and it ignores folders: a page deleted, or a folder of pages removed, would stay
 * published until a restart. Hands those events to Eleventy's own rebuild (what `watch()` returns).
 */
export function rebuildOnRemovals(watcher: EventEmitter | undefined, rebuild: (changedFile: string) => unknown): void {
  if (!watcher) throw new Error("rebuildOnRemovals needs Eleventy's watcher: call it after eleventy.watch()");
  for (const event of ["unlink", "unlinkDir", "addDir"]) watcher.on(event, (file: string) => rebuild(file));
}

/**
 * Deletes what the dev server wrote in an earlier build and no longer serves: Eleventy never removes
 * the output of a template (or a page of one) that has gone, so a deleted or moved page's old URL
 * would still be served. Folders left empty go too; nothing outside `outputDir` is touched.
 */
export async function removeStaleOutputs(outputDir: string, files: Iterable<string>): Promise<string[]> {
  const root = path.resolve(outputDir);
  const removed: string[] = [];
  for (const file of files) {
    const absolute = path.resolve(file);
    if (!absolute.startsWith(root + path.sep)) continue;
    await rm(absolute, { force: true });
    removed.push(absolute);
    for (let folder = path.dirname(absolute); folder.startsWith(root + path.sep); folder = path.dirname(folder)) {
      const left = await readdir(folder).catch(() => undefined);
      if (!left || left.length) break;
      await rmdir(folder).catch(() => {});
    }
  }
  return removed;
}
