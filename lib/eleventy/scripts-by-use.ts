import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomically } from "../cache-files.ts";
import { classNamesIn } from "./used-components.ts";

/**
 * The scripts a page starts: the GOV.UK Frontend components its HTML marks with `data-module`, and the
 * site's own scripts for what it has. A page is sent one script holding only these, made when the
 * site is built, as its stylesheet holds only the components the site uses.
 */
export interface UsedScripts {
  /** GOV.UK Frontend's classes (`Accordion`, `SkipLink`), in the order its initAll starts them. */
  govuk: string[];
  /** The site's own scripts, by name (`site-search`), in SITE_SCRIPTS' order. */
  site: string[];
}

const attributePatterns = new Map<string, RegExp>();

/**
 * Whether a start tag in the HTML has this attribute (escaped code examples have no `<` to start one).
 * Most pages do not name it anywhere, which a plain search says far sooner than the pattern does.
 */
const hasAttribute = (html: string, name: string) => {
  if (!html.toLowerCase().includes(name)) return false;
  let pattern = attributePatterns.get(name);
  if (!pattern) attributePatterns.set(name, (pattern = new RegExp(`<[a-z][^<>]*?\\s${name}(?=[\\s=/>])`, "i")));
  return pattern.test(html);
};

/** Each of the site's own scripts: its file in assets/js, the function that starts it and the pages that need it. */
const SITE_SCRIPTS: Record<
  string,
  { file: string; start: string; usedBy(html: string, classes: Set<string>): boolean }
> = {
  "site-search": {
    file: "site-search.js",
    start: "upgradeSearchForms",
    usedBy: (html) => hasAttribute(html, "data-app-site-search"),
  },
  // Every page can be reached from a search result, which asks in its address for the words to be marked.
  "search-highlight": {
    file: "search-highlight.js",
    start: "highlightSearchTerms",
    usedBy: (html) => /<main\b[^<>]*\sid=["']?main-content/i.test(html),
  },
  // In the search page's one script rather than a second of its own, which would send the header box's code twice.
  "search-page": {
    file: "search-page.js",
    start: "startSearchPage",
    usedBy: (html) => hasAttribute(html, "data-app-search-results"),
  },
  "pattern-finder": {
    file: "pattern-finder.js",
    start: "initPatternFinders",
    usedBy: (html) => hasAttribute(html, "data-pattern-finder"),
  },
  "tools-radar": {
    file: "tools-radar.js",
    start: "initToolsRadarFilter",
    usedBy: (html) => hasAttribute(html, "data-tools-radar-filter"),
  },
  "copy-code": {
    file: "copy-code.js",
    start: "initCopyCode",
    usedBy: (_html, classes) => classes.has("app-code-block"),
  },
};

const DATA_MODULE = /<[a-z][^<>]*?\sdata-module=["']?govuk-([a-z-]+)/gi;

const govukExports = new Map<string, string[]>();

/** The component classes GOV.UK Frontend exports, in its order, read from the installed package. */
function govukComponents(projectRoot: string): string[] {
  let names = govukExports.get(projectRoot);
  if (!names) {
    const all = readFileSync(path.join(projectRoot, "node_modules/govuk-frontend/dist/govuk/all.mjs"), "utf8");
    names = [...all.matchAll(/^export \{ (\w+) \} from '\.\/components\//gm)].map((match) => match[1]);
    govukExports.set(projectRoot, names);
  }
  return names;
}

/** `service-navigation` → `ServiceNavigation`, the name GOV.UK Frontend gives its class. */
const className = (module: string) => module.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The scripts this page's HTML needs. */
export function scriptsFor(html: string, projectRoot: string, classes = classNamesIn(html)): UsedScripts {
  const modules = new Set([...html.matchAll(DATA_MODULE)].map((match) => className(match[1].toLowerCase())));
  return {
    govuk: govukComponents(projectRoot).filter((name) => modules.has(name)),
    site: Object.keys(SITE_SCRIPTS).filter((name) => SITE_SCRIPTS[name].usedBy(html, classes)),
  };
}

/** The module that starts these scripts, for the bundler: its imports are all it will take in. */
export function entrySource(used: UsedScripts): string {
  const lines: string[] = [];
  if (used.govuk.length) lines.push(`import { createAll, ${used.govuk.join(", ")} } from "govuk-frontend";`);
  for (const name of used.site) {
    const { file, start } = SITE_SCRIPTS[name];
    lines.push(`import { ${start} } from "./assets/js/${file}";`);
  }
  for (const component of used.govuk) lines.push(`createAll(${component});`);
  for (const name of used.site) lines.push(`${SITE_SCRIPTS[name].start}();`);
  return `${lines.join("\n")}\n`;
}

/** A page's script: its file name in assets/js/ (named by its content, so a change is never cached) and its code. */
export interface PageScript {
  fileName: string;
  code: string;
}

const bundles = new Map<string, Promise<PageScript>>();

/** Page scripts being bundled now: esbuild's service is stopped once none is. */
let bundling = 0;

/**
 * Bundles kept between processes (node_modules/.cache/site-scripts), named by a hash of everything the
 * bundle is made from: the entry, the site's scripts, GOV.UK Frontend's and esbuild's versions.
 */
function bundleInputs(projectRoot: string): string {
  const digest = createHash("sha256");
  const scripts = path.join(projectRoot, "assets", "js");
  for (const name of readdirSync(scripts).sort()) {
    if (!name.endsWith(".js")) continue;
    digest.update(name).update(readFileSync(path.join(scripts, name)));
  }
  for (const pkg of ["govuk-frontend", "esbuild"])
    digest.update(readFileSync(path.join(projectRoot, "node_modules", pkg, "package.json")));
  return digest.digest("hex");
}

async function bundleOrReuse(used: UsedScripts, projectRoot: string): Promise<PageScript> {
  const contents = entrySource(used);
  let file: string | undefined;
  try {
    const key = createHash("sha256").update(bundleInputs(projectRoot)).update(contents).digest("hex");
    file = path.join(projectRoot, "node_modules", ".cache", "site-scripts", `${key}.json`);
    const kept = JSON.parse(await readFile(file, "utf8")) as PageScript;
    if (typeof kept.fileName === "string" && typeof kept.code === "string") return kept;
  } catch {
    // Not kept yet: bundled below.
  }
  // Loaded only when a bundle has to be made: most builds find every bundle kept.
  const { build, stop } = await import("esbuild");
  bundling++;
  let outputFiles;
  try {
    ({ outputFiles } = await build({
      stdin: { contents, resolveDir: projectRoot, sourcefile: "page-script.js" },
      absWorkingDir: projectRoot,
      bundle: true,
      format: "esm",
      minify: true,
      write: false,
      logLevel: "silent",
    }));
  } finally {
    // esbuild's service is a process of its own, about 80 MB, that would otherwise live as long as the
    // build: beside Pagefind's two indexers, at the peak of a large site's build. The next bundle starts it again.
    if (--bundling === 0) await stop();
  }
  const [output] = outputFiles;
  const hash = createHash("sha256").update(output.contents).digest("hex").slice(0, 10);
  const script = { fileName: `application-${hash}.js`, code: output.text };
  if (file) {
    // A cache that cannot be written costs the next build time, never this one.
    await writeAtomically(file, JSON.stringify(script)).catch(() => {});
  }
  return script;
}

/**
 * The one minified script that starts these, made once per set of scripts in a process. It sits in
 * assets/js/ beside the site's own scripts, which find the site's root from their own address.
 */
export function pageScript(used: UsedScripts, projectRoot: string): Promise<PageScript> {
  const key = `${projectRoot}\0${JSON.stringify(used)}`;
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = bundleOrReuse(used, projectRoot);
    bundles.set(key, bundle);
    // A failed bundle is made again on the next page that asks, rather than remembered.
    bundle.catch(() => bundles.delete(key));
  }
  return bundle;
}

/** Forgets the scripts made so far, when the dev server sees a script in assets/js change. */
export function forgetPageScripts(): void {
  bundles.clear();
}

// base.njk's one script tag, its address already under the path prefix: each page's own takes its place.
const PLACEHOLDER = /<script type="module" src="([^"]*\/)application\.js"><\/script>/;

/**
 * The page with base.njk's script swapped for the page's own, or left out when the page starts
 * nothing. Pages base.njk did not lay out are returned as they are.
 */
export async function withPageScript(
  html: string,
  projectRoot: string,
  made: (script: PageScript) => void,
  classes?: Set<string>,
): Promise<string> {
  const placeholder = PLACEHOLDER.exec(html);
  if (!placeholder) return html;
  const used = scriptsFor(html, projectRoot, classes);
  if (!used.govuk.length && !used.site.length) return html.replace(PLACEHOLDER, "");
  const script = await pageScript(used, projectRoot);
  made(script);
  return html.replace(PLACEHOLDER, `<script type="module" src="${placeholder[1]}${script.fileName}"></script>`);
}
