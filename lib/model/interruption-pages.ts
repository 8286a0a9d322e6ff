import { createHash } from "node:crypto";

/**
 * Links to hosts only the organisation's network reaches (site.json `internalDomains`) go through a page
 * of this site saying so first, as the Defra service manual's "you are going to an internal service" page.
 * A static site has no query string to read, so each target gets a page of its own.
 */

/** Whether a link leads to one of the internal hosts or their subdomains. */
export function isInternalLink(href: string, internalDomains: readonly string[]): boolean {
  if (!internalDomains.length || !/^https?:\/\//i.test(href)) return false;
  let host: string;
  try {
    host = new URL(href).hostname.toLowerCase();
  } catch {
    return false;
  }
  return internalDomains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Where the interruption page for a target lives: one stable page per target URL. */
export function interruptionPageUrl(href: string): string {
  return `/interruption/${createHash("sha256").update(href).digest("hex").slice(0, 12)}/`;
}
