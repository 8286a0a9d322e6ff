import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import type MarkdownIt from "markdown-it";
import {
  DAY_MS,
  dueForPruning,
  hashOfFile,
  linkAtomically,
  linkOrCopy,
  removeOldFiles,
  writeAtomically,
  writeAtomicallySync,
} from "../cache-files.ts";
import type { KeptParsedPages, ParsedPageEntry, SourcePage } from "../content/load-content.ts";
import type { BodyReadings, KeptBodyReadings } from "../gates/source-links.ts";
import type { MarkdownEnv } from "../markdown/govuk-markdown.ts";
import type { PageView } from "../model/site-model.ts";
import type { Settings } from "../settings.ts";
import type { UsedStyles } from "../eleventy/used-components.ts";

/**
 * What a build keeps for the next one (README, Performance): each page's rendered Markdown, each page's
 * finished HTML and each search bundle, every entry named by a hash of everything it was made from. An
 * entry is only ever used for the same inputs, so a build that uses them writes what a build without them
 * would; anything not found is made and kept. Nothing here is needed: a cache that cannot be read or
 * written costs time, never a wrong page.
 */
export interface BuildCache {
  dir: string;
  /** The hash of the code, templates, scripts, installed packages and site data every page is made with. */
  fingerprint: string;
  /** `markdown` with each render remembered between builds. */
  rememberMarkdown(markdown: MarkdownIt): MarkdownIt;
  /** The key of a page's finished HTML: its whole view, the fingerprint and the settings the renderer reads. */
  pageKey(view: PageView): string;
  /** The key of a site file (the A to Z, the sitemap): its template and the data the template is given, and the fingerprint. */
  siteFileKey(file: { template: string; data: unknown }): string;
  /**
   * Puts each page's kept HTML at its file (a new folder's, nothing there yet; `folders` are there
   * already); resolves with what each page's stylesheet and script were, in order, or undefined for a
   * page with none kept.
   */
  restorePages(
    pages: { key: string; file: string }[],
    folders?: ReadonlySet<string>,
  ): Promise<(KeptPage | undefined)[]>;
  /** Keeps the page whose finished HTML is `htmlFile`, in the background (see `settled`): the file must stay until then. */
  keepPage(key: string, htmlFile: string, kept: KeptPage, scriptCode: string | undefined): void;
  /**
   * The files restorePages linked into `dir` whose size or time has changed since: written in place
   * through the output (a dev server on the same folder) while the build ran, and so through the cache
   * entry too. Forgets what it linked, for the next build.
   */
  changedSinceRestored(dir: string): Promise<string[]>;
  /** Copies a kept page script into the output's script folder. */
  restoreScript(fileName: string, jsDir: string): Promise<boolean>;
  /** The folder a search bundle made from these documents was kept in, or undefined. */
  searchBundle(key: string): Promise<string | undefined>;
  keepSearchBundle(key: string, bundleDir: string): Promise<void>;
  /** Puts the bundle kept in `folder` (from `searchBundle`) at `to`; fails unless each file is as it was kept. */
  restoreSearchBundle(folder: string, to: string): Promise<void>;
  /** Removes old entries, so the folder does not grow without end. */
  prune(): Promise<void>;
  /** Settles once every entry kept so far is on disk: kept entries are written beside the build, not in its way. */
  settled(): Promise<void>;
  /**
   * Writes down what each page restored or kept since the cache was opened needs (PAGE_MANIFEST), so the
   * next build reads one file for them where it read one for each page. Call once every entry is settled.
   */
  writeManifest(): Promise<void>;
  /**
   * The pages the last build parsed (PARSED_PAGES), each by a key of its bytes, its folders' defaults and
   * the fingerprint; `write` replaces the file with the pages this build kept.
   */
  parsedPages(): Promise<KeptParsedPages & { write(): Promise<void> }>;
  /** What the dev server's check read of pages' bodies (BODY_READINGS); `write` as parsedPages'. */
  bodyReadings(): Promise<KeptBodyReadings & { write(): Promise<void> }>;
}

/** What a kept page needs besides its HTML. */
export interface KeptPage {
  styles: UsedStyles;
  /** The file name of its script in assets/js/, if it has one. */
  script?: string;
}

/** A kept page's entry: what it needs, and its HTML file's size and time as kept (see `linkKept`). */
interface PageEntry extends KeptPage {
  html?: FileStamp;
}

/** A kept file's size and modification time, as it was kept. */
type FileStamp = { size: number; mtimeMs: number };

/** Whether the file is as its stamp says it was: any write changes one or the other. */
const asStamped = (found: FileStamp | undefined, kept: FileStamp) =>
  found !== undefined && found.size === kept.size && found.mtimeMs === kept.mtimeMs;

/**
 * Puts a kept file at `file` as a hard link, a second name for it, which takes one system call where a
 * copy reads and writes the file: a rebuild restores thousands. Entries are kept as links to the files
 * the build wrote, too. So the output shares each entry's storage, and an entry changed through the
 * output (the dev server writes pages where they are) would be wrong for its key: one is used only while
 * its size and time are what they were when it was kept. False when it is not. Copies where a link
 * cannot be made (a cache on another disk).
 */
async function linkKept(from: string, file: string, kept: FileStamp | undefined): Promise<boolean> {
  const found = await stat(from).catch(() => undefined);
  if (!kept || !asStamped(found, kept)) return false;
  await linkOrCopy(from, file);
  return true;
}

/** Makes every folder the files are in but those that are there already, parents before children, each with one call. */
async function makeFoldersOf(files: string[], existing: ReadonlySet<string> = new Set()): Promise<void> {
  const folders = new Set<string>();
  for (const file of files)
    for (
      let folder = path.dirname(file);
      !folders.has(folder) && !existing.has(folder);
      folder = path.dirname(folder)
    ) {
      folders.add(folder);
      if (path.dirname(folder) === folder) break;
    }
  const byDepth = new Map<number, string[]>();
  for (const folder of folders) {
    const depth = folder.split(path.sep).length;
    byDepth.set(depth, [...(byDepth.get(depth) ?? []), folder]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b))
    await Promise.all(
      byDepth.get(depth)!.map((folder) =>
        mkdir(folder).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "EEXIST") throw error;
        }),
      ),
    );
}

const hash = (...parts: (string | Buffer)[]) => {
  const digest = createHash("sha256");
  for (const part of parts) digest.update(part).update("\0");
  return digest.digest("hex");
};

/**
 * Entries are removed this long after they were made, used or not: a page then renders once more. Marking
 * each entry as used would cost every build a write per page.
 */
const KEPT_FOR_MS = 14 * DAY_MS;

/** The folders whose files decide how any page is rendered, relative to the project root. */
const RENDERER_FOLDERS = ["layouts", "assets/js", "assets/scss"];

/**
 * The code that renders, read where it runs from rather than in the project root: a project that borrows
 * another's layouts (a clone in a test) still builds with this code, and must not take renders or styles
 * an older version of it kept.
 */
const RENDERER_CODE = path.resolve(import.meta.dirname, "..");

/** Every file under `dir`, sorted; none when it does not exist, unless `mustExist`. */
async function filesUnder(dir: string, { mustExist = false } = {}): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error) => {
    if (mustExist) throw error;
    return [];
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The versions of the installed packages the renderer uses, by the lock file (or each package's own version). */
async function installedPackages(projectRoot: string): Promise<string> {
  const lock = await hashOfFile(path.join(projectRoot, "package-lock.json")).catch(() => undefined);
  if (lock !== undefined) return `package-lock.json ${lock}`;
  const require = createRequire(path.join(projectRoot, "package.json"));
  return ["@11ty/eleventy", "govuk-frontend", "markdown-it", "nunjucks", "pagefind", "esbuild", "sass"]
    .map((name) => {
      try {
        return `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;
      } catch {
        return `${name}@none`;
      }
    })
    .join("\n");
}

async function fingerprintOf(projectRoot: string, contentDir: string, settings: Settings): Promise<string> {
  const files = [
    ...(await filesUnder(RENDERER_CODE)),
    ...(await Promise.all(RENDERER_FOLDERS.map((folder) => filesUnder(path.join(projectRoot, folder))))).flat(),
    // Site data and navigation reach every page.
    ...(await filesUnder(path.join(contentDir, "_data"))),
  ];
  const digest = createHash("sha256");
  digest.update(await installedPackages(projectRoot));
  // The settings a page's HTML or its search entry can read; where the site is written to is not one.
  digest.update(
    JSON.stringify({
      pathPrefix: settings.pathPrefix,
      today: settings.today,
      includeDrafts: settings.includeDrafts,
      searchBundlePages: settings.searchBundlePages,
      publishingRun: settings.publishingRun ?? null,
      contentDir: path.relative(projectRoot, contentDir),
      node: process.versions.node,
    }),
  );
  const hashes = await Promise.all(files.map(hashOfFile));
  files.forEach((file, index) => digest.update(`${path.relative(projectRoot, file)}\0${hashes[index]}\n`));
  return digest.digest("hex");
}

/** A kept render: its HTML, what it reported through the env, and each wiki link it asked about with the answer. */
interface KeptRender {
  html: string;
  outputs: [string, unknown[]][];
  links: [link: unknown, answer: string][];
}

/**
 * Cache entries written at once; more only take turns on the disk. As many as Node has threads for file
 * system calls: more would only queue ahead of the build's own reads and writes, which then wait for them.
 */
const WRITES_AT_ONCE = 4;

/**
 * Rendered Markdown held for the writes at most, in characters. A site's bodies are all rendered before
 * the event loop turns, so the writes wait for the model to be built: a few hundred pages (about 270 of
 * the benchmark's) are all written in the background, after it, where writing each at once cost a small
 * site's first build a fifth of its time; past that they are written at once, so a large site's bodies
 * are neither held in memory nor all left to compete with Eleventy's own writes for the disk.
 */
const HELD_AT_MOST = 4 * 1024 * 1024;

/** Writes run in the background, a few at a time, so keeping a page never holds up building the next. */
function backgroundWrites(): {
  add(write: () => Promise<void>, size?: number): void;
  held(): number;
  settled(): Promise<void>;
} {
  const waiting: ({ write: () => Promise<void>; size: number } | undefined)[] = [];
  let nextIndex = 0;
  let running = 0;
  let held = 0;
  const whenIdle: (() => void)[] = [];
  const pump = () => {
    while (running < WRITES_AT_ONCE && nextIndex < waiting.length) {
      const { write, size } = waiting[nextIndex]!;
      // Not held once started: what it writes is let go as soon as it is written.
      waiting[nextIndex++] = undefined;
      running++;
      write()
        // Kept next time, if the disk lets it.
        .catch(() => {})
        .finally(() => {
          running--;
          held -= size;
          pump();
        });
    }
    if (running === 0 && nextIndex === waiting.length) {
      waiting.length = nextIndex = 0;
      for (const resolve of whenIdle.splice(0)) resolve();
    }
  };
  return {
    add(write, size = 0) {
      waiting.push({ write, size });
      held += size;
      pump();
    },
    held: () => held,
    settled() {
      if (running === 0 && nextIndex === waiting.length) return Promise.resolve();
      return new Promise((resolve) => whenIdle.push(resolve));
    },
  };
}

/** The cache folder the settings name (Settings.buildCacheDir), or none when they turn it off. */
export async function openBuildCache(
  settings: Settings,
  projectRoot: string,
  contentDir: string,
): Promise<BuildCache | undefined> {
  if (settings.buildCacheDir === false) return undefined;
  const dir = path.resolve(projectRoot, settings.buildCacheDir);
  const fingerprint = await fingerprintOf(projectRoot, contentDir, settings);
  const entryFolder = (key: string) => key.slice(0, 2);
  const entry = (kind: string, key: string, extension: string) =>
    path.join(dir, kind, entryFolder(key), `${key}${extension}`);
  // The folders of each kind of entry, read once for this cache (at once: a page's Markdown renders
  // synchronously) and added to as entries are kept.
  const folders = new Map<string, Set<string>>();
  const keptFolders = (kind: "markdown" | "pages") => {
    let kept = folders.get(kind);
    if (!kept) {
      try {
        kept = new Set(readdirSync(path.join(dir, kind)));
      } catch {
        kept = new Set();
      }
      folders.set(kind, kept);
    }
    return kept;
  };
  const writes = backgroundWrites();
  const manifestFile = path.join(dir, PAGE_MANIFEST);
  let lastManifest: Promise<Record<string, PageEntry>> | undefined;
  const thisBuild = new Map<string, PageEntry>();
  const restoredFiles = new Map<string, FileStamp>();

  return {
    dir,
    fingerprint,

    rememberMarkdown(markdown) {
      const render = (body: string, env: MarkdownEnv = {}) => {
        const key = hash(fingerprint, body, env.pageTitle ?? "", JSON.stringify(env.settings ?? null));
        const file = entry("markdown", key, ".json");
        let kept: KeptRender | undefined;
        // A first build would otherwise fail a read for every page: its entries' folders are not there.
        if (keptFolders("markdown").has(entryFolder(key)))
          try {
            kept = JSON.parse(readFileSync(file, "utf8")) as KeptRender;
          } catch {
            kept = undefined;
          }
        // The same body renders the same only where every wiki link it has still leads where it did.
        const resolve = env.resolveWikiLink;
        if (kept && kept.links.every(([link, answer]) => JSON.stringify(resolve?.(link as never) ?? null) === answer)) {
          const record = env as Record<string, unknown>;
          for (const [name, values] of kept.outputs) {
            if (Array.isArray(record[name])) (record[name] as unknown[]).push(...values);
            else record[name] = [...values];
          }
          return kept.html;
        }
        const links: KeptRender["links"] = [];
        const recording: MarkdownEnv = resolve
          ? {
              ...env,
              resolveWikiLink: (link) => {
                const answer = resolve(link);
                links.push([link, JSON.stringify(answer ?? null)]);
                return answer;
              },
            }
          : env;
        const html = markdown.render(body, recording);
        // Arrays the render filled were shared with the caller's env; anything it set anew is copied back.
        for (const [name, value] of Object.entries(recording))
          if (name !== "resolveWikiLink") (env as Record<string, unknown>)[name] = value;
        const outputs = Object.entries(recording)
          .filter((pair): pair is [string, unknown[]] => Array.isArray(pair[1]))
          .map(([name, values]) => [name, [...values]] as [string, unknown[]]);
        const text = JSON.stringify({ html, outputs, links } satisfies KeptRender);
        keptFolders("markdown").add(entryFolder(key));
        // Written in the background while little is held for it; beyond that, now.
        if (writes.held() + text.length <= HELD_AT_MOST) writes.add(() => writeAtomically(file, text), text.length);
        else {
          try {
            writeAtomicallySync(file, text);
          } catch {
            // Kept next time, if the disk lets it.
          }
        }
        return html;
      };
      return Object.assign(Object.create(markdown) as MarkdownIt, { render });
    },

    pageKey(view) {
      // The body apart: it is most of a view, and as JSON every quote in its HTML is escaped first.
      return hash(fingerprint, JSON.stringify({ ...view, bodyHtml: undefined }), view.bodyHtml);
    },

    siteFileKey({ template, data }) {
      return hash(fingerprint, "site file", template, JSON.stringify(data));
    },

    async restorePages(pages, existingFolders) {
      lastManifest ??= readFile(manifestFile, "utf8").then(
        (text) => JSON.parse(text) as Record<string, PageEntry>,
        () => ({}),
      );
      const listed = await lastManifest;
      const entries = await Promise.all(
        pages.map(async ({ key }) => {
          // A page never kept costs a failed read, and a first build has thousands: a folder of entries
          // that is not there is known at once.
          if (!keptFolders("pages").has(entryFolder(key))) return undefined;
          // What a key's entry says never changes: only its HTML can (see linkKept), and that is checked below.
          if (Object.hasOwn(listed, key)) return listed[key];
          try {
            return JSON.parse(await readFile(entry("pages", key, ".json"), "utf8")) as PageEntry;
          } catch {
            return undefined;
          }
        }),
      );
      const scripts = new Map<string, Promise<boolean>>();
      const scriptKept = (name: string) => {
        if (!scripts.has(name))
          scripts.set(
            name,
            stat(path.join(dir, "scripts", name)).then(
              () => true,
              () => false,
            ),
          );
        return scripts.get(name)!;
      };
      await makeFoldersOf(
        pages.filter((_, index) => entries[index]).map(({ file }) => file),
        existingFolders,
      );
      return Promise.all(
        pages.map(async ({ key, file }, index) => {
          const found = entries[index];
          if (!found) return undefined;
          const { html, ...kept } = found;
          try {
            if (kept.script && !(await scriptKept(kept.script))) return undefined;
            if (!(await linkKept(entry("pages", key, ".html"), file, html))) return undefined;
            thisBuild.set(key, found);
            if (html) restoredFiles.set(file, html);
            return kept;
          } catch {
            return undefined;
          }
        }),
      );
    },

    keepPage(key, htmlFile, kept, scriptCode) {
      // Linked to the file rather than kept as a string, so a large site's HTML is not held in memory
      // until the last page is written.
      writes.add(async () => {
        if (kept.script && scriptCode !== undefined) {
          const script = path.join(dir, "scripts", kept.script);
          if (!(await stat(script).catch(() => undefined))) await writeAtomically(script, scriptCode);
        }
        const html = entry("pages", key, ".html");
        await linkAtomically(htmlFile, html);
        const { size, mtimeMs } = await stat(html);
        const pageEntry: PageEntry = { ...kept, html: { size, mtimeMs } };
        // Last, so an entry is found only once its HTML and script are there.
        await writeAtomically(entry("pages", key, ".json"), JSON.stringify(pageEntry));
        thisBuild.set(key, pageEntry);
        keptFolders("pages").add(entryFolder(key));
      });
    },

    settled: () => writes.settled(),

    async changedSinceRestored(dir) {
      const inDir = [...restoredFiles].filter(([file]) => file.startsWith(`${path.resolve(dir)}${path.sep}`));
      restoredFiles.clear();
      const changed = await Promise.all(
        inDir.map(async ([file, kept]) => {
          const now = await stat(file).catch(() => undefined);
          return asStamped(now, kept) ? [] : [file];
        }),
      );
      return changed.flat();
    },

    async writeManifest() {
      await writeAtomically(manifestFile, JSON.stringify(Object.fromEntries(thisBuild)));
    },

    async parsedPages() {
      const kept = await keptInOneFile<ParsedPageEntry>(path.join(dir, PARSED_PAGES));
      return {
        keyOf: (page, url, bytes, defaults) =>
          hash(
            fingerprint,
            "parsed page",
            page,
            url,
            createHash("sha256").update(bytes).digest("hex"),
            JSON.stringify(defaults.data),
            JSON.stringify([...defaults.origin].map(([field, origin]) => [field, origin.file])),
          ),
        ...kept,
      };
    },

    async bodyReadings() {
      const kept = await keptInOneFile<BodyReadings>(path.join(dir, BODY_READINGS));
      const keyOf = (page: SourcePage) => hash(fingerprint, "body readings", page.body, String(page.bodyLine));
      return {
        find: (page) => kept.find(keyOf(page)),
        keep: (page, readings) => kept.keep(keyOf(page), readings),
        write: kept.write,
      };
    },

    async restoreScript(fileName, jsDir) {
      try {
        await mkdir(jsDir, { recursive: true });
        await copyFile(path.join(dir, "scripts", fileName), path.join(jsDir, fileName));
        return true;
      } catch {
        return false;
      }
    },

    async searchBundle(key) {
      const folder = path.join(dir, "search", key);
      const done = await stat(path.join(folder, COMPLETE_MARK)).catch(() => undefined);
      if (!done) return undefined;
      return folder;
    },

    async keepSearchBundle(key, bundleDir) {
      const folder = path.join(dir, "search", key);
      const partial = `${folder}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      try {
        const stamps = await linkFolder(bundleDir, partial);
        await writeFile(path.join(partial, COMPLETE_MARK), JSON.stringify(stamps));
        await rm(folder, { recursive: true, force: true });
        await rename(partial, folder);
      } catch {
        await rm(partial, { recursive: true, force: true }).catch(() => {});
      }
    },

    async restoreSearchBundle(folder, to) {
      const expected = JSON.parse(await readFile(path.join(folder, COMPLETE_MARK), "utf8")) as Record<
        string,
        FileStamp
      >;
      await linkFolder(folder, to, expected);
    },

    async prune() {
      if (!(await dueForPruning(dir))) return;
      // What a build stopped while writing its manifest left beside it.
      await removeOldFiles(dir, DAY_MS, (name) =>
        [PAGE_MANIFEST, PARSED_PAGES, BODY_READINGS].some((kept) => name.startsWith(`${kept}.`)),
      );
      const olderThan = async (file: string, ms: number) =>
        ((await stat(file).catch(() => undefined))?.mtimeMs ?? 0) < Date.now() - ms;
      for (const kind of ["markdown", "pages"]) {
        const files = await filesUnder(path.join(dir, kind));
        const entries = new Set(files.filter((file) => file.endsWith(".json")));
        for (const file of files) {
          if (file.endsWith(".json")) {
            if (!(await olderThan(file, KEPT_FOR_MS))) continue;
            await rm(file, { force: true });
            if (kind === "pages") await rm(file.replace(/\.json$/, ".html"), { force: true });
            continue;
          }
          // Anything else but a page's HTML beside its entry is what a process stopped mid-write left: a
          // part-written file (named for its process, beside the entry's name), or a page's HTML whose entry
          // was never written. A day is long past any write.
          const withEntry = kind === "pages" && file.endsWith(".html") && entries.has(file.replace(/\.html$/, ".json"));
          if (!withEntry && (await olderThan(file, DAY_MS))) await rm(file, { force: true });
        }
      }
      const bundles = await readdir(path.join(dir, "search")).catch(() => [] as string[]);
      for (const name of bundles)
        if (await olderThan(path.join(dir, "search", name, ".complete"), KEPT_FOR_MS))
          await rm(path.join(dir, "search", name), { recursive: true, force: true });
    },
  };
}

/**
 * What every page of the last build needs besides its HTML, by key, in one file: each page's own entry
 * says the same, and is read for a key the file does not list.
 */
const PAGE_MANIFEST = "pages-manifest.json";

/**
 * Values kept in one file from one run to the next, by key: each serialised on its own when kept, so
 * nothing done to it afterwards changes what the next run gets. `find` keeps what it finds for the next
 * run too; `write` replaces the file with what this run kept, and lets go of both.
 */
async function keptInOneFile<T>(file: string): Promise<{
  find(key: string): T | undefined;
  keep(key: string, value: T): void;
  write(): Promise<void>;
}> {
  let earlier = new Map<string, Uint8Array>();
  try {
    const read = deserialize(await readFile(file)) as unknown;
    if (read instanceof Map) earlier = read as Map<string, Uint8Array>;
  } catch {
    // None yet, or written by another Node: nothing is found.
  }
  let kept = new Map<string, Uint8Array>();
  return {
    find(key) {
      const found = earlier.get(key);
      if (!found) return undefined;
      kept.set(key, found);
      return deserialize(found) as T;
    },
    keep: (key, value) => void kept.set(key, serialize(value)),
    async write() {
      const values = kept;
      earlier = kept = new Map();
      await writeAtomically(file, serialize(values)).catch(() => {});
    },
  };
}

/**
 * What the dev server's check read of each page's body (its links, headings, ids and images), by its
 * text and first line, in one file.
 */
const BODY_READINGS = "body-readings.v8";

/**
 * Every page the last build parsed and validated without a message, in one file (v8's serialisation keeps
 * the dates front matter holds): reading and validating 4,000 pages' front matter again took about 2.5 s.
 */
const PARSED_PAGES = "parsed-pages.v8";

/** The file in a kept search bundle's folder that marks it complete, and lists each file's FileStamp. */
const COMPLETE_MARK = ".complete";

/**
 * Links every file in `from` into `to` (see `linkKept`), keeping the folders between; resolves with the
 * stamp of each file put in `to`, by its path. With `expected`, fails unless the files and their stamps
 * are the ones it lists (and resolves with none). Fails if `from` is gone.
 */
async function linkFolder(
  from: string,
  to: string,
  expected?: Record<string, FileStamp>,
): Promise<Record<string, FileStamp>> {
  const relatives = (await filesUnder(from, { mustExist: true }))
    .map((file) => path.relative(from, file))
    .filter((file) => file !== COMPLETE_MARK);
  if (expected && (relatives.length !== Object.keys(expected).length || relatives.some((file) => !expected[file])))
    throw new Error(`${from} does not hold the files it was kept with`);
  await makeFoldersOf(relatives.map((relative) => path.join(to, relative)));
  const stamps: Record<string, FileStamp> = {};
  await Promise.all(
    relatives.map(async (relative) => {
      const source = path.join(from, relative);
      const file = path.join(to, relative);
      if (expected) {
        if (!(await linkKept(source, file, expected[relative])))
          throw new Error(`${source} has changed since it was kept`);
        return;
      }
      await linkOrCopy(source, file);
      // The stamp of what was written, which is the source itself only when it could be linked.
      const { size, mtimeMs } = await stat(file);
      stamps[relative] = { size, mtimeMs };
    }),
  );
  return stamps;
}

/** The key of a search bundle: what Pagefind is given (each document's place and text) and whether it is the first. */
export function searchBundleKey(
  fingerprint: string,
  isFirst: boolean,
  documents: Iterable<{ relativeFolder: string; html: string }>,
): string {
  const digest = createHash("sha256")
    .update(fingerprint)
    .update(isFirst ? "first" : "later");
  for (const document of documents)
    digest.update("\0").update(document.relativeFolder).update("\0").update(document.html);
  return digest.digest("hex");
}
