// One collator for the build: localeCompare with a locale builds a new one on every comparison,
// which made sorting 4,000 titles take a fifth of a second each time.
const TITLES = new Intl.Collator("en-GB");

/** The order titles (and tags) are listed in everywhere on the site: British English alphabetical order. */
export const compareTitles = (a: string, b: string): number => TITLES.compare(a, b);
