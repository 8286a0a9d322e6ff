import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

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

function isFile(file: string) {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** What GitHub Pages answers for a URL path: a file, a redirect to the folder's URL with a slash, or nothing (404). */
export type SiteAnswer = { file: string } | { redirectTo: string } | undefined;

/** Resolves a URL path (percent-encoded, prefix included) to the built file GitHub Pages would serve for it. */
export function resolveSitePath(siteRoot: string, pathPrefix: string, encodedPathname: string): SiteAnswer {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return undefined;
  }
  if (!pathname.startsWith(pathPrefix) && `${pathname}/` !== pathPrefix) return undefined;
  const root = path.resolve(siteRoot);
  const file = path.join(root, pathname.slice(pathPrefix.length - 1));
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  if (isFile(file)) return { file };
  if (!isFile(path.join(file, "index.html"))) return undefined;
  return pathname.endsWith("/") ? { file: path.join(file, "index.html") } : { redirectTo: `${encodedPathname}/` };
}

/**
 * Serves a built site the way GitHub Pages does: under a path prefix, with directory
 * indexes, a redirect from /folder to /folder/, and 404.html for anything missing.
 */
export function createStaticServer(root: string, pathPrefix = "/"): Server {
  const siteRoot = path.resolve(root);
  return createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const answer = resolveSitePath(siteRoot, pathPrefix, url.pathname);
    if (answer && "redirectTo" in answer) {
      response.writeHead(301, { location: `${answer.redirectTo}${url.search}` });
      return response.end();
    }
    if (answer) {
      response.writeHead(200, { "content-type": TYPES[path.extname(answer.file)] ?? "application/octet-stream" });
      return createReadStream(answer.file).pipe(response);
    }
    const notFoundPage = path.join(siteRoot, "404.html");
    response.writeHead(404, { "content-type": TYPES[".html"] });
    if (isFile(notFoundPage)) createReadStream(notFoundPage).pipe(response);
    else response.end("Not found");
  });
}

/** Starts the server on a free local port and returns its base URL (with the prefix). */
export async function startStaticServer(root: string, pathPrefix = "/", port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createStaticServer(root, pathPrefix);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}${pathPrefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
