import assert from "node:assert/strict";
import { it } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { flatString, ownCopy } from "../../lib/eleventy/flat-string.ts";

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

it("keeps what is read out of a page without keeping the page", () => {
  setFlagsFromString("--expose-gc");
  const collect = runInNewContext("gc") as () => void;
  const pageScript = /\/assets\/js\/(application-[0-9a-f]+\.js)"/;
  /** Heap held by one script name read from each of 40 pages of 100,000 characters. */
  const heldFor = (keep: (name: string) => string) => {
    collect();
    const before = process.memoryUsage().heapUsed;
    const names = Array.from({ length: 40 }, (_, page) => {
      const html = `<script src="/assets/js/application-${page.toString(16).padStart(10, "0")}.js"></script>${"<p>words</p>".repeat(8000 + page)}`;
      return keep(pageScript.exec(html)![1]);
    });
    collect();
    const held = process.memoryUsage().heapUsed - before;
    assert.equal(names[3], "application-0000000003.js");
    return held;
  };
  const pages = 40 * 100_000;
  // The check can fail: a name as the pattern gives it, a slice, holds on to its page.
  assert.ok(heldFor((name) => name) > pages / 2, "a slice keeps its page");
  assert.ok(heldFor(ownCopy) < pages / 20, "a copy keeps only itself");
});
