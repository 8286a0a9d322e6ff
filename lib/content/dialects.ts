import type { Diagnostic } from "../diagnostics.ts";
import { normaliseRedirectPath } from "../model/redirects.ts";
import { LAYOUTS, SitePath, type LayoutName } from "../schema/front-matter.ts";
import type { FrontMatterSource } from "./front-matter-source.ts";
import type { FieldPath } from "./positioned-yaml.ts";
import { didYouMean } from "./nearest.ts";

/** The layout a page gets when it names none, or one this site does not have. */
const DEFAULT_LAYOUT: LayoutName = "two-thirds";

/** Layout names other tools use, the layout of ours that serves the same purpose, and whose name it is. */
export const LAYOUT_ALIASES: Record<string, { layout: LayoutName; from: string }> = {
  default: { layout: "two-thirds", from: "Jekyll's default layout" },
  home: { layout: "two-thirds", from: "Jekyll's home page layout" },
  page: { layout: "two-thirds", from: "Jekyll's and the GOV.UK Eleventy plugin's page layout" },
  post: { layout: "two-thirds", from: "Jekyll's and the GOV.UK Eleventy plugin's blog post layout" },
  resource: { layout: "two-thirds", from: "a resource page layout" },
  single: { layout: "two-thirds", from: "Hugo's page layout" },
  list: { layout: "two-thirds", from: "Hugo's section layout; an index page here lists the pages below it" },
  collection: { layout: "two-thirds", from: "the GOV.UK Eleventy plugin's collection layout; an index page here lists the pages below it" },
  product: { layout: "full-width", from: "the GOV.UK Eleventy plugin's product page layout" },
  "sub-navigation": { layout: "section", from: "the GOV.UK Eleventy plugin's sub-navigation layout" },
  "side-navigation": { layout: "side-nav", from: "the GOV.UK Eleventy plugin's side navigation layout" },
  layout: { layout: "two-thirds", from: "the Tech Docs Template's page layout" },
  core: { layout: "full-width", from: "the Tech Docs Template's layout without a table of contents" },
};

/** Other tools' layouts that draw a navigation of the pages around the page, from the site's navigation tree. */
const TREE_NAVIGATION_LAYOUTS: ReadonlySet<string> = new Set(["sub-navigation", "side-navigation"]);

/** Eleventy's `date` keywords, which take the date from the file system or git rather than from the page. */
const ELEVENTY_DATE_KEYWORDS = /^(?:git )?(?:last modified|created)$/i;

// Obsidian's web clipper appends a Zettelkasten id (YYYYMMDDHHmm[ss]) to titles.
const CLIPPING_ID = /\s+\d{12}(?:\d{2})?$/;

// Jekyll's `/:categories/:title/` and Eleventy's `/{{ page.fileSlug }}/` are patterns, not addresses.
const ADDRESS_PATTERN = /\{\{|\{%|(?:^|\/):[a-z_]+/;

/** A value as the editor would recognise it in a message; any value at all, as front matter can hold anything. */
function shownValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "a value that is not text";
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);

/** A page's front matter in the site's own dialect, what was changed to make it so, and where each field was written. */
export interface NormalisedFrontMatter {
  data: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** The line of a field as it is now named: a renamed field's line is the line of the name it was written under. */
  lineOf(path: FieldPath, lineInValue?: number): number | undefined;
}

/**
 * Rewrites front matter from other tools' dialects (Jekyll, Eleventy, the GOV.UK Eleventy plugin,
 * Hugo, the Tech Docs Template, Obsidian) into the site's own, reporting each change so the editor
 * knows what was read and how. Never refuses a page for a field another tool wrote.
 *
 * @param url The page's address from its place in the folder tree, for the addresses other tools
 *   gave it (`permalink`, `url`, `slug`); without it `slug` is not read.
 */
export function normaliseDialect(file: string, source: FrontMatterSource, url?: string): NormalisedFrontMatter {
  const data: Record<string, unknown> = { ...source.data };
  const diagnostics: Diagnostic[] = [];
  /** Fields renamed, by their new name: the path they were written at. */
  const writtenAs = new Map<string, FieldPath>();
  /** Where each old address in `redirectFrom` was written, by its index. */
  const redirectWrittenAt: FieldPath[] = [];
  const lineOf = (path: FieldPath, lineInValue?: number): number | undefined => {
    const [field, index] = path;
    if (field === "redirectFrom" && typeof index === "number" && redirectWrittenAt[index]) {
      return source.lineOf(redirectWrittenAt[index], lineInValue);
    }
    const original = writtenAs.get(String(field));
    return source.lineOf(original ? [...original, ...path.slice(1)] : path, lineInValue);
  };
  const warn = (field: string, message: string, at: FieldPath = [field]) =>
    diagnostics.push({ severity: "warning", file, line: lineOf(at), field, message });
  const rename = (from: string, to: string, why: string) => {
    if (!(from in data)) return;
    if (to in data) warn(from, `ignored: \`${to}\` is already set (${why})`);
    else {
      data[to] = data[from];
      writtenAs.set(to, [from]);
      warn(from, `read as \`${to}\` (${why})`);
    }
    delete data[from];
  };

  for (const [field, value] of Object.entries(data)) {
    if (typeof value === "string" && value !== value.trim()) {
      warn(field, "removed spaces at the start or end of the value");
      data[field] = value.trim();
    }
  }

  readLayout(data, warn);
  rename("subtitle", "description", "Jekyll's subtitle is our lede");
  readDates(data, warn);
  rename("date", "published", "the date Jekyll, Eleventy, Hugo and the GOV.UK Eleventy plugin give a post");
  rename("publishDate", "published", "Hugo's publication date");
  rename("created", "published", "Obsidian's date the note was made");
  rename("modified", "lastUpdated", "Obsidian's and the GOV.UK Eleventy plugin's date the page last changed");
  rename("last_modified_at", "lastUpdated", "jekyll-last-modified-at's date the page last changed");
  rename("lastmod", "lastUpdated", "Hugo's date the page last changed");
  rename("updated", "lastUpdated", "the date the page last changed");
  rename("last_reviewed_on", "lastReviewed", "the Tech Docs Template's review date");
  rename("review_in", "reviewIn", "the Tech Docs Template's review period");
  rename("owner_slack", "owner", "the Tech Docs Template's page owner");
  rename("redirect_from", "redirectFrom", "jekyll-redirect-from's old addresses");
  if (typeof data.redirectFrom === "string") data.redirectFrom = [data.redirectFrom];
  if (Array.isArray(data.redirectFrom)) {
    const written = writtenAs.get("redirectFrom") ?? ["redirectFrom"];
    data.redirectFrom.forEach((_, index) => (redirectWrittenAt[index] = [...written, index]));
  }

  for (const field of ["tags", "aliases"]) {
    if (typeof data[field] === "string") {
      data[field] = (data[field] as string)
        .split(field === "tags" ? /[,\s]+/ : /,/)
        .map((item) => item.trim())
        .filter(Boolean);
      warn(field, `read as a list: ${(data[field] as string[]).map((item) => `"${item}"`).join(", ")}`);
    }
  }
  if (Array.isArray(data.tags) && data.tags.some((tag) => typeof tag === "string" && tag.startsWith("#"))) {
    data.tags = data.tags.map((tag) => (typeof tag === "string" ? tag.replace(/^#/, "") : tag));
    warn("tags", "removed the `#` from the start of tags: front matter tags are written without it");
  }

  readOldAddresses(data, url, warn, redirectWrittenAt, writtenAs);
  readEleventyNavigation(data, warn, writtenAs);

  if ("nav-breadcrumbs" in data) {
    const crumbs = data["nav-breadcrumbs"];
    if (
      Array.isArray(crumbs) &&
      crumbs.every((crumb) => crumb && typeof crumb === "object" && Object.keys(crumb).length === 1)
    ) {
      rename("nav-breadcrumbs", "breadcrumbs", "Jekyll's one-key maps of text to link");
      if (data.breadcrumbs === crumbs) {
        data.breadcrumbs = [
          { text: "Home", href: "/" },
          ...crumbs.map((crumb) => {
            const [[text, href]] = Object.entries(crumb as Record<string, unknown>);
            return { text, href };
          }),
        ];
      }
    }
  }

  if (typeof data.title === "string" && CLIPPING_ID.test(data.title) && "aliases" in data) {
    const title = data.title.replace(CLIPPING_ID, "");
    warn("title", `dropped the clipping id from the title, showing "${title}"`);
    data.title = title;
  }
  if (source.format === "toml") {
    diagnostics.push({
      severity: "warning",
      file,
      line: 1,
      message: "read Hugo's TOML front matter (+++); the site's own dialect is YAML (---)",
    });
  }
  return { data, diagnostics, lineOf };
}

type Warn = (field: string, message: string, at?: FieldPath) => void;

/**
 * Another tool's layout becomes ours that does the same; a name no tool here knows becomes the
 * default, so a page is never refused for the layout it was written for.
 */
function readLayout(data: Record<string, unknown>, warn: Warn): void {
  if (!("layout" in data) || data.layout === null || data.layout === "") return;
  const written = data.layout;
  if (typeof written === "string" && (LAYOUTS as readonly string[]).includes(written)) return;
  const alias = typeof written === "string" && Object.hasOwn(LAYOUT_ALIASES, written) ? LAYOUT_ALIASES[written] : undefined;
  if (alias) {
    data.layout = alias.layout;
    const fromTree = TREE_NAVIGATION_LAYOUTS.has(written as string) && !("sectionNav" in data) && !("sectionNavFromFolder" in data);
    if (fromTree) data.sectionNavFromFolder = true;
    warn(
      "layout",
      `\`${written}\` is ${alias.from}; using \`${alias.layout}\`${fromTree ? ", with a section navigation made from the pages in its folder (`sectionNavFromFolder: true`)" : ""}`,
    );
    return;
  }
  data.layout = DEFAULT_LAYOUT;
  const shown = typeof written === "string" ? `\`${written}\`` : shownValue(written);
  warn(
    "layout",
    `${shown} is not a layout this site has, so the page uses \`${DEFAULT_LAYOUT}\`${typeof written === "string" ? didYouMean(written, LAYOUTS) : ""}; the layouts are ${LAYOUTS.map((name) => `\`${name}\``).join(", ")}`,
  );
}

/** Eleventy's `date: Last Modified` and its kin name no date: the site reads the page's last change from git itself. */
function readDates(data: Record<string, unknown>, warn: Warn): void {
  if (typeof data.date !== "string" || !ELEVENTY_DATE_KEYWORDS.test(data.date)) return;
  warn(
    "date",
    `ignored: \`${data.date}\` is Eleventy's way of taking the date from the file; the page shows "Last updated" from the date git last saw its file change, or set \`lastUpdated\` or \`published\``,
  );
  delete data.date;
}

/**
 * The addresses other tools gave the page (`permalink`, `url`, Hugo's path `aliases`, `slug`) are
 * kept working as old addresses that redirect to the page's place in the folder tree. Eleventy's
 * `permalink: false`, a page it writes no file for, becomes a draft.
 */
function readOldAddresses(
  data: Record<string, unknown>,
  url: string | undefined,
  warn: Warn,
  writtenAt: FieldPath[],
  writtenAs: Map<string, FieldPath>,
): void {
  const oldAddresses = Array.isArray(data.redirectFrom) ? [...data.redirectFrom] : [];
  const here = url ?? "the page's place in the folder tree";
  let addressGiven: string | undefined;
  const keep = (field: string, value: unknown, at: FieldPath) => {
    if (typeof value !== "string" || !value.trim()) {
      warn(field, `ignored: expected a path such as /old-page/, found ${shownValue(value)}`, at);
      return;
    }
    const written = value.trim();
    if (ADDRESS_PATTERN.test(written)) {
      warn(field, `ignored: \`${written}\` is a pattern another tool fills in; the page's address is its place in the folder tree, ${here}`, at);
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(written) || written.startsWith("//")) {
      warn(field, `ignored: \`${written}\` is an address on another site; the page's address here is ${here}`, at);
      return;
    }
    const path = written.startsWith("/") ? written : `/${written}`;
    const checked = SitePath.safeParse(path);
    if (!checked.success) {
      warn(field, `ignored: \`${written}\` cannot be kept as an old address: ${checked.error.issues[0].message}`, at);
      return;
    }
    if (url !== undefined && normaliseRedirectPath(path) === url) {
      warn(field, `\`${written}\` is the page's own address from its place in the folder tree, so nothing more is needed`, at);
      return;
    }
    if (oldAddresses.includes(path)) {
      warn(field, `\`${written}\` is already in \`redirectFrom\``, at);
      return;
    }
    writtenAt[oldAddresses.length] = at;
    oldAddresses.push(path);
    warn(field, `\`${written}\` is kept as an old address (\`redirectFrom\`): it sends readers to ${here}, where the page is published`, at);
  };

  if (data.permalink === false) {
    if (data.draft === undefined) data.draft = true;
    warn(
      "permalink",
      "`false` is Eleventy's way of writing no page: read as `draft: true`, so the build leaves the page out and the dev server still shows it",
    );
  } else if ("permalink" in data) {
    keep("permalink", data.permalink, ["permalink"]);
    addressGiven = "permalink";
  }
  delete data.permalink;
  if (typeof data.url === "string" && /^https?:\/\//i.test(data.url.trim()) && !("source" in data)) {
    warn("url", "read as `source` (a web clipper's address of the page it saved): shown as where the page was first published");
    data.source = data.url.trim();
    writtenAs.set("source", ["url"]);
    delete data.url;
  }
  if ("url" in data) {
    keep("url", data.url, ["url"]);
    addressGiven ??= "url";
    delete data.url;
  }
  // Hugo's aliases are old paths; Obsidian's are other names for the note, for wiki links. Only a path starts with /.
  if (Array.isArray(data.aliases)) {
    const names: unknown[] = [];
    data.aliases.forEach((alias, index) => {
      if (typeof alias === "string" && alias.trim().startsWith("/")) keep("aliases", alias, ["aliases", index]);
      else names.push(alias);
    });
    if (names.length) data.aliases = names;
    else delete data.aliases;
  }
  if ("slug" in data && url !== undefined) {
    const slug = data.slug;
    delete data.slug;
    const folder = url.replace(/[^/]+\/$/, "");
    if (addressGiven) warn("slug", `ignored: \`${addressGiven}\` already gives the page's whole address`);
    else if (url === "/") warn("slug", "ignored: the home page's address is /");
    else if (typeof slug !== "string" && typeof slug !== "number") warn("slug", `ignored: expected the last part of the address, found ${shownValue(slug)}`);
    else if (/[/?#\\]/.test(String(slug)) || !String(slug).trim()) warn("slug", `ignored: \`${slug}\` is not the last part of an address: it must have no /, ? or #`);
    else keep("slug", `${folder}${encodeURIComponent(String(slug).trim())}/`, ["slug"]);
  }
  if (oldAddresses.length) data.redirectFrom = oldAddresses;
}

/**
 * Eleventy's navigation plugin places a page by `eleventyNavigation`'s `key`, `parent` and `order`.
 * Here the folder tree places it: `order` is read as the page's order among its folder's pages, and
 * a `parent` asks for the section navigation made from the folder's pages.
 */
function readEleventyNavigation(data: Record<string, unknown>, warn: Warn, writtenAs: Map<string, FieldPath>): void {
  if (!("eleventyNavigation" in data)) return;
  const navigation = data.eleventyNavigation;
  delete data.eleventyNavigation;
  if (!isPlainObject(navigation)) {
    warn("eleventyNavigation", "ignored: Eleventy's navigation is a set of fields such as `key`, `parent` and `order`");
    return;
  }
  const read: string[] = [];
  const { order, parent, key, title } = navigation;
  if (order !== undefined) {
    if (typeof order !== "number" || !Number.isInteger(order)) read.push(`its \`order\` ${shownValue(order)} is not a whole number, so it is not read`);
    else if ("order" in data) read.push("its `order` is not read, as `order` is already set");
    else {
      data.order = order;
      writtenAs.set("order", ["eleventyNavigation", "order"]);
      read.push(`\`order: ${order}\` places the page among its folder's pages`);
    }
  }
  if (parent !== undefined) {
    const named = typeof parent === "string" ? `"${parent}"` : shownValue(parent);
    if ("sectionNav" in data || "sectionNavFromFolder" in data) {
      read.push(`\`parent: ${named}\` is not read, as the page sets its own section navigation`);
    } else {
      data.sectionNavFromFolder = true;
      writtenAs.set("sectionNavFromFolder", ["eleventyNavigation", "parent"]);
      read.push(
        `\`parent: ${named}\` is read as the folder the page is in: its section navigation is made from that folder's pages (\`sectionNavFromFolder: true\`, shown with \`layout: section\` or \`side-nav\`)`,
      );
    }
  }
  const label = typeof title === "string" && title.trim() ? title.trim() : typeof key === "string" && key.trim() ? key.trim() : undefined;
  if (!("title" in data) && label) {
    data.title = label;
    writtenAs.set("title", ["eleventyNavigation", typeof title === "string" && title.trim() ? "title" : "key"]);
    read.push(`"${label}" is the page's title, as it sets no \`title\``);
  } else if (key !== undefined || title !== undefined) {
    read.push("navigation shows the page's `title`");
  }
  warn("eleventyNavigation", `read Eleventy's navigation: ${read.join("; ")}`);
}
