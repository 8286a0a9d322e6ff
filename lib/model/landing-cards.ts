import type { SourcePage } from "../content/load-content.ts";
import type { LinkCardView } from "./layout-parts.ts";
import { byOrderThenTitle } from "./page-tree.ts";

type PageFrontMatter = SourcePage["frontMatter"];

/**
 * The cards a `hub` page draws when its front matter gives none (no `statCards`, no `hubSections`):
 * one for each page one level below it, in listing order (`order`, then title), with its title and
 * description, so the home page or any section's index page is a landing page without listing its
 * pages by hand. Undefined when the page is not a hub, gives cards of its own, or has nothing below it.
 */
export function landingCardsFor(
  source: Pick<SourcePage, "url">,
  fm: Pick<PageFrontMatter, "layout" | "statCards" | "hubSections">,
  childrenOf: ReadonlyMap<string, readonly Pick<SourcePage, "url" | "frontMatter">[]>,
): LinkCardView[] | undefined {
  if (fm.layout !== "hub" || fm.statCards?.length || fm.hubSections?.length) return undefined;
  const cards = (childrenOf.get(source.url) ?? [])
    .map((child) => ({
      text: child.frontMatter.title,
      title: child.frontMatter.title,
      href: child.url,
      description: child.frontMatter.description,
      order: child.frontMatter.order,
    }))
    .sort(byOrderThenTitle)
    .map(({ text, href, description }) => ({ text, href, ...(description === undefined ? {} : { description }) }));
  return cards.length ? cards : undefined;
}
