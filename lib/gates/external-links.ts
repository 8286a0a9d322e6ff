import { readFileSync } from "node:fs";
import path from "node:path";
import { listSiteFiles, urlPathForFile } from "./built-files.ts";

/** How hard the checker pushes other people's servers, and how long it waits for them. */
export interface ExternalLinkOptions {
  /** Requests under way at once, across every host. */
  concurrency: number;
  /** Requests under way at once to one host, so a site linked from every page is not hammered. */
  perHost: number;
  /** How long one request may take before it counts as failed. */
  timeoutMs: number;
  /** Tries after the first, for a 5xx, a 429, a timeout or a network error. */
  retries: number;
  /** The wait before the first retry, doubled for each one after. */
  backoffMs: number;
  maxRedirects: number;
}

export const DEFAULT_EXTERNAL_LINK_OPTIONS: ExternalLinkOptions = {
  concurrency: 8,
  perHost: 2,
  timeoutMs: 15_000,
  retries: 2,
  backoffMs: 1_000,
  maxRedirects: 10,
};

/** The limits the environment sets (LINK_CHECK_CONCURRENCY, _PER_HOST, _TIMEOUT_MS, _RETRIES, _BACKOFF_MS); unset ones keep their defaults. */
export function externalLinkOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<ExternalLinkOptions> {
  const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
  return {
    concurrency: number("LINK_CHECK_CONCURRENCY"),
    perHost: number("LINK_CHECK_PER_HOST"),
    timeoutMs: number("LINK_CHECK_TIMEOUT_MS"),
    retries: number("LINK_CHECK_RETRIES"),
    backoffMs: number("LINK_CHECK_BACKOFF_MS"),
  };
}

/** What one URL answered. */
export interface ExternalLinkResult {
  url: string;
  ok: boolean;
  /** The final HTTP status, when a response came. */
  status?: number;
  /** Why it failed, in words. */
  reason?: string;
  /** Requests made, retries and the GET after a HEAD included. */
  attempts: number;
  /** The pages linking to it, as URL paths. */
  pages: string[];
}

const HTML_URL = /\s(?:href|src)\s*=\s*"(https?:\/\/[^"]+)"/gi;
const decodeEntities = (text: string) =>
  text.replace(
    /&(amp|quot|#39|lt|gt);/g,
    (_, name: string) => ({ amp: "&", quot: '"', "#39": "'", lt: "<", gt: ">" })[name]!,
  );

/** Every http(s) URL the built site's pages link to or load, each with the pages using it, fragments dropped. */
export function externalUrlsInSite(siteDir: string, pathPrefix: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of listSiteFiles(siteDir, [".html"])) {
    const page = urlPathForFile(file, pathPrefix);
    const html = readFileSync(path.join(siteDir, file), "utf8");
    for (const match of html.matchAll(HTML_URL)) {
      const url = decodeEntities(match[1]).replace(/#.*$/, "");
      if (!URL.canParse(url)) continue;
      const pages = found.get(url) ?? [];
      if (!pages.includes(page)) pages.push(page);
      found.set(url, pages);
    }
  }
  for (const pages of found.values()) pages.sort();
  return found;
}

/** A counting semaphore: at most `size` holders at once. */
function limiter(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    while (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (status: number) => status >= 500 || status === 429;

/** One request, following redirects by hand so a loop is named as one. */
async function request(
  url: string,
  method: "HEAD" | "GET",
  options: ExternalLinkOptions,
): Promise<{ status: number } | { reason: string; retry: boolean }> {
  const seen = new Set<string>();
  let current = url;
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    if (seen.has(current)) return { reason: `redirect loop through ${current}`, retry: false };
    seen.add(current);
    let response: Response;
    try {
      response = await fetch(current, {
        method,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: { "user-agent": "service-manual-link-checker (+https://github.com/DEFRA)" },
      });
    } catch (error) {
      const failure = error as Error & { cause?: { code?: string } };
      if (failure.name === "TimeoutError") return { reason: `no answer within ${options.timeoutMs} ms`, retry: true };
      return { reason: failure.cause?.code ?? failure.message, retry: true };
    }
    await response.body?.cancel();
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).href;
      continue;
    }
    return { status: response.status };
  }
  return { reason: `more than ${options.maxRedirects} redirects`, retry: false };
}

/**
 * Checks each URL: HEAD first, then GET when HEAD is refused (many servers answer HEAD with 403, 404,
 * 405 or 501), retrying a 5xx, 429, timeout or network error with backoff, within the overall and
 * per-host limits. A URL is dead when its last answer is 400 or above, or no answer came.
 */
export async function checkExternalUrls(
  urls: ReadonlyMap<string, string[]>,
  settings: Partial<ExternalLinkOptions> = {},
): Promise<ExternalLinkResult[]> {
  // A setting given as undefined (an environment variable left unset) keeps its default.
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  const options: ExternalLinkOptions = { ...DEFAULT_EXTERNAL_LINK_OPTIONS, ...given };
  const overall = limiter(options.concurrency);
  const hosts = new Map<string, ReturnType<typeof limiter>>();
  const forHost = (url: string) => {
    const host = new URL(url).host;
    if (!hosts.has(host)) hosts.set(host, limiter(options.perHost));
    return hosts.get(host)!;
  };
  const attempt = (url: string, method: "HEAD" | "GET") =>
    forHost(url)(() => overall(() => request(url, method, options)));

  const check = async (url: string, pages: string[]): Promise<ExternalLinkResult> => {
    let attempts = 0;
    let last: Awaited<ReturnType<typeof request>> = { reason: "not checked", retry: false };
    for (let tryNumber = 0; tryNumber <= options.retries; tryNumber++) {
      if (tryNumber > 0) await sleep(options.backoffMs * 2 ** (tryNumber - 1));
      attempts++;
      last = await attempt(url, "HEAD");
      if ("status" in last && last.status >= 400 && !retryable(last.status)) {
        attempts++;
        last = await attempt(url, "GET");
      }
      const again = "status" in last ? retryable(last.status) : last.retry;
      if (!again) break;
    }
    if ("status" in last)
      return last.status < 400
        ? { url, ok: true, status: last.status, attempts, pages }
        : { url, ok: false, status: last.status, reason: `HTTP ${last.status}`, attempts, pages };
    return { url, ok: false, reason: last.reason, attempts, pages };
  };
  return Promise.all([...urls].map(([url, pages]) => check(url, pages)));
}
