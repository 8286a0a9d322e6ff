import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { remark } from "remark";
import {
  SCHEMA_FILES,
  jsonSchema,
  readSchemaDocs,
  readmeWithReference,
} from "../../lib/schema/front-matter-reference.ts";
import { FrontMatter, LAYOUTS } from "../../lib/schema/front-matter.ts";
import { projectRoot } from "../helpers/built-site.ts";

const read = (file: string) => readFileSync(path.join(projectRoot, file), "utf8");

describe("the generated front matter reference", () => {
  it("documents every field of the schema with a comment", () => {
    const docs = readSchemaDocs();
    const fields = docs.get("FrontMatter")!.fields;
    assert.deepEqual([...fields.keys()], Object.keys(FrontMatter.shape));
    for (const [name, { doc, fields: partFields }] of docs) {
      assert.ok(doc, `${name} has a JSDoc summary`);
      for (const [field, comment] of partFields) assert.ok(comment, `${name}.${field} has a JSDoc comment`);
    }
  });

  for (const [kind, file] of Object.entries(SCHEMA_FILES) as [keyof typeof SCHEMA_FILES, string][]) {
    it(`${file} is up to date (run \`npm run schema\`)`, () => {
      assert.deepEqual(JSON.parse(read(file)), jsonSchema(kind));
    });
  }

  it("README.md's field table is up to date (run `npm run schema`)", () => {
    const readme = read("README.md");
    assert.equal(readme, readmeWithReference(readme));
    assert.match(
      readme,
      /\| `sectionNav` \| a name in content\/_data\/navigation\.yaml or navigation\.json, or a list of navigation groups/,
    );
  });
});

describe("front matter checking in editors (.remarkrc.mjs, as VS Code's remark extension runs it)", () => {
  const check = async (file: string, text: string) => {
    const { default: config } = await import(path.join(projectRoot, ".remarkrc.mjs"));
    const vfile = await remark().use(config).process({ path: file, value: text, cwd: projectRoot });
    return vfile.messages.map((message) => `${message.line}: ${message.reason.split(" • ")[0]}`);
  };

  it("underlines wrong front matter in a content page, with its line", async () => {
    const messages = await check(
      "content/guides/page.md",
      "---\ntitle: A page\nlayout: sectoin\nbreadcrumbs: Home\n---\n\nText.\n",
    );
    assert.deepEqual(messages, [
      `3: Must be equal to one of the allowed values: ${LAYOUTS.map((name) => `\`${name}\``).join(", ")}`,
      "4: Must be array",
    ]);
  });

  it("finds nothing wrong in the site's own pages", async () => {
    const pages = readdirSync(path.join(projectRoot, "content"), { recursive: true, encoding: "utf8" }).filter((file) =>
      file.endsWith(".md"),
    );
    assert.ok(pages.length > 10);
    for (const page of pages) {
      assert.deepEqual(await check(path.join("content", page), read(path.join("content", page))), [], page);
    }
  });
});
