import { FrontMatter, type NavigationGroupItem, type NavigationLink } from "../schema/front-matter.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { resolveNavigationKey, type NavigationData } from "./navigation-data.ts";
import { didYouMean } from "./nearest.ts";
import { issuesToDiagnostics, type Locate } from "./schema-issues.ts";

/** A page's front matter once validated, defaults merged and navigation names looked up: what the site model reads. */
export type PageFrontMatter = Omit<FrontMatter, "sectionNav" | "customNav" | "breadcrumbItems"> & {
  sectionNav?: NavigationGroupItem[];
  customNav?: NavigationLink[];
};

/** Every field the site's own dialect has. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(FrontMatter.shape));

/** The navigation lists front matter may name by key. */
export interface NavigationContext {
  navigation: NavigationData;
  /** The navigation file, for messages: content/_data/navigation.json. */
  file: string;
}

const UNION_MESSAGES: Record<string, string> = {
  sectionNav: "expected the name of a `sectionNav` list in content/_data/navigation.json, or a list of groups with `title` and `items`",
  customNav: "expected the name of a `customNav` list in content/_data/navigation.json, or a list of links with `text` and `href`",
};

/**
 * Validates a page's front matter (its own fields over its folders' defaults) against the one schema,
 * then the rules that span fields. Never throws on any input: every problem is a diagnostic.
 */
export function validateFrontMatter(
  data: Record<string, unknown>,
  locate: Locate,
  options: {
    navigation?: NavigationContext;
    /** The fields the page itself sets, as opposed to its folders' defaults; all of them when not given. */
    ownFields?: ReadonlySet<string>;
  } = {},
): { frontMatter?: PageFrontMatter; diagnostics: Diagnostic[] } {
  const navigation = options.navigation ?? { navigation: {}, file: "content/_data/navigation.json" };
  const diagnostics: Diagnostic[] = [];
  const at = (field: string) => ({ ...locate([field]), field });
  for (const field of Object.keys(data)) {
    if (!KNOWN_FIELDS.has(field)) {
      diagnostics.push({ severity: "warning", ...at(field), message: `is not a field this site uses, so it is ignored${didYouMean(field, KNOWN_FIELDS)}` });
    }
  }
  const known = Object.fromEntries(Object.entries(data).filter(([field]) => KNOWN_FIELDS.has(field)));
  const result = FrontMatter.safeParse(known);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(known, result.error.issues, locate, UNION_MESSAGES));
    return { diagnostics };
  }
  const { breadcrumbItems, sectionNav, customNav, ...rest } = result.data;
  const frontMatter: PageFrontMatter = { ...rest };

  if (breadcrumbItems && rest.breadcrumbs) {
    diagnostics.push({ severity: "warning", ...at("breadcrumbItems"), message: "ignored: `breadcrumbs` is also set, and they are two names for one field" });
  }
  frontMatter.breadcrumbs = rest.breadcrumbs ?? breadcrumbItems;

  for (const [kind, value] of [["sectionNav", sectionNav], ["customNav", customNav]] as const) {
    if (typeof value !== "string") {
      if (value) Object.assign(frontMatter, { [kind]: value });
      continue;
    }
    const resolved = resolveNavigationKey(kind, value, navigation.navigation, navigation.file);
    if (resolved.message) diagnostics.push({ severity: "error", ...at(kind), message: resolved.message });
    else Object.assign(frontMatter, { [kind]: resolved.value });
  }

  // A folder's section navigation is meant for its section pages; a page there may choose another layout.
  if (frontMatter.sectionNav && (frontMatter.layout ?? "two-thirds") !== "section" && (options.ownFields?.has("sectionNav") ?? true)) {
    diagnostics.push({ severity: "warning", ...at("sectionNav"), message: `only shows with \`layout: section\`, and this page's layout is \`${frontMatter.layout ?? "two-thirds"}\`` });
  }
  if (frontMatter.published && frontMatter.lastUpdated && frontMatter.lastUpdated < frontMatter.published) {
    diagnostics.push({ severity: "warning", ...at("lastUpdated"), message: "is before `published`: check the dates" });
  }
  if (diagnostics.some((diagnostic) => diagnostic.severity === "error")) return { diagnostics };
  return { frontMatter, diagnostics };
}
