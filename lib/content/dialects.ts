import type { Diagnostic } from "./diagnostics.ts";
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
  rename("breadcrumbItems", "breadcrumbs", "another name for breadcrumbs");

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
