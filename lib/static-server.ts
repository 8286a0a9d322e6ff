import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
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

async function isFile(file: string) {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

/**
 * Serves a built site the way GitHub Pages does: under a path prefix, with directory
 * indexes, a redirect from /folder to /folder/, and 404.html for anything missing.
 */
export function createStaticServer(root: string, pathPrefix = "/"): Server {
  const siteRoot = path.resolve(root);
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const pathname = decodeURIComponent(url.pathname);
    const notFound = async () => {
      const page = path.join(siteRoot, "404.html");
      response.writeHead(404, { "content-type": TYPES[".html"] });
      if (await isFile(page)) createReadStream(page).pipe(response);
      else response.end("Not found");
    };
    if (!pathname.startsWith(pathPrefix) && `${pathname}/` !== pathPrefix) return notFound();
    const relative = pathname.slice(pathPrefix.length - 1);
    const file = path.join(siteRoot, relative);
    if (!file.startsWith(siteRoot)) return notFound();
    if (await isFile(file)) {
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      return createReadStream(file).pipe(response);
    }
    if (await isFile(path.join(file, "index.html"))) {
      if (!pathname.endsWith("/")) {
        response.writeHead(301, { location: `${pathname}/${url.search}` });
        return response.end();
      }
      response.writeHead(200, { "content-type": TYPES[".html"] });
      return createReadStream(path.join(file, "index.html")).pipe(response);
    }
    return notFound();
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
