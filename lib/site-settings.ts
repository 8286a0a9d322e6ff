/** Build settings that come from the environment rather than from content. */
export interface SiteSettings {
  /** Where the site is served from, always with leading and trailing slashes: "/" or "/repo-name/". */
  pathPrefix: string;
  /** The folder of Markdown pages and site data; CONTENT_DIR lets tests build fixture sites. */
  contentDir: string;
}

/** Reads PATH_PREFIX (e.g. "repo-name" or "/repo-name/") into a normalised prefix. */
export function siteSettings(env: NodeJS.ProcessEnv = process.env): SiteSettings {
  const trimmed = (env.PATH_PREFIX ?? "").trim().replace(/^\/+|\/+$/g, "");
  return { pathPrefix: trimmed ? `/${trimmed}/` : "/", contentDir: env.CONTENT_DIR ?? "content" };
}
