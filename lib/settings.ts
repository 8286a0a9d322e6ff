/** Build settings that come from the environment rather than from content. */
export interface SiteSettings {
  /** Where the site is served from, always with leading and trailing slashes: "/" or "/repo-name/". */
  pathPrefix: string;
  /** The folder of Markdown pages and site data; CONTENT_DIR lets tests build fixture sites. */
  contentDir: string;
  /** The date review notes count from: SITE_TODAY (YYYY-MM-DD) when set, so tests can fix it; otherwise today in London. */
  today: Date;
  /** Whether pages marked `draft: true` are built: only by the dev server, or when INCLUDE_DRAFTS=true. */
  includeDrafts: boolean;
}

const LONDON_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

function today(value: string | undefined): Date {
  const written = value?.trim() || LONDON_DATE.format(new Date());
  const date = new Date(`${written}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(written) || Number.isNaN(date.getTime())) {
    throw new Error(`SITE_TODAY must be a date written YYYY-MM-DD, found "${written}"`);
  }
  return date;
}

/** Reads PATH_PREFIX (e.g. "repo-name" or "/repo-name/") into a normalised prefix. */
export function siteSettings(env: NodeJS.ProcessEnv = process.env): SiteSettings {
  const trimmed = (env.PATH_PREFIX ?? "").trim().replace(/^\/+|\/+$/g, "");
  return {
    pathPrefix: trimmed ? `/${trimmed}/` : "/",
    contentDir: env.CONTENT_DIR ?? "content",
    today: today(env.SITE_TODAY),
    // Eleventy sets ELEVENTY_RUN_MODE to "serve" for the dev server.
    includeDrafts: env.INCLUDE_DRAFTS === "true" || env.ELEVENTY_RUN_MODE === "serve",
  };
}
