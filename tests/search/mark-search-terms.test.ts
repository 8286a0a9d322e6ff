import assert from "node:assert/strict";
import { describe, it } from "node:test";

// Browser JavaScript without types: its one pure function is tested here, the marking in tests/browser/search.test.ts.
const browserScript: string = "../../assets/js/mark-search-terms.js";
const { searchTermsPattern } = (await import(browserScript)) as {
  searchTermsPattern: (terms: string[]) => RegExp | null;
};

const marked = (terms: string[], text: string) => text.match(searchTermsPattern(terms) ?? /$^/g) ?? [];

describe("the words marked on a page reached from search", () => {
  it("marks the words a searched word of four letters or more begins, in any case", () => {
    assert.deepEqual(marked(["owner"], "Owners and the service owner, a co-owner's, not a powner"), [
      "Owners",
      "owner",
      "owner",
    ]);
  });

  it("marks a short word only as itself (or its plural), so 'the' does not light up 'there'", () => {
    assert.deepEqual(marked(["the"], "The theme is there, the end"), ["The", "the"]);
    assert.deepEqual(marked(["cat"], "cats and a cat, not catalogue"), ["cats", "cat"]);
  });

  it("treats the words as text, not as a pattern", () => {
    assert.deepEqual(marked(["a.b", "(x"], "a.b and axb and (x"), ["a.b", "(x"]);
  });

  it("marks nothing when no word is given", () => {
    assert.equal(searchTermsPattern([]), null);
    assert.equal(searchTermsPattern(["  "]), null);
  });
});
