import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findUnsafeHtml, unsafeUrlScheme } from "../../lib/content/html-safety.ts";

describe("findUnsafeHtml", () => {
  const refused: [string, string, number, RegExp][] = [
    ["script element", "<p>Hi</p>\n<script>alert(1)</script>", 2, /`<script>` is not allowed/],
    ["script written with a slash for a space", '<SCRIPT/SRC="//evil.example/x.js"></SCRIPT>', 1, /`<script>`/],
    ["svg script", "<svg><script>alert(1)</script></svg>", 1, /`<script>`/],
    ["iframe", '<iframe src="https://example.com"></iframe>', 1, /`<iframe>`/],
    ["object", '<object data="x.swf"></object>', 1, /`<object>`/],
    ["embed", '<embed src="x.swf">', 1, /`<embed>`/],
    ["base", '<base href="https://evil.example/">', 1, /`<base>`/],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', 1, /`<meta>`/],
    ["onclick", '<a href="#" onclick="x()">x</a>', 1, /event-handler attribute `onclick`/],
    ["upper-case handler", '<div\n  ONMOUSEOVER="x()">x</div>', 2, /event-handler attribute `onmouseover`/],
    ["javascript href", '<a href="javascript:alert(1)">x</a>', 1, /uses a javascript: URL/],
    ["entity-encoded scheme", '<a href="&#106;avascript:alert(1)">x</a>', 1, /uses a javascript: URL/],
    ["tab inside the scheme", '<a href="java\tscript:alert(1)">x</a>', 1, /uses a javascript: URL/],
    ["leading spaces and case", '<a href="  JavaScript:alert(1)">x</a>', 1, /uses a javascript: URL/],
    ["vbscript", '<a href="vbscript:msgbox(1)">x</a>', 1, /uses a vbscript: URL/],
    ["data URL link", '<a href="data:text/html,<script>alert(1)</script>">x</a>', 1, /uses a data: URL/],
    ["form action", '<form action="javascript:alert(1)"><button>Go</button></form>', 1, /`action` on `<form>` uses a javascript: URL/],
    ["svg xlink:href", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', 1, /`xlink:href` on `<a>` uses a javascript: URL/],
    ["srcset", '<img alt="" srcset="a.png 1x, javascript:alert(1) 2x">', 1, /`srcset` on `<img>` uses a javascript: URL/],
  ];
  for (const [name, html, line, message] of refused) {
    it(`refuses ${name}`, () => {
      const problems = findUnsafeHtml(html);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].line, line);
      assert.match(problems[0].message, message);
    });
  }

  const allowed: [string, string][] = [
    ["the support box's HTML", 'Email <strong>us</strong>:<br><br><a href="mailto:a@b.c" class="govuk-link">a@b.c</a>'],
    ["GOV.UK inset text", '<div class="govuk-inset-text"><p class="govuk-body">You must:</p></div>'],
    ["site paths and fragments", '<a href="/guides/#one">x</a><a href="#top">top</a><a href="tel:+441234">call</a>'],
    ["an image as a data URL", '<img alt="dot" src="data:image/png;base64,AAAA">'],
    ["a word that only looks like a handler", "<p>Read online: one can do it.</p>"],
    ["plain text", "No tags here, just a javascript: mention."],
  ];
  for (const [name, html] of allowed) {
    it(`allows ${name}`, () => assert.deepEqual(findUnsafeHtml(html), []));
  }
});

describe("unsafeUrlScheme", () => {
  it("names the schemes that run code or read files, and nothing else", () => {
    assert.equal(unsafeUrlScheme("javascript:alert(1)"), "javascript");
    assert.equal(unsafeUrlScheme("\u0001 jAvAsCrIpT:alert(1)"), "javascript");
    assert.equal(unsafeUrlScheme("file:///etc/passwd"), "file");
    assert.equal(unsafeUrlScheme("data:image/png;base64,AA", { allowDataImages: true }), undefined);
    assert.equal(unsafeUrlScheme("data:image/svg+xml,<svg onload=alert(1)>", { allowDataImages: true }), "data");
    for (const safe of ["https://www.gov.uk", "/guides/", "#top", "mailto:a@b.c", "page.html", "javascript-guide/"]) assert.equal(unsafeUrlScheme(safe), undefined, safe);
  });
});
