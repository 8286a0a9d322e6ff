import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { z } from "zod";
import { DirectoryData } from "../content/directory-data.ts";
import { NavigationData } from "../content/navigation-data.ts";
import * as schema from "./front-matter.ts";

// Generates the editor-facing JSON Schemas and the README's field reference from the one zod schema
// and its JSDoc, so neither is kept by hand. A development tool: it reads TypeScript's own parser.

/** The objects the front matter is built from, each documented once and referred to by name. */
const PARTS = [
  { zod: schema.Breadcrumb, exported: "Breadcrumb", id: "breadcrumb", heading: "Breadcrumb", plural: "breadcrumbs" },
  { zod: schema.NavigationItem, exported: "NavigationItem", id: "link", heading: "Link", plural: "links" },
  {
    zod: schema.NavigationGroup,
    exported: "NavigationGroup",
    id: "navigationGroup",
    heading: "Navigation group",
    plural: "navigation groups",
  },
  { zod: schema.SupportBox, exported: "SupportBox", id: "supportBox", heading: "Support box", plural: "support boxes" },
  { zod: schema.ChangeNote, exported: "ChangeNote", id: "changeNote", heading: "Change note", plural: "change notes" },
] as const;

/** Words for the kinds of text the schema names; any other exported kind is described by its JSDoc. */
const SCALAR_WORDS: Record<string, [one: string, many: string]> = {
  Href: ["a link: a path on this site, or an http(s), mailto or tel URL", "links"],
  AuthorHtml: ["HTML", "pieces of HTML"],
  NavigationKey: [
    "a name in content/_data/navigation.yaml or navigation.json",
    "names in content/_data/navigation.yaml or navigation.json",
  ],
  SitePath: ["a path on this site, such as `/old-page/`", "paths on this site, such as `/old-page/`"],
};

/** Every exported text-like schema (Href, AuthorHtml …): registered by name so the JSON Schema refers to one definition. */
const SCALARS = Object.entries(schema)
  .filter(([name, value]) => value instanceof z.ZodType && !(value instanceof z.ZodObject) && name !== "CalendarDate")
  .map(([exported, zod]) => ({ exported, zod: zod as z.ZodType, id: exported[0].toLowerCase() + exported.slice(1) }));

interface Documented {
  doc: string;
  fields: Map<string, string>;
}

const commentText = (node: ts.Node) =>
  ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((jsDoc) => ts.getTextOfJSDocComment(jsDoc.comment) ?? "")
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();

/** The JSDoc of every exported const in lib/schema/front-matter.ts, and of each field of the z.object it builds. */
export function readSchemaDocs(file = path.join(import.meta.dirname, "front-matter.ts")): Map<string, Documented> {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const docs = new Map<string, Documented>();
  for (const statement of source.statements) {
    if (
      !ts.isVariableStatement(statement) ||
      !statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
    )
      continue;
    for (const declaration of statement.declarationList.declarations) {
      const fields = new Map<string, string>();
      const visit = (node: ts.Node): void => {
        // The first z.object({...}) in the initializer: refinements chained after it do not matter.
        // `z.object` compared without whitespace: a formatter may break `z\n  .object(` across lines.
        if (
          !fields.size &&
          ts.isCallExpression(node) &&
          node.expression.getText(source).replace(/\s+/g, "") === "z.object" &&
          node.arguments[0] &&
          ts.isObjectLiteralExpression(node.arguments[0])
        ) {
          for (const property of node.arguments[0].properties) {
            if (ts.isPropertyAssignment(property)) fields.set(property.name.getText(source), commentText(property));
          }
          return;
        }
        ts.forEachChild(node, visit);
      };
      if (declaration.initializer) visit(declaration.initializer);
      docs.set(declaration.name.getText(source), { doc: commentText(statement), fields });
    }
  }
  return docs;
}

type JsonSchema = Record<string, unknown>;

/** One of the JSON Schemas editors use: for page front matter, for folder defaults or for navigation.json. */
export function jsonSchema(
  kind: "front-matter" | "directory-data" | "navigation",
  docs = readSchemaDocs(),
): JsonSchema {
  const registry = z.registry<{ id: string }>();
  for (const part of [...PARTS, ...SCALARS]) registry.add(part.zod, { id: part.id });
  const root = { "front-matter": schema.FrontMatter, "directory-data": DirectoryData, navigation: NavigationData }[
    kind
  ];
  const result = z.toJSONSchema(root, {
    target: "draft-7", // the draft every YAML and JSON language server and ajv's default build read
    io: "input",
    metadata: registry,
    unrepresentable: "any",
    override: (context) => {
      if (context.zodSchema !== schema.CalendarDate) return;
      const json = context.jsonSchema as JsonSchema;
      for (const key of Object.keys(json)) delete json[key];
      Object.assign(json, { type: "string", format: "date" });
    },
  }) as JsonSchema;

  // Descriptions come from the JSDoc, added to the finished schema so no shared node is changed twice.
  const definitions = (result.definitions ?? {}) as Record<string, JsonSchema>;
  const describe = (objectSchema: JsonSchema | undefined, doc: Documented | undefined) => {
    if (!objectSchema || !doc) return;
    objectSchema.description = doc.doc;
    // Unknown fields are warnings in the build; editors underline them too.
    objectSchema.additionalProperties = false;
    const properties = (objectSchema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [field, property] of Object.entries(properties)) {
      const description = doc.fields.get(field);
      if (!description) continue;
      // Draft 7 ignores keywords beside $ref, so a described reference is wrapped.
      properties[field] = property.$ref
        ? { allOf: [{ $ref: property.$ref }], description }
        : { ...property, description };
    }
  };
  if (kind !== "navigation") describe(result, docs.get("FrontMatter"));
  for (const part of PARTS) describe(definitions[part.id], docs.get(part.exported));
  for (const scalar of SCALARS)
    if (definitions[scalar.id]) definitions[scalar.id].description = docs.get(scalar.exported)?.doc;
  // The registry's ids name the definitions; as a keyword, `id` is not draft 7 and strict validators refuse it.
  for (const definition of Object.values(definitions)) delete definition.id;
  if (kind === "navigation")
    describe(
      result,
      readSchemaDocs(path.join(import.meta.dirname, "..", "content", "navigation-data.ts")).get("NavigationData"),
    );
  const titles = {
    "front-matter": "Front matter of a page in content/",
    "directory-data": "Defaults for every page in a folder: content/<folder>/<folder>.11tydata.json",
    navigation: "Named navigation lists: content/_data/navigation.json",
  };
  return { $schema: result.$schema, title: titles[kind], ...result };
}

/** Plain words for what a field takes, read from its JSON Schema. */
function takes(node: JsonSchema, definitions: Record<string, JsonSchema>, plural = false): string {
  const ref = typeof node.$ref === "string" ? node.$ref.split("/").pop()! : undefined;
  if (ref) {
    const part = PARTS.find((candidate) => candidate.id === ref);
    if (part)
      return `${plural ? part.plural : `a ${part.heading.toLowerCase()}`} ([below](#${part.heading.toLowerCase().replace(/\s+/g, "-")}))`;
    const scalar = SCALARS.find((candidate) => candidate.id === ref);
    const doc = String(definitions[ref]?.description ?? "text").replace(/\.$/, "");
    const words =
      scalar &&
      (SCALAR_WORDS[scalar.exported] ?? [
        doc[0].toLowerCase() + doc.slice(1),
        `pieces of text, each ${doc[0].toLowerCase() + doc.slice(1)}`,
      ]);
    if (words) return plural ? words[1] : words[0];
    return takes(definitions[ref], definitions, plural);
  }
  if (Array.isArray(node.allOf) && node.allOf.length === 1)
    return takes(node.allOf[0] as JsonSchema, definitions, plural);
  if (Array.isArray(node.anyOf))
    return (node.anyOf as JsonSchema[]).map((option) => takes(option, definitions, plural)).join(", or ");
  if (Array.isArray(node.enum))
    return `one of ${(node.enum as unknown[]).map((value) => `\`${String(value)}\``).join(", ")}`;
  if (node.type === "array") return `a list of ${takes(node.items as JsonSchema, definitions, true)}`;
  if (node.format === "date") return plural ? "dates (YYYY-MM-DD)" : "a date, YYYY-MM-DD";
  if (node.type === "boolean") return "`true` or `false`";
  if (node.type === "integer") return plural ? "whole numbers" : "a whole number";
  if (node.type === "string") return plural ? "pieces of text" : "text";
  return "any value";
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(objectSchema: JsonSchema, definitions: Record<string, JsonSchema>): string {
  const required = new Set((objectSchema.required ?? []) as string[]);
  const rows = Object.entries(objectSchema.properties as Record<string, JsonSchema>).map(
    ([field, property]) =>
      `| \`${field}\`${required.has(field) ? " (required)" : ""} | ${cell(takes(property, definitions))} | ${cell(String(property.description ?? ""))} |`,
  );
  return ["| field | takes | what it does |", "| --- | --- | --- |", ...rows].join("\n");
}

/** The README's front matter reference: every field with what it takes and what it does, then each part. */
export function fieldReference(docs = readSchemaDocs()): string {
  const frontMatter = jsonSchema("front-matter", docs);
  const definitions = (frontMatter.definitions ?? {}) as Record<string, JsonSchema>;
  const sections = [
    "<!-- Generated from lib/schema/front-matter.ts by `npm run schema`: edit the schema's comments, not this table. -->",
    table(frontMatter, definitions),
    ...PARTS.map(
      (part) =>
        `#### ${part.heading}\n\n${docs.get(part.exported)?.doc ?? ""}\n\n${table(definitions[part.id], definitions)}`,
    ),
  ];
  return sections.join("\n\n");
}

export const README_MARKERS = { start: "<!-- front-matter-fields:start -->", end: "<!-- front-matter-fields:end -->" };

/** The README with its generated field reference brought up to date between the markers. */
export function readmeWithReference(readme: string, reference = fieldReference()): string {
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  if (start === -1 || end < start)
    throw new Error(`README.md needs the markers ${README_MARKERS.start} and ${README_MARKERS.end}`);
  return `${readme.slice(0, start + README_MARKERS.start.length)}\n${reference}\n${readme.slice(end)}`;
}

/** Where each generated schema is committed, relative to the project root. */
export const SCHEMA_FILES = {
  "front-matter": "schemas/front-matter.schema.json",
  "directory-data": "schemas/directory-data.schema.json",
  navigation: "schemas/navigation.schema.json",
} as const;
