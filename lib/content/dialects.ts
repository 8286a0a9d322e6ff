import type { Diagnostic } from "../diagnostics.ts";
import type { FrontMatterSource } from "./front-matter-source.ts";

/** Layout names other tools use, and the layout of ours that serves the same purpose. */
export const LAYOUT_ALIASES: Record<string, string> = {
  post: "two-thirds",
  resource: "two-thirds",
  page: "two-thirds",
  default: "two-thirds",
};

// Obsidian's web clipper appends a Zettelkasten id (YYYYMMDDHHmm[ss]) to titles.
const CLIPPING_ID = /\s+\d{12}(?:\d{2})?$/;

/**
 * Rewrites front matter from other tools' dialects (Jekyll, Obsidian, Hugo) into the site's own,
 * reporting each change so the editor knows what was read and how.
 */
export function normaliseDialect(file: string, source: FrontMatterSource): { data: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const data: Record<string, unknown> = { ...source.data };
  const diagnostics: Diagnostic[] = [];
  const warn = (field: string, message: string) =>
    diagnostics.push({ severity: "warning", file, line: source.lineOf([field]), field, message });
  const rename = (from: string, to: string, why: string) => {
    if (!(from in data)) return;
    if (to in data) warn(from, `ignored: \`${to}\` is already set (${why})`);
    else {
      data[to] = data[from];
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

  if (typeof data.layout === "string" && LAYOUT_ALIASES[data.layout]) {
    warn("layout", `\`${data.layout}\` is another tool's layout; using \`${LAYOUT_ALIASES[data.layout]}\``);
    data.layout = LAYOUT_ALIASES[data.layout];
  }
  rename("subtitle", "description", "Jekyll's subtitle is our lede");
  rename("date", "published", "Jekyll's post date");
  rename("created", "published", "Obsidian's date the note was made");
  rename("modified", "lastUpdated", "Obsidian's date the note last changed");
  rename("last_reviewed_on", "lastReviewed", "the Tech Docs Template's review date");
  rename("review_in", "reviewIn", "the Tech Docs Template's review period");
  rename("owner_slack", "owner", "the Tech Docs Template's page owner");
  rename("redirect_from", "redirectFrom", "jekyll-redirect-from's old addresses");
  if (typeof data.redirectFrom === "string") data.redirectFrom = [data.redirectFrom];

  for (const field of ["tags", "aliases"]) {
    if (typeof data[field] === "string") {
      data[field] = (data[field] as string).split(field === "tags" ? /[,\s]+/ : /,/).map((item) => item.trim()).filter(Boolean);
      warn(field, `read as a list: ${(data[field] as string[]).map((item) => `"${item}"`).join(", ")}`);
    }
  }
  if (Array.isArray(data.tags) && data.tags.some((tag) => typeof tag === "string" && tag.startsWith("#"))) {
    data.tags = data.tags.map((tag) => (typeof tag === "string" ? tag.replace(/^#/, "") : tag));
    warn("tags", "removed the `#` from the start of tags: front matter tags are written without it");
  }

  if ("nav-breadcrumbs" in data) {
    const crumbs = data["nav-breadcrumbs"];
    if (Array.isArray(crumbs) && crumbs.every((crumb) => crumb && typeof crumb === "object" && Object.keys(crumb).length === 1)) {
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
    diagnostics.push({ severity: "warning", file, line: 1, message: "read Hugo's TOML front matter (+++); the site's own dialect is YAML (---)" });
  }
  return { data, diagnostics };
}
