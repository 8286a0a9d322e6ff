import { realpathSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { readSettings } from "../settings.ts";
import { decodeSitePathSegments } from "./url-safety.ts";

// What every server of the project (dev server, preview, the gates' static server) checks before it
// looks at the disk: a request URL is refused unless it can only mean a file inside the served folder.

/** Longer URLs are refused: no page of the site needs one, and GitHub Pages and browsers cap them near here. */
export const MAX_URL_BYTES = 2_048;

/** The address servers listen on: this machine only, unless HOST asks for another (such as 0.0.0.0 to share it). */
export function serverHost(): string {
  return readSettings().host;
}

/** An address to reach a server listening on `host`, written as a URL's host. */
export function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** A request URL split and decoded, or the status it is refused with. */
export type CheckedUrl = { pathname: string; encodedPathname: string; search: string } | { refuse: 400 | 404 | 414 };

// Control characters, or a backslash, which Windows-minded path code reads as a separator.
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;

/**
 * Decodes a URL path (percent-encoded), or returns undefined when it is malformed or could mean
 * anything but a plain path inside the site: an encoded slash or backslash, a control character
 * or NUL, or a `.`/`..` segment.
 */
export function decodeSitePath(encodedPathname: string): string | undefined {
  if (!encodedPathname.startsWith("/") || encodedPathname.startsWith("//")) return undefined;
  if (UNSAFE_CHARACTER.test(encodedPathname) || /%(2f|5c)/i.test(encodedPathname)) return undefined;
  const decoded = decodeSitePathSegments(encodedPathname);
  return "fault" in decoded ? undefined : decoded.path;
}

/**
 * Checks a raw request URL (`request.url`, as the client wrote it) before anything maps it to a file:
 * 414 when over-long, 400 when no browser would send it, 404 when it names no plain path in the site.
 */
export function checkRequestUrl(rawUrl: string | undefined): CheckedUrl {
  if (!rawUrl) return { refuse: 400 };
  if (Buffer.byteLength(rawUrl) > MAX_URL_BYTES) return { refuse: 414 };
  if (UNSAFE_CHARACTER.test(rawUrl) || rawUrl.includes("#")) return { refuse: 400 };
  const queryStart = rawUrl.indexOf("?");
  const encodedPathname = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const search = queryStart === -1 ? "" : rawUrl.slice(queryStart);
  if (!encodedPathname.startsWith("/")) return { refuse: 400 };
  // A path that decodes to no plain site path names no page: answered as any missing page is.
  const pathname = decodeSitePath(encodedPathname);
  if (pathname === undefined) return { refuse: 404 };
  return { pathname, encodedPathname, search };
}

/**
 * The real path of `file` when it exists and, symlinks followed, is still inside `root`; otherwise
 * undefined. Serving the returned path, not `file`, means a link swapped in afterwards changes nothing.
 */
export function realPathInside(root: string, file: string): string | undefined {
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = realpathSync(root);
    realFile = realpathSync(file);
  } catch {
    return undefined;
  }
  return realFile === realRoot || realFile.startsWith(realRoot + path.sep) ? realFile : undefined;
}

/** Whether `file` exists (symlinks followed) and leads out of `root`. */
export function leavesRoot(root: string, file: string): boolean {
  try {
    realpathSync(file);
  } catch {
    return false;
  }
  return realPathInside(root, file) === undefined;
}

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => unknown) => unknown;

function refuse(response: ServerResponse, status: 400 | 404 | 414 | 500) {
  const text = { 400: "Bad request", 404: "Not found", 414: "URI too long", 500: "Server error" }[status];
  if (!response.headersSent)
    response.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" });
  response.end(text);
}

/**
 * Eleventy Dev Server middleware that runs before its own file lookup, which throws (and, being
 * inside an async handler, stops the process) on malformed percent-encoding and `..` paths, and
 * follows symlinks anywhere. Refuses those requests, and anything the lookup would answer with a
 * file whose real path leaves `outputDir`; catches what the lookup still throws.
 */
export function devServerGuard(outputDir: string, pathPrefix: string): Middleware {
  const root = path.resolve(outputDir);
  return (request, response, next) => {
    const checked = checkRequestUrl(request.url);
    if ("refuse" in checked) return refuse(response, checked.refuse);
    const inSite = checked.pathname.startsWith(pathPrefix)
      ? checked.pathname.slice(pathPrefix.length - 1)
      : checked.pathname;
    const file = path.join(root, inSite);
    // The files the dev server may answer with: the path itself, its index.html, its .html, or 404.html.
    const candidates = [
      file,
      path.join(file, "index.html"),
      `${file.replace(/[\\/]+$/, "")}.html`,
      path.join(root, "404.html"),
    ];
    if (candidates.some((candidate) => leavesRoot(root, candidate))) return refuse(response, 404);
    const failed = (error: unknown) => {
      console.error(`dev server: ${request.url?.slice(0, 200)}: ${(error as Error)?.message ?? error}`);
      refuse(response, 500);
    };
    try {
      const result = next();
      if (result instanceof Promise) result.catch(failed);
    } catch (error) {
      failed(error);
    }
  };
}
