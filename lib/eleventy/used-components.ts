import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ownCopy } from "./flat-string.ts";

/**
 * The parts of a site's stylesheet that depend on what its pages use: GOV.UK Frontend components, our layout
 * components and the components content may write in raw HTML. Only the ones whose classes appear in the
 * rendered pages are kept (stylesheet-parts.ts), so a page that shows one `<details>` pays for one component.
 */
export interface UsedStyles {
  /** GOV.UK Frontend component folders, in the order GOV.UK Frontend itself compiles them. */
  govuk: string[];
  /** Files in assets/scss/content-components/ (without `_` and `.scss`), alphabetical. */
  content: string[];
  /** Folders in layouts/components/ with styles (`_index.scss`), alphabetical. */
  layout: string[];
  /**
   * Every class the pages' start tags have, alphabetical: a selector that needs a class none has, and no
   * script adds, is left out of the compiled stylesheet (unused-selectors.ts).
   */
  classes: string[];
}

/** The styles a site could use: what GOV.UK Frontend, assets/scss/content-components/ and layouts/components/ offer. */
export interface AvailableStyles {
  govuk: string[];
  content: string[];
  /** Each of our components with styles, and the `app-` blocks its Sass styles (none: always compiled in). */
  layout: { name: string; blocks: string[] }[];
}

export const LAYOUT_COMPONENTS = "layouts/components";

export const GOVUK_COMPONENTS = "node_modules/govuk-frontend/dist/govuk/components";
export const CONTENT_COMPONENTS = "assets/scss/content-components";

/**
 * Blocks whose styles live in another component's folder: `govuk-label-wrapper` (the heading around a
 * page-heading label) is styled by label, and a summary card by summary-list.
 */
const GOVUK_BLOCK_OWNERS: Record<string, string> = {
  "label-wrapper": "label",
  "summary-card": "summary-list",
};

const govukOrder = new Map<string, string[]>();

/** What GOV.UK Frontend's components index `@use`s, in its order. */
function govukComponentsInOrder(projectRoot: string): string[] {
  const index = readFileSync(path.join(projectRoot, GOVUK_COMPONENTS, "_index.scss"), "utf8");
  return [...index.matchAll(/^@use\s+"([a-z0-9-]+)";/gm)].map((match) => match[1]);
}

function contentComponents(projectRoot: string): string[] {
  return readdirSync(path.join(projectRoot, CONTENT_COMPONENTS))
    .map((file) => /^_([a-z0-9-]+)\.scss$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/**
 * Every layouts/components/<name>/ with styles, alphabetical so the order of ties never depends on the disk,
 * with the `app-` blocks its Sass names anywhere (a nested selector too): a page using any of them uses it.
 */
export function layoutComponents(projectRoot: string): AvailableStyles["layout"] {
  const folder = path.join(projectRoot, LAYOUT_COMPONENTS);
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "_index.scss")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const scss = readFileSync(path.join(folder, name, "_index.scss"), "utf8");
      const blocks = new Set([...scss.matchAll(/\.(app-[a-z0-9-]+)/g)].map((match) => blockOf(match[1])));
      return { name, blocks: [...blocks].sort() };
    });
}

/**
 * The components GOV.UK Frontend, assets/scss/content-components/ and layouts/components/ offer. GOV.UK Frontend's are read
 * once per process; ours on every call, as the dev server may be given a new one at any save.
 */
export function availableStyles(projectRoot: string): AvailableStyles {
  let govuk = govukOrder.get(projectRoot);
  if (!govuk) {
    govuk = govukComponentsInOrder(projectRoot);
    govukOrder.set(projectRoot, govuk);
  }
  return { govuk, content: contentComponents(projectRoot), layout: layoutComponents(projectRoot) };
}

// Where a class attribute may be. Only one that is an attribute of a start tag counts: not text, an
// escaped code example or another attribute's value that says `class=`.
const MAYBE_CLASS = /\sclass\s*=/gi;
const TAG_NAME = /<[a-z][^\s/>]*/iy;
const SPACE = /\s*/y;
// Quoted values may hold `>`; unquoted ones are valid HTML, and raw HTML in Markdown may use them.
const ATTRIBUTE = /[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/y;
const CLASS_VALUE = /\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/iy;

/** Whether the attribute starting after the space at `at` is one of the attributes of the tag that opens at `start`. */
function isAttributeOfTag(html: string, start: number, at: number): boolean {
  TAG_NAME.lastIndex = start;
  if (!TAG_NAME.test(html)) return false;
  let position = TAG_NAME.lastIndex;
  for (;;) {
    SPACE.lastIndex = position;
    SPACE.test(html);
    if (SPACE.lastIndex === position) return false;
    position = SPACE.lastIndex;
    if (position >= at + 1) return position === at + 1;
    ATTRIBUTE.lastIndex = position;
    if (!ATTRIBUTE.test(html)) return false;
    position = ATTRIBUTE.lastIndex;
  }
}

/** Every class name in an HTML document's start tags. */
export function classNamesIn(html: string): Set<string> {
  const names = new Set<string>();
  const values = new Set<string>();
  // Walking only from the tag's start to its `class=` keeps this quick on a large site.
  for (const candidate of html.matchAll(MAYBE_CLASS)) {
    if (!isAttributeOfTag(html, html.lastIndexOf("<", candidate.index), candidate.index)) continue;
    CLASS_VALUE.lastIndex = candidate.index;
    const value = CLASS_VALUE.exec(html);
    const classes = value?.[1] ?? value?.[2] ?? value?.[3];
    if (classes === undefined || values.has(classes)) continue;
    values.add(classes);
    for (const name of classes.split(/\s+/)) if (name) names.add(name);
  }
  return names;
}

/** The BEM block a class belongs to: `govuk-radios__input--small` → `govuk-radios`. */
const blockOf = (className: string): string => className.replace(/(?:__|--).*$/, "");

/**
 * The styles these classes need, from those available. A GOV.UK class names its component's folder
 * (`govuk-details__summary` → details); helpers such as `govuk-body`, `govuk-!-margin-bottom-0` or
 * `govuk-grid-row` name none, as core, objects, utilities and overrides are always compiled in.
 */
export function stylesFor(classNames: Iterable<string>, styles: AvailableStyles): UsedStyles {
  const blocks = new Set<string>();
  for (const name of classNames) blocks.add(blockOf(name));
  const govukBlocks = new Set(
    [...blocks]
      .filter((block) => block.startsWith("govuk-"))
      .map((block) => {
        const name = block.slice("govuk-".length);
        return GOVUK_BLOCK_OWNERS[name] ?? name;
      }),
  );
  return {
    govuk: styles.govuk.filter((component) => govukBlocks.has(component)),
    content: styles.content.filter((component) => blocks.has(component)),
    layout: styles.layout
      .filter((component) => !component.blocks.length || component.blocks.some((block) => blocks.has(block)))
      .map((component) => component.name),
    classes: [...classNames].map(sharedName).sort(),
  };
}

const sharedNames = new Map<string, string>();

/**
 * One copy of each class name for every page that has it, and never a slice of a page's HTML, which would
 * keep the whole page alive while its styles are remembered.
 */
function sharedName(name: string): string {
  let shared = sharedNames.get(name);
  if (shared === undefined) sharedNames.set(name, (shared = ownCopy(name)));
  return shared;
}

/** One site's styles from each page's: in the available order, each once. */
export function unionOfStyles(pages: Iterable<UsedStyles>, styles: AvailableStyles): UsedStyles {
  const govuk = new Set<string>();
  const content = new Set<string>();
  const layout = new Set<string>();
  const classes = new Set<string>();
  for (const page of pages) {
    for (const component of page.govuk) govuk.add(component);
    for (const component of page.content) content.add(component);
    for (const component of page.layout) layout.add(component);
    for (const name of page.classes) classes.add(name);
  }
  return {
    govuk: styles.govuk.filter((component) => govuk.has(component)),
    content: styles.content.filter((component) => content.has(component)),
    layout: styles.layout.map((component) => component.name).filter((name) => layout.has(name)),
    classes: [...classes].sort(),
  };
}
