import path from "node:path";
import { z } from "zod";
import { NavigationGroup, NavigationItem, type NavigationGroupItem, type NavigationLink } from "../schema/front-matter.ts";
import { readDataFile, readYamlDataFile } from "./data-file.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { didYouMean, nearest } from "./nearest.ts";
import type { PositionedData } from "./positioned-yaml.ts";
import { issuesToDiagnostics, type Locate } from "./schema-issues.ts";

/** Navigation lists shared by many pages, named so front matter can say `sectionNav: product-and-delivery`. */
export const NavigationData = z.object({
  /** Section navigations, by name: each a list of groups of links, as `sectionNav` takes inline. */
  sectionNav: z.record(z.string(), z.array(NavigationGroup)).optional(),
  /** Replacements for the main navigation, by name: each a list of links, as `customNav` takes inline. */
  customNav: z.record(z.string(), z.array(NavigationItem)).optional(),
});
export type NavigationData = z.infer<typeof NavigationData>;

/** The navigation files, relative to the content folder: JSON keyed by kind, and YAML as the Defra service manual writes it. */
export const NAVIGATION_FILE = path.join("_data", "navigation.json");
export const NAVIGATION_YAML_FILE = path.join("_data", "navigation.yaml");

type Kind = "sectionNav" | "customNav";
const KINDS: readonly Kind[] = ["sectionNav", "customNav"];

/** The file that defines each navigation name, by kind, for messages about a name. */
export type NavigationSources = Record<Kind, Map<string, string>> & {
  /** Names whose lists have errors of their own, each with its file: a page naming one is told to fix that first. */
  broken: Map<string, string>;
};

/** The named navigation lists of both files, and what messages about them should name. */
export interface LoadedNavigation {
  navigation: NavigationData;
  /** The file (or files) a page's navigation name is looked up in, for messages. */
  file: string;
  /** The file each name is defined in. */
  definedIn: NavigationSources;
  diagnostics: Diagnostic[];
}

/** One named list as read, before names from the two files are put together. */
interface Entry {
  kinds: Kind[];
  name: string;
  /** Where the name is written: `sectionNav.name` in the keyed form, `name` in the named form. */
  field: string;
  value: unknown[];
  file: string;
  line?: number;
}

const KIND_WORDS: Record<Kind, string> = { sectionNav: "a list of groups, each with `title` and `items`", customNav: "a list of links, each with `text` and `href`" };

/** Reads the keyed form `{ sectionNav: { name: […] }, customNav: { name: […] } }`, validated as a whole. */
function keyedEntries(data: Record<string, unknown>, keys: string[], file: string, lineOf: PositionedData["lineOf"], diagnostics: Diagnostic[]): Entry[] {
  const keyed = Object.fromEntries(keys.map((key) => [key, data[key]]));
  const result = NavigationData.safeParse(keyed);
  if (!result.success) {
    const locate: Locate = (fieldPath) => ({ file, line: lineOf(fieldPath) });
    diagnostics.push(...issuesToDiagnostics(keyed, result.error.issues, locate));
    return [];
  }
  return KINDS.flatMap((kind) => Object.entries(result.data[kind] ?? {}).map(([name, value]) => ({ kinds: [kind], name, field: `${kind}.${name}`, value, file, line: lineOf([kind, name]) })));
}

/**
 * Reads one list of the named form (`name:` and its list at the top level). Its shape says which field
 * may name it: groups for `sectionNav`, links for `customNav`, and an empty list either.
 */
function namedEntry(name: string, value: unknown, file: string, lineOf: PositionedData["lineOf"], diagnostics: Diagnostic[]): Entry | { broken: string } {
  const line = lineOf([name]);
  if (!Array.isArray(value)) {
    const keyedKind = nearest(name, KINDS);
    const hint = keyedKind && value && typeof value === "object" ? ` (did you mean \`${keyedKind}\`, which holds lists by name?)` : "";
    diagnostics.push({ severity: "error", file, line, field: name, message: `expected a navigation list: ${KIND_WORDS.sectionNav} for \`sectionNav\`, or ${KIND_WORDS.customNav} for \`customNav\`${hint}` });
    return { broken: name };
  }
  if (!value.length) return { kinds: [...KINDS], name, field: name, value, file, line };
  // The first item decides: a group has `items` (or a `title`), a link has `text` and `href`.
  const first = value[0] as Record<string, unknown> | null;
  const kind: Kind = first && typeof first === "object" && ("items" in first || ("title" in first && !("href" in first))) ? "sectionNav" : "customNav";
  const schema = kind === "sectionNav" ? z.array(NavigationGroup) : z.array(NavigationItem);
  const result = schema.safeParse(value);
  if (!result.success) {
    const locate: Locate = (fieldPath) => ({ file, line: lineOf([name, ...fieldPath]) });
    const shape = `is ${kind === "sectionNav" ? "a section navigation" : "a list of links"}, so `;
    diagnostics.push(
      ...issuesToDiagnostics(value, result.error.issues, locate).map((diagnostic) => ({
        ...diagnostic,
        field: [name, ...(diagnostic.field ? [diagnostic.field] : [])].join("."),
        message: diagnostic.field ? diagnostic.message : `${shape}${diagnostic.message}`,
      })),
    );
    return { broken: name };
  }
  return { kinds: [kind], name, field: name, value: result.data, file, line };
}

/**
 * The lists of one navigation file. A top-level `sectionNav` or `customNav` that holds a set of
 * named lists is the keyed form (navigation.json's); every other top-level name is a list's own name,
 * as the Defra service manual's navigation.yaml writes them. The two can sit in one file.
 */
function entriesOf(value: PositionedData, file: string, allowNamed: boolean, diagnostics: Diagnostic[], broken: Map<string, string>): Entry[] {
  const data = value.data as Record<string, unknown>;
  const isMapping = (field: unknown) => field !== null && typeof field === "object" && !Array.isArray(field);
  // In navigation.json every list is under its kind; in navigation.yaml a kind holding a list is that list's name.
  const isKeyed = (key: string) => (KINDS as readonly string[]).includes(key) && (!allowNamed || isMapping(data[key]));
  const keys = Object.keys(data);
  const entries = keyedEntries(data, keys.filter(isKeyed), file, value.lineOf, diagnostics);
  for (const key of keys.filter((key) => !isKeyed(key))) {
    if (!allowNamed) {
      diagnostics.push({ severity: "warning", file, line: value.lineOf([key]), field: key, message: `is not a kind of navigation this site uses, so it is ignored${didYouMean(key, KINDS)}; use \`sectionNav\` or \`customNav\`` });
      continue;
    }
    const entry = namedEntry(key, data[key], file, value.lineOf, diagnostics);
    if ("broken" in entry) broken.set(entry.broken, file);
    else entries.push(entry);
  }
  return entries;
}

/** Reads navigation.yaml: a set of named lists, or the keyed form navigation.json has. */
async function readNavigationYaml(absolutePath: string, file: string): Promise<{ value?: PositionedData; diagnostics: Diagnostic[] }> {
  const { value, diagnostics } = await readYamlDataFile(absolutePath, file);
  if (!value) return { diagnostics };
  // A file of comments only reads as nothing: no lists yet.
  if (value.data === null || value.data === undefined) return { value: { ...value, data: {} }, diagnostics };
  if (typeof value.data !== "object" || Array.isArray(value.data)) {
    diagnostics.push({ severity: "error", file, line: 1, message: "must be a set of named lists: each a name, `:`, and its list below it" });
    return { diagnostics };
  }
  return { value, diagnostics };
}

/**
 * Reads the named navigation lists: content/_data/navigation.json (lists under `sectionNav` and
 * `customNav`) and content/_data/navigation.yaml (each list under its own name, or the same keyed form).
 * Either or both may be there; an absent file is an empty one. A name defined twice is an error naming both places.
 */
export async function loadNavigationData(contentDir: string, projectRoot: string): Promise<LoadedNavigation> {
  const shown = (relative: string) => path.relative(projectRoot, path.join(contentDir, relative));
  const [jsonFile, yamlFile] = [shown(NAVIGATION_FILE), shown(NAVIGATION_YAML_FILE)];
  const [json, yaml] = await Promise.all([readDataFile(path.join(contentDir, NAVIGATION_FILE), jsonFile), readNavigationYaml(path.join(contentDir, NAVIGATION_YAML_FILE), yamlFile)]);
  const diagnostics = [...json.diagnostics, ...yaml.diagnostics];
  const definedIn: NavigationSources = { sectionNav: new Map(), customNav: new Map(), broken: new Map() };
  const entries = [
    ...(json.value ? entriesOf(json.value, jsonFile, false, diagnostics, definedIn.broken) : []),
    ...(yaml.value ? entriesOf(yaml.value, yamlFile, true, diagnostics, definedIn.broken) : []),
  ];
  const navigation: Required<NavigationData> = { sectionNav: {}, customNav: {} };
  const firstAt = new Map<string, Entry>();
  for (const entry of entries) {
    const earlier = entry.kinds.map((kind) => firstAt.get(`${kind}:${entry.name}`)).find(Boolean);
    if (earlier) {
      const where = (other: Entry) => `${other.file}${other.line ? ` line ${other.line}` : ""}`;
      diagnostics.push({ severity: "error", file: entry.file, line: entry.line, field: entry.field, message: `is also a navigation list in ${where(earlier)}: a name means one list, so rename or remove one of them` });
      continue;
    }
    for (const kind of entry.kinds) {
      firstAt.set(`${kind}:${entry.name}`, entry);
      definedIn[kind].set(entry.name, entry.file);
      Object.assign(navigation[kind], { [entry.name]: entry.value });
    }
  }
  // Messages name the files that are there, or both when neither is, as either would do.
  const present = [yaml.value && yamlFile, json.value && jsonFile].filter(Boolean);
  return { navigation, file: (present.length ? present : [yamlFile, jsonFile]).join(" or "), definedIn, diagnostics };
}

type Resolved<Kind extends keyof NavigationData> = Kind extends "sectionNav" ? NavigationGroupItem[] : NavigationLink[];

/**
 * Looks up a navigation a page names by key. An unknown key is an error that names the key, the
 * navigation file and the nearest key that does exist; a list of the other shape (links named by
 * `sectionNav`) is an error saying which field takes it.
 */
export function resolveNavigationKey<K extends Kind>(
  kind: K,
  key: string,
  navigation: NavigationData,
  navigationFile: string,
  definedIn?: NavigationSources,
): { value?: Resolved<K>; message?: string } {
  const lists = (navigation[kind] ?? {}) as Record<string, Resolved<K>>;
  if (Object.hasOwn(lists, key)) return { value: lists[key] };
  const other: Kind = kind === "sectionNav" ? "customNav" : "sectionNav";
  if (Object.hasOwn(navigation[other] ?? {}, key)) {
    const file = definedIn?.[other].get(key) ?? navigationFile;
    const holds = other === "customNav" ? "a list of links, which `customNav` takes" : "a section navigation (groups of links), which `sectionNav` takes";
    return { message: `names "${key}" in ${file}, which is ${holds}; \`${kind}\` takes ${KIND_WORDS[kind]}` };
  }
  const brokenIn = definedIn?.broken.get(key);
  if (brokenIn) return { message: `names "${key}" in ${brokenIn}, which cannot be used until the errors reported in it are fixed` };
  const names = Object.keys(lists);
  const suggestion = nearest(key, names);
  const known = names.length ? `; the names there are ${names.map((name) => `\`${name}\``).join(", ")}` : `; it has no \`${kind}\` lists yet`;
  return {
    message: `there is no \`${kind}\` list called "${key}" in ${navigationFile}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ""}${known}`,
  };
}
