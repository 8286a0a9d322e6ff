import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { SCHEMA_FILES, jsonSchema, readSchemaDocs, readmeWithReference } from "../lib/schema/front-matter-reference.ts";

// Regenerates the JSON Schemas editors validate against and the README's front matter reference
// from lib/schema/front-matter.ts. A test fails when either is out of date.
const docs = readSchemaDocs();
for (const [kind, file] of Object.entries(SCHEMA_FILES) as [keyof typeof SCHEMA_FILES, string][]) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(jsonSchema(kind, docs), null, 2)}\n`);
  console.log(`Wrote ${file}`);
}
writeFileSync("README.md", readmeWithReference(readFileSync("README.md", "utf8")));
console.log("Updated the front matter reference in README.md");
