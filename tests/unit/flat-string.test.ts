import assert from "node:assert/strict";
import { it } from "node:test";
import { flatString } from "../../lib/flat-string.ts";

for (const text of ["", "<p class=\"govuk-body\">Plain &amp; simple</p>\n", "café – ‘quotes’ \u00a0 😀", "a lone \ud800 surrogate", "\\ backslash \t tab \u2028 line separator"]) {
  it(`gives back ${JSON.stringify(text).slice(0, 40)} unchanged`, () => {
    assert.equal(flatString(text), text);
  });
}

it("gives back text built up from many small pieces unchanged", () => {
  let html = "";
  for (let index = 0; index < 5000; index++) html += `<li>${index}</li>`;
  assert.equal(flatString(html), html);
});
