import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { didYouMean, nearest } from "../../lib/content/nearest.ts";

const FIELDS = ["title", "caption", "description", "layout", "sectionNav", "sectionTitle", "breadcrumbs", "contents", "tags", "source"];

describe("nearest", () => {
  const cases: [string, string | undefined][] = [
    ["layuot", "layout"],
    ["secionNav", "sectionNav"],
    ["Section-Title", "sectionTitle"],
    ["section_nav", "sectionNav"],
    ["desciption", "description"],
    ["breadcrumb", "breadcrumbs"],
    ["titel", "title"],
    ["context", undefined],
    ["author", undefined],
    ["x", undefined],
  ];
  for (const [typed, expected] of cases) {
    it(`suggests ${expected ?? "nothing"} for ${typed}`, () => assert.equal(nearest(typed, FIELDS), expected));
  }
  it("words the suggestion for a message, or says nothing", () => {
    assert.equal(didYouMean("captoin", FIELDS), " (did you mean `caption`?)");
    assert.equal(didYouMean("same", FIELDS), "");
  });
});
