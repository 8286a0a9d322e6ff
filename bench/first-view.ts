import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { load } from "cheerio";

/** What a reader's browser downloads to show one page the first time, gzipped as a server would send it. */
export interface FirstViewMeasurement {
  url: string;
  htmlGzipBytes: number;
  cssGzipBytes: number;
  jsGzipBytes: number;
  totalGzipBytes: number;
  /** Every file counted, by URL, with its gzipped size. */
  files: { url: string; type: "html" | "css" | "js"; gzipBytes: number }[];
  /** Fonts the page would fetch: @font-face sources in its CSS and font preloads in its HTML. */
  webFonts: string[];
  /** Scripts loaded only on demand (dynamic `import()`), not on first view. */
  loadedOnDemand: string[];
}

/** The first view of one page type's page (hub, content page, search…). */
export interface PageTypeFirstView extends FirstViewMeasurement {
  type: string;
}

// Static imports and re-exports, minified or not: `import{a}from"./x.js"`, `import "./y.js"`, `export * from "./z.js"`.
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;
const CSS_IMPORT = /@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g;
const FONT_FACE = /@font-face\s*{[^}]*}/g;
const CSS_URL = /url\(\s*["']?([^"')]+)["']?\s*\)/g;

const run = promisify(execFile);
const gzipSize = (bytes: Uint8Array) => gzipSync(bytes).length;

/**
 * Measures the first view of the page at `url` in a built site: its HTML, the stylesheets and
 * scripts it links, and the JavaScript modules those import, each gzipped.
 */
export async function measureFirstView(siteDir: string, url: string): Promise<FirstViewMeasurement> {
  const files: FirstViewMeasurement["files"] = [];
  const webFonts = new Set<string>();
  const loadedOnDemand = new Set<string>();
  const seen = new Set<string>();
  const fileFor = (resourceUrl: string) => {
    const pathname = decodeURIComponent(resourceUrl.split(/[?#]/)[0]);
    return path.join(siteDir, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
  };
  const isLocal = (href: string) => !/^[a-z][a-z\d+.-]*:|^\/\//i.test(href);

  const html = await readFile(fileFor(url));
  files.push({ url, type: "html", gzipBytes: gzipSize(html) });
  const $ = load(html.toString("utf8"));
  const resolve = (href: string, base: string) => new URL(href, `http://site${base}`).pathname;

  /** Counts one stylesheet or script and follows what it loads in turn. */
  const add = async (type: "css" | "js", resourceUrl: string) => {
    if (seen.has(resourceUrl)) return;
    seen.add(resourceUrl);
    const bytes = await readFile(fileFor(resourceUrl));
    files.push({ url: resourceUrl, type, gzipBytes: gzipSize(bytes) });
    const text = bytes.toString("utf8");
    const local = (pattern: RegExp) =>
      [...text.matchAll(pattern)]
        .map((match) => match[1])
        .filter(isLocal)
        .map((href) => resolve(href, resourceUrl));
    if (type === "css") {
      for (const fontFace of text.match(FONT_FACE) ?? [])
        for (const [, src] of fontFace.matchAll(CSS_URL)) webFonts.add(resolve(src, resourceUrl));
      for (const imported of local(CSS_IMPORT)) await add("css", imported);
    } else {
      for (const imported of local(STATIC_IMPORT)) await add("js", imported);
      for (const imported of local(DYNAMIC_IMPORT)) loadedOnDemand.add(imported);
    }
  };

  for (const link of $('link[rel~="stylesheet"][href]').toArray()) {
    const href = $(link).attr("href")!;
    if (isLocal(href)) await add("css", resolve(href, url));
    else webFonts.add(`${href} (external stylesheet)`);
  }
  for (const link of $('link[rel~="preload"][as="font"][href]').toArray()) webFonts.add($(link).attr("href")!);
  for (const script of $("script[src], link[rel~=modulepreload][href]").toArray()) {
    const src = $(script).attr("src") ?? $(script).attr("href")!;
    if (isLocal(src)) await add("js", resolve(src, url));
  }

  const total = (type: string) =>
    files.filter((file) => file.type === type).reduce((sum, file) => sum + file.gzipBytes, 0);
  return {
    url,
    htmlGzipBytes: total("html"),
    cssGzipBytes: total("css"),
    jsGzipBytes: total("js"),
    totalGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    files,
    webFonts: [...webFonts],
    loadedOnDemand: [...loadedOnDemand].filter((file) => !seen.has(file)),
  };
}

/** The pages the first view is weighed on: one that uses no components, and one that uses several that have scripts. */
export const FIRST_VIEW_PAGES = {
  plain: {
    url: "/plain/",
    file: "plain.md",
    source: [
      "---",
      "title: A page of text",
      "description: Words, links and lists, and nothing with a script of its own.",
      "---",
      "",
      "Most pages are text: paragraphs, a list and a link to [another page](/components/).",
      "",
      "## What to do",
      "",
      "- Read the guidance.",
      "- Ask your team.",
      "",
    ].join("\n"),
  },
  components: {
    url: "/components/",
    file: "components.md",
    source: [
      "---",
      "title: A page of components",
      "description: An accordion, tabs, details and a code block on one page.",
      "---",
      "",
      "## Steps",
      "",
      ":::: accordion",
      "::: section Plan",
      "Decide what to build first.",
      ":::",
      "::: section Build",
      "Build the smallest thing that works.",
      ":::",
      "::::",
      "",
      ":::: tabs",
      "::: tab Past day",
      "Three new pages.",
      ":::",
      "::: tab Past week",
      "Twelve new pages.",
      ":::",
      "::::",
      "",
      "::: details What it costs",
      "Nothing to start with.",
      ":::",
      "",
      "```js",
      'const answer = document.querySelector("#answer");',
      "answer.hidden = false;",
      "```",
      "",
    ].join("\n"),
  },
} as const;

/**
 * Builds the first-view pages (FIRST_VIEW_PAGES) into `workDir` with the project's build script, and
 * weighs each: what a first visit to a plain page and to one with components downloads.
 */
export async function measureFirstViewPages(
  projectRoot: string,
  workDir: string,
): Promise<Record<keyof typeof FIRST_VIEW_PAGES, FirstViewMeasurement>> {
  const contentDir = path.join(workDir, "first-view", "content");
  const outputDir = path.join(workDir, "first-view", "_site");
  await mkdir(path.join(contentDir, "_data"), { recursive: true });
  for (const data of ["site.json", "navigation.json"])
    await copyFile(path.join(projectRoot, "content", "_data", data), path.join(contentDir, "_data", data));
  await writeFile(path.join(contentDir, "index.md"), "---\ntitle: Home\n---\n\nThe home page.\n");
  for (const page of Object.values(FIRST_VIEW_PAGES)) await writeFile(path.join(contentDir, page.file), page.source);
  await run(process.execPath, ["scripts/run.mjs", "build"], {
    cwd: projectRoot,
    env: { ...withoutPrefix(process.env), CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir },
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    plain: await measureFirstView(outputDir, FIRST_VIEW_PAGES.plain.url),
    components: await measureFirstView(outputDir, FIRST_VIEW_PAGES.components.url),
  };
}

/** The environment without a path prefix: the pages are weighed at the site's root, as the URLs above are. */
function withoutPrefix(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { PATH_PREFIX: _prefix, ...rest } = env;
  return rest;
}
