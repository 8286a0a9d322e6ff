import { createReadStream, statSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { checkRequestUrl, decodeSitePath, realPathInside, serverHost, urlHost } from "../safety/request-path.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
};

/** The real path of a file inside the site, or undefined when it is missing, a folder or a link out of the site. */
function siteFile(root: string, file: string): string | undefined {
  const real = realPathInside(root, file);
  return real !== undefined && statSync(real, { throwIfNoEntry: false })?.isFile() ? real : undefined;
}

/** What GitHub Pages answers for a URL path: a file, a redirect to the folder's URL with a slash, or nothing (404). */
export type SiteAnswer = { file: string } | { redirectTo: string } | undefined;

/**
 * Resolves a URL path (percent-encoded, prefix included) to the built file GitHub Pages would serve for it.
 * A malformed or ambiguous path, or one whose file is a symlink leading out of the site, resolves to nothing.
 */
export function resolveSitePath(siteRoot: string, pathPrefix: string, encodedPathname: string): SiteAnswer {
  const pathname = decodeSitePath(encodedPathname);
  if (pathname === undefined) return undefined;
  if (!pathname.startsWith(pathPrefix) && `${pathname}/` !== pathPrefix) return undefined;
  const root = path.resolve(siteRoot);
  const file = path.join(root, pathname.slice(pathPrefix.length - 1));
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const direct = siteFile(root, file);
  if (direct) return { file: direct };
  const index = siteFile(root, path.join(file, "index.html"));
  if (!index) return undefined;
  return pathname.endsWith("/") ? { file: index } : { redirectTo: `${encodedPathname}/` };
}

/** Streams a file, ending the response rather than the process if the file goes away mid-way (a rebuild). */
function sendFile(response: ServerResponse, file: string) {
  createReadStream(file)
    .on("error", () => response.destroy())
    .pipe(response);
}

/**
 * Serves a built site the way GitHub Pages does: under a path prefix, with directory
 * indexes, a redirect from /folder to /folder/, and 404.html for anything missing.
 * Malformed URLs get 400 (414 when over-long), and nothing is served through a link out of the site.
 */
export function createStaticServer(root: string, pathPrefix = "/"): Server {
  const siteRoot = path.resolve(root);
  const notFound = (response: ServerResponse) => {
    const notFoundPage = siteFile(siteRoot, path.join(siteRoot, "404.html"));
    response.writeHead(404, { "content-type": TYPES[".html"] });
    if (notFoundPage) sendFile(response, notFoundPage);
    else response.end("Not found");
  };
  return createServer((request, response) => {
    try {
      const checked = checkRequestUrl(request.url);
      if ("refuse" in checked) {
        if (checked.refuse === 404) return notFound(response);
        response.writeHead(checked.refuse, { "content-type": TYPES[".txt"], connection: "close" });
        return response.end(checked.refuse === 414 ? "URI too long" : "Bad request");
      }
      const answer = resolveSitePath(siteRoot, pathPrefix, checked.encodedPathname);
      if (answer && "redirectTo" in answer) {
        response.writeHead(301, { location: `${answer.redirectTo}${checked.search}` });
        return response.end();
      }
      if (answer) {
        response.writeHead(200, { "content-type": TYPES[path.extname(answer.file)] ?? "application/octet-stream" });
        return sendFile(response, answer.file);
      }
      notFound(response);
    } catch (error) {
      // One bad request must never stop the server the gates and the preview share.
      console.error(`static server: ${request.url?.slice(0, 200)}: ${(error as Error).message}`);
      if (!response.headersSent) response.writeHead(500, { "content-type": TYPES[".txt"] });
      response.end();
    }
  });
}

/**
 * Starts the server (on a free port unless given one) on this machine only, or on HOST when it is
 * set, and returns its base URL (with the prefix).
 */
export async function startStaticServer(
  root: string,
  pathPrefix = "/",
  port = 0,
  host = serverHost(),
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createStaticServer(root, pathPrefix);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${urlHost(host)}:${actualPort}${pathPrefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
