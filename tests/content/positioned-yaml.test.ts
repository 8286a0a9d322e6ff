import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseDocument, stringify } from "yaml";
import { parsePositionedYaml, readQuickly } from "../../lib/content/positioned-yaml.ts";

/** What the careful parser (`yaml`, YAML 1.2 core schema) reads, or undefined when it reports an error. */
function carefulRead(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  return document.errors.length ? undefined : (document.toJS({ maxAliasCount: 100 }) ?? null);
}

// Scalars the two YAML 1.2 core schemas could plausibly read differently.
const SCALARS = [
  "1", "-2", "+3", "012", "0o17", "0x1F", "0b101", "1_000", "1.5", ".5", "1e3", "-1.5E-2", ".inf", "-.Inf", ".nan", "NaN",
  "true", "True", "FALSE", "yes", "no", "on", "off", "y", "n", "null", "Null", "~", "", "2024-01-31", "2024-01-31T10:00:00Z",
  "12:30", "1:2:3", "'quoted'", '"double \\" quoted"', '"tab\\tand\\nnewline"', "'it''s'", "a # comment", "a #b", "#not",
  "http://example.com/a?b=c#d", "<b>html</b>", "[[Wiki link]]", "café ü", "[]", "{}", "[a, b]", "{a: 1}", "- item", "a: b",
  "key: value: more", "\"unterminated", "'unterminated", "@at", "`tick", "%percent", "!tag", "!!str 12", "!!int '7'", "|", ">",
  "...", "---", "? complex", "a\tb", "&anchor x", "*alias",
];
const KEYS = ["title", "description", "order", "tags", "breadcrumbs", "draft", "layout", "a", "1", "true", "null", "~", "NULL", "[a]", "{a: 1}", "? x", "- k", '"quoted key"', "'null'", "title"];
const INDENTS = ["", "  ", "    ", "\t"];

/** Front matter put together line by line from the pieces above: often invalid, sometimes odd, sometimes fine. */
const looseYaml = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS)).map(([indent, key, value]) => `${indent}${key}: ${value}`),
      fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...SCALARS)).map(([indent, value]) => `${indent}- ${value}`),
      fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...KEYS)).map(([indent, key]) => `${indent}${key}:`),
      fc.constantFrom("# a comment", "", "  |", "  line of a block", "description: >-", "  folded", "  text"),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 10 },
  )
  .map((lines) => lines.join("\n"));

/** Front matter as a tool writes it: any data the schema could hold, stringified. */
const writtenYaml = fc
  .dictionary(
    fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })),
    fc.oneof(
      fc.string(),
      fc.constantFrom(...SCALARS),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string(), fc.constantFrom(...SCALARS)), { maxKeys: 3 }),
    ),
    { maxKeys: 8 },
  )
  .map((data) => stringify(data));

describe("reading front matter quickly", () => {
  for (const [name, texts] of [
    ["put together line by line", looseYaml],
    ["written by a YAML library", writtenYaml],
  ] as const) {
    it(`gives exactly what the careful parser gives, or leaves the text to it: front matter ${name}`, () => {
      fc.assert(
        fc.property(texts, (text) => {
          const quick = readQuickly(text);
          if (!quick) return;
          const careful = carefulRead(text);
          assert.notEqual(careful, undefined, `the careful parser reports an error in text read quickly:\n${text}`);
          assert.deepEqual(quick.data, careful, `read differently:\n${text}`);
        }),
        { numRuns: Number(process.env.YAML_RUNS ?? 3000) },
      );
    });
  }

  it("leaves to the careful parser everything that needs a message or that the parsers could read differently", () => {
    for (const text of [
      "title: Padded ",
      'title: " padded "',
      "title: A\ntitle: B",
      "title: [unclosed",
      "order: 1_000",
      "order: 0b101",
      "base: &base x\ncopy: *base",
      "title: Fish\t",
      "null: x",
      "~: x",
      "[a]: x",
      "? complex\n: x",
      "tags: [{[a]: 1}]",
    ]) {
      assert.equal(readQuickly(text), undefined, text);
    }
  });

  it("still finds the line of any field when the front matter was read quickly", () => {
    const text = "title: A page\nbreadcrumbs:\n  - text: Home\n    href: /\n  - text: Guides\n    href: /guides/\n";
    const { value } = parsePositionedYaml(text, 2);
    assert.ok(readQuickly(text), "this text takes the quick path");
    assert.deepEqual(value?.data, { title: "A page", breadcrumbs: [{ text: "Home", href: "/" }, { text: "Guides", href: "/guides/" }] });
    assert.equal(value?.lineOf(["title"]), 2);
    assert.equal(value?.lineOf(["breadcrumbs", 1, "href"]), 7);
    assert.deepEqual(value?.trimmed, []);
  });
});
