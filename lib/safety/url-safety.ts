// Schemes a published page may link to. Anything else (javascript:, vbscript:, file:, custom app
// schemes) either runs script or opens something readers cannot be expected to have.
const LINK_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/**
 * A URL as a browser reads it before resolving it: tabs and newlines removed everywhere, leading
 * and trailing spaces and control characters trimmed (WHATWG URL standard), so "java\tscript:" is caught.
 */
export function browserReadUrl(value: string): string {
  return value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
}

/** The URL's scheme, lower-cased, or undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
}

// Schemes that run code or read local files when followed.
const UNSAFE_SCHEMES = new Set(["javascript", "vbscript", "data", "file"]);

/**
 * The scheme of a URL in author HTML or Markdown if following it could run code or read local files
 * (javascript:, vbscript:, data:, file:), read the way browsers do (`browserReadUrl`), so
 * `java\tscript:` is caught too.
 */
export function unsafeUrlScheme(url: string, options: { allowDataImages?: boolean } = {}): string | undefined {
  const cleaned = browserReadUrl(url);
  const scheme = urlScheme(cleaned);
  if (!scheme || !UNSAFE_SCHEMES.has(scheme)) return undefined;
  if (options.allowDataImages && /^data:image\/(?:png|gif|jpeg|webp);/i.test(cleaned)) return undefined;
  return scheme;
}

/** What a link target in front matter may be, as its problems begin. */
const HREF_MESSAGE = "must be a path on this site or an http(s), mailto or tel URL";

/**
 * Why a link target written in front matter may not be published, or undefined when it may: a path
 * on this site, a fragment, or an http(s), mailto or tel URL. Browsers read `\` as `/` and drop tabs
 * and newlines inside a URL, so `/\evil.example/` and `/<tab>/evil.example/` leave the site just as
 * `//evil.example/` does: none of them is a path on this site.
 * @param expected what the field may hold, which each problem begins with
 */
export function hrefProblem(href: string, expected = HREF_MESSAGE): string | undefined {
  if (/[\u0000-\u001f\u007f-\u009f]|\s/.test(href))
    return `${expected}: it has a space, tab or control character, which browsers drop or change (write a space as %20)`;
  if (href.includes("\\"))
    return `${expected}: it has a backslash, which browsers read as /, so /\\evil.example/ opens another site (use /)`;
  if (href.startsWith("//"))
    return `${expected}: a link starting // goes to another site (//evil.example/ opens evil.example); start a path on this site with one /, or write https://`;
  if (href.startsWith("/") || href.startsWith("#")) return undefined;
  const scheme = urlScheme(href);
  if (scheme === "http" || scheme === "https") {
    return /^https?:\/\/[^/?#]/i.test(href) && URL.canParse(href)
      ? undefined
      : `${expected}: "${scheme}:" must be followed by // and a host, as in https://www.gov.uk/`;
  }
  if (scheme === "mailto" || scheme === "tel")
    return href.length > scheme.length + 1 ? undefined : `${expected}: "${scheme}:" needs an address after it`;
  if (scheme) return expected;
  return `${expected}: a relative path leads somewhere different from each page that shows it, so write the whole path from the site's root, starting with /`;
}

/**
 * Why an absolute (or protocol-relative) URL is unsafe or malformed to publish, or undefined when
 * it is fine. External URLs are never fetched: there is no network in CI, and other sites' outages
 * should not fail our build.
 * @param allowsData whether a data: URL is acceptable here (images and CSS backgrounds, not links or scripts)
 */
export function externalUrlProblem(url: string, allowsData: boolean): string | undefined {
  const scheme = urlScheme(url) ?? (url.startsWith("//") ? "https" : undefined);
  if (scheme === "javascript" || scheme === "vbscript") return `uses a ${scheme}: URL, which runs script`;
  if (scheme === "data") return allowsData ? undefined : "uses a data: URL, which can carry a whole page or script";
  if (!scheme || !LINK_SCHEMES.has(scheme))
    return `uses the ${scheme}: scheme; only ${[...LINK_SCHEMES].join(", ")} are published`;
  if (/[\s<>"\\]/.test(url))
    return "is not a well-formed URL: it has a space, quote, angle bracket or backslash that should be percent-encoded";
  if (scheme === "mailto")
    return /^mailto:[^@?]+@[^@?]+\.[^@?]+/i.test(url) ? undefined : "is a mailto: link without a valid email address";
  if (scheme === "tel")
    return /^tel:\+?[\d\s().-]{3,}$/i.test(url) ? undefined : "is a tel: link without a valid phone number";
  const parsed = URL.canParse(url, "https://base.invalid") ? new URL(url, "https://base.invalid") : undefined;
  if (!parsed || !parsed.hostname) return "is not a well-formed URL: it has no host";
  if (LOOPBACK_HOSTS.test(parsed.hostname)) return "points to the author's own computer, which readers cannot reach";
  if (!parsed.hostname.includes(".")) return `is not a well-formed URL: "${parsed.hostname}" is not a public host name`;
  return undefined;
}

// Control characters, or a backslash, which Windows-minded path code reads as a separator.
const UNSAFE_PATH_CHARACTER = /[\u0000-\u001f\u007f\\]/;

/** Why a site path, once percent-decoded, is not a plain path inside the site. */
export type DecodedPathFault = "malformed" | "dot-segment" | "unsafe-character";

/**
 * Percent-decodes a site path, or says why what it decodes to is not a plain path inside the site:
 * a `%` that starts no escape, a `.` or `..` segment (which climbs out of the folder it names), or a
 * control character or backslash. Servers and `redirectFrom` both ask here, so they agree.
 */
export function decodeSitePathSegments(encoded: string): { path: string } | { fault: DecodedPathFault } {
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    return { fault: "malformed" };
  }
  if (path.split("/").some((segment) => segment === "." || segment === "..")) return { fault: "dot-segment" };
  if (UNSAFE_PATH_CHARACTER.test(path)) return { fault: "unsafe-character" };
  return { path };
}
