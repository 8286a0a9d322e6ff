import { readdirSync } from "node:fs";
import path from "node:path";

/** Every file under a built site with one of the extensions, as site-relative paths with forward slashes, sorted. */
export function listSiteFiles(siteDir: string, extensions: string[]): string[] {
  return readdirSync(siteDir, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => extensions.includes(path.extname(file)))
    .sort();
}

/** The URL path a built file is served at: "roles/index.html" under "/prefix/" is "/prefix/roles/". */
export function urlPathForFile(relativeFile: string, pathPrefix: string): string {
  const url = pathPrefix + relativeFile.split("/").map(encodeURIComponent).join("/");
  return url.endsWith("/index.html") ? url.slice(0, -"index.html".length) : url;
}
