import type { MarkdownEnv } from "../markdown/govuk-markdown.ts";

/** Pages with at least this many h2 headings open with a contents list unless front matter says otherwise. */
export const CONTENTS_MIN_HEADINGS = 3;

/**
 * The "Contents" list of a page's h2 headings, the GOV.UK way: on by default for long pages,
 * and front matter's `contents: true` or `false` wins either way.
 */
export function contentsList(
  headings: NonNullable<MarkdownEnv["headings"]>,
  setting: boolean | undefined,
): { text: string; href: string }[] | undefined {
  const sections = headings.filter((heading) => heading.level === 2);
  const show = setting ?? sections.length >= CONTENTS_MIN_HEADINGS;
  return show && sections.length > 0
    ? sections.map((heading) => ({ text: heading.text, href: `#${heading.id}` }))
    : undefined;
}
