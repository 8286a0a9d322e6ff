import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { stringify } from "yaml";
import type { Diagnostic } from "../../lib/diagnostics.ts";
import { parsePage } from "../../lib/content/load-content.ts";
import { KNOWN_FIELDS, validateFrontMatter } from "../../lib/content/validate-front-matter.ts";
import { propertyRuns } from "../helpers/fast-run.ts";

const navigation = {
  navigation: {
    sectionNav: { guides: [{ title: "Guides", items: [{ text: "One", href: "/one/" }] }] },
    customNav: { main: [{ text: "Home", href: "/" }] },
  },
  file: "content/_data/navigation.json",
};
const locate = () => ({ file: "content/page.md", line: 2 });

// Junk of every kind JavaScript has, including what YAML and JSON never produce.
const junk = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});
const plausibleText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "two-thirds",
    "section",
    "sectoin",
    "guides",
    "main",
    "2025-02-30",
    "2025-06-19",
    "javascript:alert(1)",
    "/guides/",
    "[[Guides|the guides]]",
    "<script>x</script>",
    " padded ",
  ),
);
const link = fc.record(
  { text: fc.oneof(plausibleText, junk), href: fc.oneof(plausibleText, junk) },
  { requiredKeys: [] },
);
const value = fc.oneof(
  junk,
  plausibleText,
  fc.boolean(),
  fc.integer(),
  fc.array(link, { maxLength: 3 }),
  fc.array(
    fc.record({ title: plausibleText, items: fc.oneof(fc.array(link, { maxLength: 3 }), junk) }, { requiredKeys: [] }),
    { maxLength: 3 },
  ),
  fc.record(
    { title: plausibleText, description: plausibleText, items: fc.array(plausibleText, { maxLength: 3 }) },
    { requiredKeys: [] },
  ),
);
const fieldName = fc.oneof(
  fc.constantFrom(...KNOWN_FIELDS),
  fc.constantFrom("subtitle", "nav-breadcrumbs", "date", "created", "modified", "breadcrumbItems"),
  fc.string(),
);
const frontMatter = fc.dictionary(fieldName, value, { maxKeys: 12 });

function assertDiagnostics(diagnostics: Diagnostic[]) {
  assert.ok(Array.isArray(diagnostics));
  for (const diagnostic of diagnostics) {
    assert.ok(diagnostic.severity === "error" || diagnostic.severity === "warning");
    assert.equal(typeof diagnostic.message, "string");
    assert.ok(diagnostic.message.length > 0);
  }
}

describe("front matter validation, fed random front matter", () => {
  it("never throws: it returns a page or at least one error, and only diagnostics", () => {
    fc.assert(
      fc.property(frontMatter, (data) => {
        const result = validateFrontMatter(data, locate, { navigation });
        assertDiagnostics(result.diagnostics);
        assert.equal(
          result.frontMatter === undefined,
          result.diagnostics.some((diagnostic) => diagnostic.severity === "error"),
        );
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it("never throws on any front matter written out as YAML and read back as a page", () => {
    fc.assert(
      fc.property(fc.dictionary(fieldName, fc.jsonValue(), { maxKeys: 12 }), fc.string(), (data, body) => {
        const text = `---\n${stringify(data)}---\n${body}`;
        const result = parsePage("content/page.md", "/page/", new TextEncoder().encode(text), { navigation });
        assertDiagnostics(result.diagnostics);
        assert.equal(
          result.page === undefined,
          result.diagnostics.some((diagnostic) => diagnostic.severity === "error"),
        );
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it("never throws on arbitrary bytes, however broken the text", () => {
    const prefixes = fc.constantFrom("", "---\n", "+++\n", "\uFEFF---\r\n", "---\ntitle: [\n");
    fc.assert(
      fc.property(prefixes, fc.uint8Array({ maxLength: 300 }), (prefix, bytes) => {
        const result = parsePage(
          "content/page.md",
          "/page/",
          new Uint8Array([...new TextEncoder().encode(prefix), ...bytes]),
          { navigation },
        );
        assertDiagnostics(result.diagnostics);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});
