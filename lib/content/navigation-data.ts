import path from "node:path";
import { z } from "zod";
import { NavigationGroup, NavigationItem, type NavigationGroupItem, type NavigationLink } from "../schema/front-matter.ts";
import { readDataFile } from "./data-file.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { didYouMean, nearest } from "./nearest.ts";
import { issuesToDiagnostics, type Locate } from "./schema-issues.ts";

/** Navigation lists shared by many pages, named so front matter can say `sectionNav: product-and-delivery`. */
export const NavigationData = z.object({
  /** Section navigations, by name: each a list of groups of links, as `sectionNav` takes inline. */
  sectionNav: z.record(z.string(), z.array(NavigationGroup)).optional(),
  /** Replacements for the main navigation, by name: each a list of links, as `customNav` takes inline. */
  customNav: z.record(z.string(), z.array(NavigationItem)).optional(),
});
export type NavigationData = z.infer<typeof NavigationData>;

/** The navigation file, relative to the content folder. */
export const NAVIGATION_FILE = path.join("_data", "navigation.json");

/** Reads and validates content/_data/navigation.json; an absent file is an empty one. */
export async function loadNavigationData(contentDir: string, projectRoot: string): Promise<{ navigation: NavigationData; file: string; diagnostics: Diagnostic[] }> {
  const file = path.relative(projectRoot, path.join(contentDir, NAVIGATION_FILE));
  const { value, diagnostics } = await readDataFile(path.join(contentDir, NAVIGATION_FILE), file);
  if (!value) return { navigation: {}, file, diagnostics };
  const known = Object.keys(NavigationData.shape);
  for (const key of Object.keys(value.data as object)) {
    if (!known.includes(key)) {
      diagnostics.push({ severity: "warning", file, line: value.lineOf([key]), field: key, message: `is not a kind of navigation this site uses, so it is ignored${didYouMean(key, known)}; use \`sectionNav\` or \`customNav\`` });
    }
  }
  const result = NavigationData.safeParse(value.data);
  if (!result.success) {
    const locate: Locate = (fieldPath) => ({ file, line: value.lineOf(fieldPath) });
    diagnostics.push(...issuesToDiagnostics(value.data, result.error.issues, locate));
    return { navigation: {}, file, diagnostics };
  }
  return { navigation: result.data, file, diagnostics };
}

type Resolved<Kind extends keyof NavigationData> = Kind extends "sectionNav" ? NavigationGroupItem[] : NavigationLink[];

/**
 * Looks up a navigation a page names by key. An unknown key is an error that names the key,
 * the navigation file and the nearest key that does exist.
 */
export function resolveNavigationKey<Kind extends "sectionNav" | "customNav">(
  kind: Kind,
  key: string,
  navigation: NavigationData,
  navigationFile: string,
): { value?: Resolved<Kind>; message?: string } {
  const lists = (navigation[kind] ?? {}) as Record<string, Resolved<Kind>>;
  if (Object.hasOwn(lists, key)) return { value: lists[key] };
  const names = Object.keys(lists);
  const suggestion = nearest(key, names);
  const known = names.length ? `; the names there are ${names.map((name) => `\`${name}\``).join(", ")}` : `; it has no \`${kind}\` lists yet`;
  return {
    message: `there is no \`${kind}\` list called "${key}" in ${navigationFile}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ""}${known}`,
  };
}
