import type MarkdownIt from "markdown-it";
import { unescapeAll } from "markdown-it/lib/common/utils.mjs";
import { appInterruptionTarget, interruptionPageUrl, isInternalLink } from "../model/interruption-pages.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";
import { startTags } from "./raw-html.ts";

/**
 * The target a link leads to through an interruption page: a link to one of the internal hosts, or a
 * link written to the Defra app's own interruption page, which names its target in the query string.
 */
export function interruptionTargetOf(href: string, internalDomains: readonly string[]): string | undefined {
  return appInterruptionTarget(href) ?? (isInternalLink(href, internalDomains) ? href : undefined);
}

/** Points each `<a href>` in a piece of HTML that `redirect` gives a new address to at that address. */
export function rewriteHtmlLinks(html: string, redirect: (href: string) => string | undefined): string {
  let result = html;
  // From the end, so the offsets of the tags before stay right.
  for (const tag of startTags(html).reverse()) {
    if (tag.name !== "a") continue;
    const href = tag.attributes.find((attribute) => attribute.name === "href");
    const target = href && redirect(unescapeAll(href.value.trim()));
    if (href && target) result = `${result.slice(0, href.valueStart)}"${target}"${result.slice(href.valueEnd)}`;
  }
  return result;
}

/**
 * Sends links to hosts only the organisation's network reaches (site.json `internalDomains`), and links
 * written to the Defra app's `/interruption-card?targetUrl=…`, to the site's page that says so first, in
 * Markdown links and in raw HTML `<a href>` alike, and lists each target in `env.internalLinkTargets` so
 * the site can make its page. The page's address is a site path, so the path prefix reaches it as it
 * reaches every other site link.
 */
export function internalLinks(md: MarkdownIt, internalDomains: readonly string[]): void {
  md.core.ruler.push("internal_links", (state) => {
    const env = state.env as MarkdownEnv;
    const redirect = (href: string) => {
      const target = interruptionTargetOf(href, internalDomains);
      if (!target) return undefined;
      if (env.internalLinkTargets && !env.internalLinkTargets.includes(target)) env.internalLinkTargets.push(target);
      return interruptionPageUrl(target);
    };
    for (const token of state.tokens) {
      if (token.type === "html_block") token.content = rewriteHtmlLinks(token.content, redirect);
      if (token.type !== "inline") continue;
      for (const child of token.children ?? []) {
        if (child.type === "html_inline") child.content = rewriteHtmlLinks(child.content, redirect);
        if (child.type !== "link_open") continue;
        const target = redirect(child.attrGet("href") ?? "");
        if (target) child.attrSet("href", target);
      }
    }
  });
}
