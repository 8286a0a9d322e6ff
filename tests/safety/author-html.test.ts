import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findUnsafeHtml } from "../../lib/safety/author-html.ts";
import { unsafeUrlScheme } from "../../lib/safety/url-safety.ts";

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
    [
      "form action",
      '<form action="javascript:alert(1)"><button>Go</button></form>',
      1,
      /`action` on `<form>` uses a javascript: URL/,
    ],
    [
      "svg xlink:href",
      '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      1,
      /`xlink:href` on `<a>` uses a javascript: URL/,
    ],
    [
      "srcset",
      '<img alt="" srcset="a.png 1x, javascript:alert(1) 2x">',
      1,
      /`srcset` on `<img>` uses a javascript: URL/,
    ],
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
    for (const safe of ["https://www.gov.uk", "/guides/", "#top", "mailto:a@b.c", "page.html", "javascript-guide/"])
      assert.equal(unsafeUrlScheme(safe), undefined, safe);
  });
});

describe("findUnsafeHtml reads HTML as the browser builds it", () => {
  const handler = (name: string, tag: string) =>
    `the event-handler attribute \`${name}\` on \`<${tag}>\` is not allowed: page content may not run scripts`;
  const url = (attribute: string, tag: string, scheme = "javascript") =>
    `\`${attribute}\` on \`<${tag}>\` uses a ${scheme}: URL, which is not allowed: link to a page or an http(s), mailto or tel address`;
  const animation = (attribute: string, tag: string) =>
    `\`${attribute}\` on the SVG animation \`<${tag}>\` sets a javascript: URL, which is not allowed: an animation may not change a link into a script`;
  const inComment = (message: string) => `${message} (inside a comment, which is checked as HTML too)`;

  // [name, HTML, every problem as [line, message]].
  const refused: [string, string, [number, string][]][] = [
    [
      "an image that leaves <noscript> through an attribute",
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      [
        [
          1,
          '`<img>` has no `alt` attribute: describe the image in `alt="…"`, or write `alt=""` if it is only decoration',
        ],
        [1, handler("onerror", "img")],
      ],
    ],
    [
      "SVG <animate> giving a link a javascript: href",
      '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
      [[1, animation("values", "animate")]],
    ],
    [
      "SVG <set> giving a link a javascript: href",
      '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
      [[1, animation("to", "set")]],
    ],
    [
      "SVG <set> aimed at xlink:href",
      '<svg><a xlink:href="#"><set attributeName="xlink:href" to="jav&#x61;script:alert(1)"/></a></svg>',
      [[1, animation("to", "set")]],
    ],
    [
      "SVG animation from and by",
      '<svg><a>\n<animate attributeName="href" from="javascript:a()" to="#"/>\n<animate attributeName="href" by="javascript:b()"/></a></svg>',
      [
        [2, animation("from", "animate")],
        [3, animation("by", "animate")],
      ],
    ],
    [
      "a javascript: URL among animation values",
      '<svg><a><animate attributeName="href" values="#one; javascript:alert(1)"/></a></svg>',
      [[1, animation("values", "animate")]],
    ],
    [
      "SVG animation that sets an event handler",
      '<svg><animate attributeName="onbegin" to="alert(1)"/></svg>',
      [
        [
          1,
          "the SVG animation `<animate>` sets the event-handler attribute `onbegin`, which is not allowed: page content may not run scripts",
        ],
      ],
    ],
    ["MathML href", '<math href="javascript:alert(1)"><mi>x</mi></math>', [[1, url("href", "math")]]],
    [
      "a MathML link inside mtext",
      '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
      [[1, url("href", "a")]],
    ],
    [
      "a button's formaction",
      '<form><button formaction="javascript:alert(1)">Go</button></form>',
      [[1, url("formaction", "button")]],
    ],
    [
      "an input's formaction",
      '<form><input type="submit" formaction="JaVaScRiPt:alert(1)"></form>',
      [[1, url("formaction", "input")]],
    ],
    [
      "a leading space and entities in the scheme",
      '<a href=" &#x6A;ava&Tab;script&colon;alert(1)">x</a>',
      [[1, url("href", "a")]],
    ],
    [
      "an image inside <template>",
      '<template><img src=x alt="" onerror=alert(1)></template>',
      [[1, handler("onerror", "img")]],
    ],
    [
      "an inline frame's own document",
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      [[1, "`<iframe>` is not allowed in page content: it could run code or load another page into this one"]],
    ],
    [
      "an object's data",
      '<object data="javascript:alert(1)"></object>',
      [[1, "`<object>` is not allowed in page content: it could run code or load another page into this one"]],
    ],
    [
      "a javascript: image candidate in srcset",
      '<img alt="" src="a.png" srcset="javascript:alert(1) 2x">',
      [[1, url("srcset", "img")]],
    ],
    [
      "a javascript: URL in a style attribute",
      '<p style="background:url(javascript:alert(1))">x</p>',
      [[1, "the `style` on `<p>` uses a javascript: URL, which is not allowed in page content"]],
    ],
    [
      "a CSS escape inside a style attribute",
      "<p style=\"background: u\\72l('j\\61 vascript:alert(1)')\">x</p>",
      [[1, "the `style` on `<p>` uses a javascript: URL, which is not allowed in page content"]],
    ],
    [
      "a javascript: URL in a style sheet",
      "<style>\n.a { background: url('javascript:alert(1)') }\n</style>",
      [[1, "the style sheet in `<style>` uses a javascript: URL, which is not allowed in page content"]],
    ],
    [
      "a comment the browser ends at once",
      "<!--><img src=x alt='' onerror=alert(1)>-->",
      [[1, handler("onerror", "img")]],
    ],
    ["a comment ended by --!>", "<!-- x --!><img src=x alt='' onerror=alert(1)>", [[1, handler("onerror", "img")]]],
    [
      "an image after <style> in <select>",
      "<select><style></select><img src=x alt='' onerror=alert(1)></style>",
      [[1, handler("onerror", "img")]],
    ],
    [
      "an image in <select>, dropped today but kept by newer parsers",
      "<select><option>a</option><img src=x alt='' onerror=alert(1)></select>",
      [[1, handler("onerror", "img")]],
    ],
    [
      "a comment that a <style> in <select> ends",
      "<select><style><!--</style><img src=x alt='' onerror=alert(1)>--></style></select>",
      [[1, inComment(handler("onerror", "img"))]],
    ],
    ["a second <body> whose handler joins the page's", '<body onload="alert(1)">', [[1, handler("onload", "body")]]],
    [
      "<noscript> content read with scripting off",
      "<noscript>\n<a href='javascript:alert(1)'>x</a>\n</noscript>",
      [[2, `${url("href", "a")} (inside \`<noscript>\`, which is checked as HTML too)`]],
    ],
    [
      "commented-out HTML",
      "<!--\n<script>alert(1)</script>\n-->",
      [
        [
          2,
          inComment("`<script>` is not allowed in page content: it could run code or load another page into this one"),
        ],
      ],
    ],
    [
      "SVG <title> holding an image",
      "<svg><title><img src=x alt='' onerror=alert(1)></title></svg>",
      [[1, handler("onerror", "img")]],
    ],
  ];
  for (const [name, html, expected] of refused) {
    it(`refuses ${name}`, () =>
      assert.deepEqual(
        findUnsafeHtml(html).map((problem) => [problem.line, problem.message]),
        expected,
      ));
  }

  // HTML that leaves something open changes how the page after it reads, so a field cannot end that way.
  const leftOpen: [string, string, [number, string][]][] = [
    [
      "an SVG that is not closed",
      '<svg viewBox="0 0 10 10">\n<rect width="10" height="10"/>',
      [[1, "`<svg>` is not closed: add `</svg>`, or the page after it would be read as SVG"]],
    ],
    [
      "a <noscript> that is not closed",
      "Hi <noscript>",
      [[1, "`<noscript>` is not closed: add `</noscript>`, or the page after it would be read as its text"]],
    ],
    [
      "a tag whose attribute is not closed",
      '<p>Hi</p>\n<a title="x',
      [
        [
          2,
          "the HTML ends inside a tag (a `>` or a closing quote is missing), so what follows it on the page would be read as part of that tag",
        ],
      ],
    ],
    [
      "a comment that is not closed",
      "Hi <!-- more",
      [[1, "a comment (`<!--`) is not closed with `-->`, so what follows it on the page would be hidden in it"]],
    ],
    [
      "<plaintext>",
      "<plaintext>",
      [[1, "`<plaintext>` turns the rest of the page into text and cannot be closed: remove it"]],
    ],
  ];
  for (const [name, html, expected] of leftOpen) {
    it(`refuses ${name}`, () =>
      assert.deepEqual(
        findUnsafeHtml(html).map((problem) => [problem.line, problem.message]),
        expected,
      ));
  }

  it('refuses an <img> without alt, and takes alt="" as decoration', () => {
    assert.deepEqual(findUnsafeHtml('<p>\n<img src="/public/chart.png">\n</p>'), [
      {
        severity: "error",
        line: 2,
        message:
          '`<img>` has no `alt` attribute: describe the image in `alt="…"`, or write `alt=""` if it is only decoration',
      },
    ]);
    assert.deepEqual(findUnsafeHtml('<img src="/public/rule.png" alt="">'), []);
  });

  const allowed: [string, string][] = [
    [
      "GOV.UK details",
      '<details class="govuk-details">\n  <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Help</span></summary>\n  <div class="govuk-details__text">Call us.</div>\n</details>',
    ],
    [
      "a table",
      '<table class="govuk-table"><caption class="govuk-table__caption">Costs</caption><tbody class="govuk-table__body"><tr class="govuk-table__row"><td class="govuk-table__cell">£1</td></tr></tbody></table>',
    ],
    [
      "an SVG picture with a title and a link",
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img"><title>A square</title><a href="#key"><rect width="10" height="10" style="fill: #1d70b8"/></a></svg>',
    ],
    [
      "an SVG animation of a shape",
      '<svg viewBox="0 0 10 10"><circle r="2"><animate attributeName="r" values="2;4;2" dur="2s" repeatCount="indefinite"/></circle></svg>',
    ],
    ["MathML", "<math><mi>x</mi><mo>=</mo><mn>2</mn></math>"],
    ["anchors to ids on the page", '<h2 id="costs">Costs</h2><a href="#costs" class="govuk-link">Costs</a>'],
    ["<noscript> with a message", '<noscript><p class="govuk-body">Turn on JavaScript to see the map.</p></noscript>'],
    ["a comment", "<!-- Reviewed by the content team, June -->"],
    [
      "a style attribute with a data image",
      '<div style="background-image: url(data:image/png;base64,AAAA); color: #0b0c0c">x</div>',
    ],
    ["a style sheet", "<style>.app-note > p { margin: 0 }</style>"],
    ["an abbreviation", '<abbr title="Department for Environment, Food &amp; Rural Affairs">Defra</abbr>'],
  ];
  for (const [name, html] of allowed) {
    it(`allows ${name}`, () => assert.deepEqual(findUnsafeHtml(html), []));
  }
});
