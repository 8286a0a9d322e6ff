import type { SiteData } from "../content/site-data.ts";
import type { MarkdownEnv } from "../markdown/govuk-markdown.ts";
import { isContentsHeading } from "../markdown/own-contents.ts";

/** Pages with at least this many h2 headings open with a contents list unless front matter says otherwise. */
export const CONTENTS_MIN_HEADINGS = 3;

/**
 * The "Contents" list of a page's h2 headings, the GOV.UK way. With the site's `auto` setting, long pages
 * get one unless the body has its own (`ownContents`: a "Contents" heading or a list of links to this
 * page's sections), which a second list would only repeat; with `off`, none does. Front matter's
 * `contents: true` or `false` wins either way. A heading called "Contents" is never an entry.
 */
export function contentsList(
  headings: NonNullable<MarkdownEnv["headings"]>,
  options: { frontMatter?: boolean; site?: SiteData["markdown"]["contents"]; ownContents?: boolean },
): { text: string; href: string }[] | undefined {
  const sections = headings.filter((heading) => heading.level === 2 && !isContentsHeading(heading.text));
  const automatic = (options.site ?? "auto") === "auto" && !options.ownContents;
  const show = options.frontMatter ?? (automatic && sections.length >= CONTENTS_MIN_HEADINGS);
  return show && sections.length > 0
    ? sections.map((heading) => ({ text: heading.text, href: `#${heading.id}` }))
    : undefined;
}
