import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { createGzip } from "node:zlib";
import { CHROMIUM_PATH, CHROMIUM_SWITCHES } from "../lib/gates/chromium.ts";
import { freePort } from "./dev-server.ts";

/** Lighthouse's scores for one page type, each 0–100, and its layout shift. */
export interface LighthousePage {
  type: string;
  url: string;
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  cumulativeLayoutShift: number;
  /** What moved, for a shift over the target: the element and Lighthouse's cause. */
  shifts: string[];
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml",
  ".txt": "text/plain",
};

/** Serves a built site from loopback, as GitHub Pages would (a folder's index.html at its address, text gzipped). */
async function serveSite(dir: string): Promise<{ server: Server; origin: string }> {
  const port = await freePort();
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let file = path.join(dir, pathname);
    if (!file.startsWith(dir)) return void response.writeHead(403).end();
    if ((await stat(file).catch(() => undefined))?.isDirectory()) file = path.join(file, "index.html");
    if (!(await stat(file).catch(() => undefined))?.isFile()) return void response.writeHead(404).end("Not found");
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    const compressible = /^(?:text\/|application\/(?:json|xml|manifest)|image\/svg)/.test(type);
    if (compressible && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
      response.writeHead(200, { "content-type": type, "content-encoding": "gzip", "cache-control": "max-age=600" });
      createReadStream(file).pipe(createGzip()).pipe(response);
    } else {
      response.writeHead(200, { "content-type": type, "cache-control": "max-age=600" });
      createReadStream(file).pipe(response);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * Runs Lighthouse (mobile, its default) on each page type of a built site with Debian's Chromium, the
 * way the gates launch it, one page at a time.
 */
export async function measureLighthouse(siteDir: string, pages: Record<string, string>): Promise<LighthousePage[]> {
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([
    import("lighthouse"),
    import("chrome-launcher"),
  ]);
  const { server, origin } = await serveSite(path.resolve(siteDir));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_SWITCHES.map((name) => `--${name}`),
  });
  try {
    const results: LighthousePage[] = [];
    for (const [type, url] of Object.entries(pages)) {
      const run = await lighthouse(`${origin}${url}`, { port: chrome.port, output: "json", logLevel: "error" });
      const lhr = run?.lhr;
      if (!lhr) throw new Error(`Lighthouse gave no result for ${url}`);
      const score = (name: string) => Math.round((lhr.categories[name]?.score ?? 0) * 100);
      const items = (lhr.audits["layout-shifts"]?.details as { items?: LayoutShiftItem[] } | undefined)?.items ?? [];
      results.push({
        type,
        url,
        scores: {
          performance: score("performance"),
          accessibility: score("accessibility"),
          bestPractices: score("best-practices"),
          seo: score("seo"),
        },
        cumulativeLayoutShift: lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0,
        shifts: items.map(
          (item) =>
            `${item.node?.selector ?? "?"} (${item.score.toFixed(3)}${item.subItems?.items?.length ? `: ${item.subItems.items.map((sub) => `${sub.cause} ${sub.extra?.selector ?? ""}`.trim()).join("; ")}` : ""})`,
        ),
      });
    }
    return results;
  } finally {
    chrome.kill();
    server.close();
  }
}

interface LayoutShiftItem {
  score: number;
  node?: { selector?: string };
  subItems?: { items?: { cause?: string; extra?: { selector?: string } }[] };
}
