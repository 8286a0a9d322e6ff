import assert from "node:assert/strict";
import { it } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { flatString } from "../../lib/eleventy/flat-string.ts";

for (const text of [
  "",
  '<p class="govuk-body">Plain &amp; simple</p>\n',
  "café – ‘quotes’ \u00a0 😀",
  "a lone \ud800 surrogate",
  "\\ backslash \t tab \u2028 line separator",
]) {
  it(`gives back ${JSON.stringify(text).slice(0, 40)} unchanged`, () => {
    assert.equal(flatString(text), text);
  });
}

it("gives back text built up from many small pieces unchanged", () => {
  let html = "";
  for (let index = 0; index < 5000; index++) html += `<li>${index}</li>`;
  assert.equal(flatString(html), html);
});

it("stores text built up from many small pieces in about the space of its characters", () => {
  // Heap sizes, not times: a rope of small strings takes three times the space of the text.
  setFlagsFromString("--expose-gc");
  const collect = runInNewContext("gc") as () => void;
  collect();
  const before = process.memoryUsage().heapUsed;
  const pages = Array.from({ length: 500 }, (_, page) => {
    let html = "";
    for (let index = 0; index < 400; index++) html += `<p class="govuk-body">Paragraph ${index} of page ${page}</p>\n`;
    return flatString(html);
  });
  collect();
  const retained = process.memoryUsage().heapUsed - before;
  const characters = pages.reduce((sum, html) => sum + html.length, 0);
  assert.ok(retained < characters * 1.5, `${retained} bytes held for ${characters} characters`);
});
