/**
 * Everything the product reads from the environment, read in one place into one object. The rest of
 * the code takes these settings as a parameter, so two builds in one process can differ.
 */
export interface Settings {
  /** Where the site is served from, always with leading and trailing slashes: "/" or "/repo-name/". */
  pathPrefix: string;
  /** The folder of Markdown pages and site data; CONTENT_DIR lets tests build fixture sites. */
  contentDir: string;
  /** Where `npm run build`, the dev server and the preview write or serve the site: OUTPUT_DIR, or _site. */
  outputDir: string;
  /** The date review notes count from: SITE_TODAY (YYYY-MM-DD) when set, so tests can fix it; otherwise today in London. */
  today: Date;
  /** Whether pages marked `draft: true` are built: only by the dev server, or when INCLUDE_DRAFTS=true. */
  includeDrafts: boolean;
  /** Pages per search bundle: SEARCH_BUNDLE_PAGES, so tests can split a small site into several bundles. */
  searchBundlePages: number;
  /** The address servers listen on: HOST, or this machine only. */
  host: string;
  /** The port the dev server and the preview listen on: PORT, or 8080. */
  port: number;
  chromiumPath: string;
  chromedriverPath: string;
  /** A Pagefind program to use instead of the one the `pagefind` package installed. */
  pagefindBinaryPath?: string;
  /**
   * Where a build keeps what the next build can reuse (rendered Markdown, finished pages, search bundles):
   * BUILD_CACHE_DIR, relative to the project root, or node_modules/.cache/site-build; `off` keeps nothing.
   */
  buildCacheDir: string | false;
  /** "serve" for the dev server (Eleventy sets ELEVENTY_RUN_MODE), otherwise "build". */
  runMode: "build" | "serve" | "watch";
  /**
   * The GitHub Actions run publishing this build: set only in .github/workflows/pages.yml's `deploy` job
   * (GITHUB_JOB), which runs after every check has passed on the same commit, so the accessibility
   * statement may say the checks passed on the build's date.
   */
  publishingRun?: { commit: string; url: string };
}

/** @deprecated The old name of Settings. */
export type SiteSettings = Settings;

/** Pages per search bundle when SEARCH_BUNDLE_PAGES is not set. */
export const DEFAULT_PAGES_PER_BUNDLE = 1000;

const LONDON_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

function today(value: string | undefined): Date {
  const written = value?.trim() || LONDON_DATE.format(new Date());
  const date = new Date(`${written}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(written) || Number.isNaN(date.getTime())) {
    throw new Error(`SITE_TODAY must be a date written YYYY-MM-DD, found "${written}"`);
  }
  return date;
}

/** SEARCH_BUNDLE_PAGES as a whole number of pages. */
export function pagesPerBundle(env: NodeJS.ProcessEnv = process.env): number {
  const written = env.SEARCH_BUNDLE_PAGES?.trim();
  if (!written) return DEFAULT_PAGES_PER_BUNDLE;
  const value = Number(written);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`SEARCH_BUNDLE_PAGES must be a whole number of pages, at least 1, found "${written}"`);
  return value;
}

/** PATH_PREFIX (e.g. "repo-name" or "/repo-name/") as a normalised prefix. */
export function normalisePathPrefix(written: string | undefined): string {
  const trimmed = (written ?? "").trim().replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** BUILD_CACHE_DIR as Settings.buildCacheDir. */
function buildCacheDir(written: string | undefined): string | false {
  const trimmed = written?.trim();
  if (trimmed === "off") return false;
  return trimmed || "node_modules/.cache/site-build";
}

const RUN_MODES = new Set(["build", "serve", "watch"]);

/** Reads the settings from the environment (process.env unless given). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const runMode = RUN_MODES.has(env.ELEVENTY_RUN_MODE ?? "") ? (env.ELEVENTY_RUN_MODE as Settings["runMode"]) : "build";
  return {
    pathPrefix: normalisePathPrefix(env.PATH_PREFIX),
    contentDir: env.CONTENT_DIR ?? "content",
    outputDir: env.OUTPUT_DIR ?? "_site",
    today: today(env.SITE_TODAY),
    includeDrafts: env.INCLUDE_DRAFTS === "true" || runMode === "serve",
    searchBundlePages: pagesPerBundle(env),
    host: env.HOST?.trim() || "127.0.0.1",
    port: Number(env.PORT ?? 8080),
    chromiumPath: env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromedriverPath: env.CHROMEDRIVER_PATH ?? "/usr/bin/chromedriver",
    pagefindBinaryPath: env.PAGEFIND_EXTENDED_BINARY_PATH ?? env.PAGEFIND_BINARY_PATH,
    buildCacheDir: buildCacheDir(env.BUILD_CACHE_DIR),
    runMode,
    publishingRun:
      env.GITHUB_ACTIONS === "true" && env.GITHUB_JOB === "deploy" && env.GITHUB_SHA
        ? {
            commit: env.GITHUB_SHA,
            url: `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
          }
        : undefined,
  };
}

/** @deprecated The old name of readSettings. */
export const siteSettings = readSettings;
