import type { FrontMatter } from "../schema/front-matter.ts";

/** The links beside a page's content, under "Related content", in groups (a simple list is one group without a title). */
export interface RelatedLinksView {
  sections: { title?: string; items: { text: string; href: string }[] }[];
}

/**
 * A page's `related` links with every link on this site made canonical, as GOV.UK's related content
 * draws them: a plain list under the one heading, or each group under its own. Site paths stay paths,
 * so the path prefix reaches them as it reaches every other link on the page.
 */
export function relatedLinksFor(
  related: FrontMatter["related"],
  canonical: (href: string) => string,
): RelatedLinksView | undefined {
  if (!related) return undefined;
  const groups = Array.isArray(related) ? [{ title: undefined, items: related }] : related.sections;
  return {
    sections: groups.map((group) => ({
      title: group.title,
      items: group.items.map((item) => ({ text: item.text, href: canonical(item.href) })),
    })),
  };
}
