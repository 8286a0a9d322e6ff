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

/** The Defra app's own page before a link to an internal service, which reads its target from the query string. */
export const APP_INTERRUPTION_PATH = "/interruption-card";

/**
 * The target of a link written to the Defra app's interruption page (`/interruption-card?targetUrl=…`),
 * so it can go through this site's page for that target instead; undefined for any other link, and for
 * a target that is not a web address, which no page of this site would send a reader on to.
 */
export function appInterruptionTarget(href: string): string | undefined {
  const written = href.trim();
  if (!written.startsWith(`${APP_INTERRUPTION_PATH}?`) && !written.startsWith(`${APP_INTERRUPTION_PATH}/?`))
    return undefined;
  let target: string | null;
  try {
    target = new URL(written, "http://site.invalid").searchParams.get("targetUrl");
  } catch {
    return undefined;
  }
  return target && /^https?:\/\/[^/]/i.test(target.trim()) ? target.trim() : undefined;
}
