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
  if (!scheme || !LINK_SCHEMES.has(scheme)) return `uses the ${scheme}: scheme; only ${[...LINK_SCHEMES].join(", ")} are published`;
  if (/[\s<>"\\]/.test(url)) return "is not a well-formed URL: it has a space, quote, angle bracket or backslash that should be percent-encoded";
  if (scheme === "mailto") return /^mailto:[^@?]+@[^@?]+\.[^@?]+/i.test(url) ? undefined : "is a mailto: link without a valid email address";
  if (scheme === "tel") return /^tel:\+?[\d\s().-]{3,}$/i.test(url) ? undefined : "is a tel: link without a valid phone number";
  const parsed = URL.canParse(url, "https://base.invalid") ? new URL(url, "https://base.invalid") : undefined;
  if (!parsed || !parsed.hostname) return "is not a well-formed URL: it has no host";
  if (LOOPBACK_HOSTS.test(parsed.hostname)) return "points to the author's own computer, which readers cannot reach";
  if (!parsed.hostname.includes(".")) return `is not a well-formed URL: "${parsed.hostname}" is not a public host name`;
  return undefined;
}
