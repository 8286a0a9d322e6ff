import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseDocument, stringify } from "yaml";
import { MAX_NESTING, parsePositionedYaml, readQuickly, tooDeepAt } from "../../lib/content/positioned-yaml.ts";
import { propertyRuns } from "../helpers/fast-run.ts";

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
        { numRuns: Number(process.env.YAML_RUNS ?? propertyRuns(3000)) },
      );
    });
  }

  it("leaves to the careful parser everything that needs a message or that the parsers could read differently", () => {
    for (const text of [
      // A list item dedented past its list, which js-yaml joins to that list and YAML refuses.
      "title:\n    - #not\n- 1",
      "tags:\n    - a\n  - b",
      // A line left of the first: outside the top level, which js-yaml read as one list.
      "    title:\n    - #not\n- 1",
      "  title: a\nother: b",
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
      // A quoted value or flow collection running on to a line YAML needs indented further: js-yaml reads on.
      "title: 'unterminated\n!'",
      'title: "a\nb"',
      "x:\n  - k: 'a\n    b'",
      "title: 'a\n\nb'",
      "title: !!str 'a\nb'",
      "tags: [a,\nb]",
      "tags: ['a]',\nb]",
      "meta: {a: 1,\nb: 2}",
    ]) {
      assert.equal(readQuickly(text), undefined, text);
    }
  });

  it("reads lists quickly however they are indented, while each item continues its own list", () => {
    for (const text of [
      "tags:\n- a\n- b",
      "tags:\n  - a\n  - b\ntitle: T",
      "breadcrumbs:\n  - text: Home\n    href: /\n  - text: Guides\n    items:\n      - x\n  - text: Last",
      "title: 'It''s [here]' # a comment\ntags: ['a', \"b, c\", 'e]']\ndescription: \"say \\\"hi\\\"\"",
    ])
      assert.notEqual(readQuickly(text), undefined, text);
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

  it("leaves js-yaml's JavaScript tags to the careful parser, which reads them as plain text", () => {
    for (const text of ["run: !!js/function 'function () { return 1 }'", "match: !!js/regexp /a+/g", "gone: !!js/undefined ''"]) {
      assert.equal(readQuickly(text), undefined, text);
      const { value, errors } = parsePositionedYaml(text, 2);
      assert.deepEqual(errors, []);
      const [found] = Object.values(value?.data as object);
      assert.equal(typeof found, "string", text);
    }
  });
});

describe("front matter that would exhaust the parsers", () => {
  const billionLaughs = ["title: A page", `a: &a [${Array(10).fill('"lol"').join(", ")}]`, ..."bcdefghi".split("").map((name, index) => `${name}: &${name} [${Array(10).fill(`*${"abcdefghi"[index]}`).join(", ")}]`)].join("\n");

  it("refuses an alias bomb at the line its aliases pass the limit, quickly", () => {
    const started = performance.now();
    const { value, errors } = parsePositionedYaml(billionLaughs, 2);
    assert.equal(value, undefined);
    assert.deepEqual(errors.map(({ line, kind }) => [line, kind]), [[5, "aliases"]]);
    assert.ok(performance.now() - started < 1000);
  });

  it("refuses nesting deeper than the limit, in flow, block and indented forms, at the line that passes it", () => {
    for (const [text, line] of [
      [`tags: ${"[".repeat(10_000)}${"]".repeat(10_000)}`, 2],
      [`tags: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}`, 2],
      [`title: x\ntags:\n  ${"- ".repeat(10_000)}x`, 4],
      [`title: x\n${Array.from({ length: 2000 }, (_, depth) => `${" ".repeat(depth)}a:`).join("\n")} x`, 103],
      [`a: &x ${"[".repeat(500)}`, 2],
    ] as const) {
      const { value, errors } = parsePositionedYaml(text, 2);
      assert.equal(value, undefined, text.slice(0, 40));
      assert.deepEqual(errors.map((error) => [error.line, error.kind]), [[line, "nesting"]], text.slice(0, 40));
    }
  });

  it("reads anchors and aliases three levels deep", () => {
    const text = "title: &title A page\nbreadcrumbs: &crumbs\n  - &home\n    text: &hometext Home\n    href: /\n  - text: *hometext\n    href: /guides/\ncustomNav: *crumbs\nsectionNav:\n  - title: *title\n    items: *crumbs";
    const { value, errors } = parsePositionedYaml(text, 2);
    assert.deepEqual(errors, []);
    const crumbs = [{ text: "Home", href: "/" }, { text: "Home", href: "/guides/" }];
    assert.deepEqual(value?.data, { title: "A page", breadcrumbs: crumbs, customNav: crumbs, sectionNav: [{ title: "A page", items: crumbs }] });
    assert.equal(value?.lineOf(["sectionNav", 0, "items"]), 12);
  });

  it("counts no nesting in block text, quoted text or comments, so long pages of them are read", () => {
    const padding = Array.from({ length: MAX_NESTING * 2 }, (_, index) => `    ${" ".repeat(index)}line ${index} [ { - ? `).join("\n");
    const text = `title: A page\ndescription: |\n${padding}\ncaption: "${"[".repeat(300)}"\nsummary: '${"{".repeat(300)}'\n# ${"[".repeat(300)}\nnote: a [ b\ntags: [a, b]`;
    assert.equal(tooDeepAt(text), undefined);
    const { value, errors } = parsePositionedYaml(text, 2);
    assert.deepEqual(errors, []);
    assert.deepEqual((value?.data as { tags: string[] }).tags, ["a", "b"]);
  });
});
