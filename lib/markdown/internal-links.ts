import type MarkdownIt from "markdown-it";
import { interruptionPageUrl, isInternalLink } from "../model/interruption-pages.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";
import { startTags } from "./raw-html.ts";

/**
 * Sends links to hosts only the organisation's network reaches (site.json `internalDomains`) to the
 * site's page that says so first, in Markdown links and in raw HTML `<a href>` alike, and lists each
 * target in `env.internalLinkTargets` so the site can make its page. The page's address is a site path,
 * so the path prefix reaches it as it reaches every other site link.
 */
export function internalLinks(md: MarkdownIt, internalDomains: readonly string[]): void {
  if (!internalDomains.length) return;
  md.core.ruler.push("internal_links", (state) => {
    const env = state.env as MarkdownEnv;
    const redirect = (href: string) => {
      if (!isInternalLink(href, internalDomains)) return undefined;
      if (env.internalLinkTargets && !env.internalLinkTargets.includes(href)) env.internalLinkTargets.push(href);
      return interruptionPageUrl(href);
    };
    const rewriteHtml = (html: string) => {
      let result = html;
      // From the end, so the offsets of the tags before stay right.
      for (const tag of startTags(html).reverse()) {
        if (tag.name !== "a") continue;
        const href = tag.attributes.find((attribute) => attribute.name === "href");
        const target = href && redirect(md.utils.unescapeAll(href.value.trim()));
        if (href && target) result = `${result.slice(0, href.valueStart)}"${target}"${result.slice(href.valueEnd)}`;
      }
      return result;
    };
    for (const token of state.tokens) {
      if (token.type === "html_block") token.content = rewriteHtml(token.content);
      if (token.type !== "inline") continue;
      for (const child of token.children ?? []) {
        if (child.type === "html_inline") child.content = rewriteHtml(child.content);
        if (child.type !== "link_open") continue;
        const target = redirect(child.attrGet("href") ?? "");
        if (target) child.attrSet("href", target);
      }
    }
  });
}
