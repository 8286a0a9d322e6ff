import { z } from "zod";
import { FrontMatter, type NavigationGroupItem, type NavigationLink } from "../schema/front-matter.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { resolveNavigationKey, type NavigationData, type NavigationSources } from "./navigation-data.ts";
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
  /** The navigation file or files names are looked up in, for messages: content/_data/navigation.yaml or content/_data/navigation.json. */
  file: string;
  /** The file each name is defined in, for messages about a name. */
  definedIn?: NavigationSources;
}

const unionMessages = (navigationFile: string): Record<string, string> => ({
  sectionNav: `expected the name of a \`sectionNav\` list in ${navigationFile}, or a list of groups with \`title\` and \`items\``,
  customNav: `expected the name of a \`customNav\` list in ${navigationFile}, or a list of links with \`text\` and \`href\``,
});

type Schema = z.core.$ZodType;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** An empty value, which an optional field takes to mean "not given": nothing, blank text, or an empty list or set of fields that the field could not hold anyway. */
function isEmptyValue(value: unknown, given: Schema): boolean {
  if (value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value) && value.length === 0) return !z.safeParse(given, []).success;
  if (isPlainObject(value) && Object.keys(value).length === 0) return !z.safeParse(given, {}).success;
  return false;
}

/** The options of a union (`sectionNav`: a name or a list), or the schema itself. */
const optionsOf = (schema: Schema): Schema[] => (schema instanceof z.ZodUnion ? [...schema.options] : [schema]);

/** Copies `value` without the optional fields that are empty, at any depth the schema describes, noting the path of each. */
function withoutEmpty(schema: Schema, value: unknown, fieldPath: (string | number)[], leftOut: (string | number)[][]): unknown {
  const shapes = optionsOf(schema instanceof z.ZodOptional ? schema.unwrap() : schema);
  if (Array.isArray(value)) {
    const list = shapes.find((option): option is z.ZodArray => option instanceof z.ZodArray);
    return list ? value.map((item, index) => withoutEmpty(list.element, item, [...fieldPath, index], leftOut)) : value;
  }
  const object = isPlainObject(value) ? shapes.find((option): option is z.ZodObject => option instanceof z.ZodObject) : undefined;
  if (!object) return value;
  const kept: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value as Record<string, unknown>)) {
    const fieldSchema = object.shape[field] as Schema | undefined;
    if (fieldSchema instanceof z.ZodOptional && isEmptyValue(fieldValue, fieldSchema.unwrap())) {
      leftOut.push([...fieldPath, field]);
      continue;
    }
    kept[field] = fieldSchema ? withoutEmpty(fieldSchema, fieldValue, [...fieldPath, field], leftOut) : fieldValue;
  }
  return kept;
}

/**
 * Leaves out optional fields written with an empty value (`description: ''`, `caption:` with nothing
 * after it, `description: null`, an empty list where one needs items), at any depth, with a warning
 * for each: the Defra service manual writes empty fields to mean "none", as its templates skip them.
 * A page's empty field then takes its folder's default, if there is one, like a field not written.
 * Required fields (`title`, a link's `href`) are left for the schema to report.
 */
export function leaveOutEmptyValues(
  data: Record<string, unknown>,
  locate: Locate,
  schema: z.ZodObject = FrontMatter,
): { data: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const leftOut: (string | number)[][] = [];
  const kept = withoutEmpty(schema, data, [], leftOut) as Record<string, unknown>;
  const diagnostics = leftOut.map((fieldPath): Diagnostic => ({ severity: "warning", ...locate(fieldPath), field: fieldPath.join("."), message: "is empty, so it is left out" }));
  return { data: kept, diagnostics };
}

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
  const navigation = options.navigation ?? { navigation: {}, file: "content/_data/navigation.yaml or content/_data/navigation.json" };
  const { data: given, diagnostics } = leaveOutEmptyValues(data, locate);
  data = given;
  const at = (field: string) => ({ ...locate([field]), field });
  for (const field of Object.keys(data)) {
    if (!KNOWN_FIELDS.has(field)) {
      diagnostics.push({ severity: "warning", ...at(field), message: `is not a field this site uses, so it is ignored${didYouMean(field, KNOWN_FIELDS)}` });
    }
  }
  const known = Object.fromEntries(Object.entries(data).filter(([field]) => KNOWN_FIELDS.has(field)));
  const result = FrontMatter.safeParse(known);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(known, result.error.issues, locate, unionMessages(navigation.file)));
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
    const resolved = resolveNavigationKey(kind, value, navigation.navigation, navigation.file, navigation.definedIn);
    // `auto` is a name a list may have, so the navigation made from the folder is a field of its own.
    const fromFolder = kind === "sectionNav" && value.toLowerCase() === "auto" ? "; to make the section navigation from the folder's pages, write `sectionNavFromFolder: true` instead" : "";
    if (resolved.message) diagnostics.push({ severity: "error", ...at(kind), message: `${resolved.message}${fromFolder}` });
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
