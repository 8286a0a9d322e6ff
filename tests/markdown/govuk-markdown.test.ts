import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";

const markdown = createMarkdown();
const render = (source: string, env: MarkdownEnv = {}) => markdown.render(source, env).trim();

describe("GOV.UK Markdown", () => {
  const cases: [string, string, string][] = [
    ["paragraph", "Hello", '<p class="govuk-body">Hello</p>'],
    [
      "h2 with id",
      "## Strategic level",
      '<div class="app-linked-heading">\n<h2 class="govuk-heading-m" id="strategic-level">Strategic level</h2>\n<a class="govuk-link app-linked-heading__link" href="#strategic-level" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Strategic level</span></a>\n</div>',
    ],
    [
      "h3",
      "### Service design",
      '<div class="app-linked-heading">\n<h3 class="govuk-heading-s" id="service-design">Service design</h3>\n<a class="govuk-link app-linked-heading__link" href="#service-design" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Service design</span></a>\n</div>',
    ],
    [
      "h4",
      "#### Detail",
      '<div class="app-linked-heading">\n<h4 class="govuk-heading-s" id="detail">Detail</h4>\n<a class="govuk-link app-linked-heading__link" href="#detail" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Detail</span></a>\n</div>',
    ],
    [
      "link",
      "[GOV.UK](https://www.gov.uk)",
      '<p class="govuk-body"><a href="https://www.gov.uk" class="govuk-link">GOV.UK</a></p>',
    ],
    ["bullets", "- one\n- two", '<ul class="govuk-list govuk-list--bullet">\n<li>one</li>\n<li>two</li>\n</ul>'],
    ["numbers", "1. one\n2. two", '<ol class="govuk-list govuk-list--number">\n<li>one</li>\n<li>two</li>\n</ol>'],
    ["rule", "---", '<hr class="govuk-section-break govuk-section-break--xl govuk-section-break--visible">'],
    ["inline code", "`npm test`", '<p class="govuk-body"><code class="app-code">npm test</code></p>'],
    [
      "fenced code",
      "```sh\nnpm test\n```",
      '<pre class="app-code-block" tabindex="0"><code class="language-sh">npm <span class="hljs-built_in">test</span>\n</code></pre>',
    ],
    ["raw HTML", '<div class="govuk-inset-text">Keep</div>', '<div class="govuk-inset-text">Keep</div>'],
    [
      "image",
      "![A diagram](/public/a.png)",
      '<p class="govuk-body"><img src="/public/a.png" alt="A diagram" class="app-image" loading="lazy"></p>',
    ],
  ];
  for (const [name, source, html] of cases) {
    it(`renders ${name}`, () => assert.equal(render(source), html));
  }

  it("renders tables with scoped headers inside a labelled, focusable region", () => {
    assert.equal(
      render("## Skills\n\n| Skill | Level |\n| --- | --- |\n| Agile | expert |"),
      '<div class="app-linked-heading">\n<h2 class="govuk-heading-m" id="skills">Skills</h2>\n<a class="govuk-link app-linked-heading__link" href="#skills" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Skills</span></a>\n</div>\n' +
        '<div class="app-table-container" role="region" aria-label="Table: Skills" tabindex="0">\n' +
        '<table class="govuk-table">\n<thead class="govuk-table__head">\n<tr class="govuk-table__row">\n' +
        '<th class="govuk-table__header" scope="col">Skill</th>\n<th class="govuk-table__header" scope="col">Level</th>\n' +
        '</tr>\n</thead>\n<tbody class="govuk-table__body">\n<tr class="govuk-table__row">\n' +
        '<td class="govuk-table__cell">Agile</td>\n<td class="govuk-table__cell">expert</td>\n</tr>\n</tbody>\n</table>\n</div>',
    );
  });

  it("renders lists nested in block quotes", () => {
    assert.equal(
      render("> * a\n> * b\n>\n> [Source](https://example.org) - Someone"),
      '<blockquote class="app-quote">\n<ul class="govuk-list govuk-list--bullet">\n<li>a</li>\n<li>b</li>\n</ul>\n' +
        '<p class="govuk-body"><a href="https://example.org" class="govuk-link">Source</a> - Someone</p>\n</blockquote>',
    );
  });

  it("gives repeated headings unique ids", () => {
    const html = render("### Product\n\n### Product\n\n### Product");
    assert.deepEqual(
      [...html.matchAll(/id="([^"]+)"/g)].map((match) => match[1]),
      ["product", "product-2", "product-3"],
    );
  });

  it("leaves out a leading h1 that repeats the title, and says so", () => {
    const env: MarkdownEnv = { pageTitle: "Service owner", notes: [] };
    assert.equal(
      render("# Service owner\n\n## What a service owner does", env),
      '<div class="app-linked-heading">\n<h2 class="govuk-heading-m" id="what-a-service-owner-does">What a service owner does</h2>\n<a class="govuk-link app-linked-heading__link" href="#what-a-service-owner-does" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: What a service owner does</span></a>\n</div>',
    );
    assert.equal(env.notes?.length, 1);
    assert.equal(env.notes?.[0].line, 1);
  });

  it("shows body h1s one level down so the page keeps one h1", () => {
    const env: MarkdownEnv = { pageTitle: "Notes", notes: [], headings: [] };
    assert.equal(
      render("Intro\n\n# Part one\n\n## Detail", env),
      '<p class="govuk-body">Intro</p>\n<div class="app-linked-heading">\n<h2 class="govuk-heading-m" id="part-one">Part one</h2>\n<a class="govuk-link app-linked-heading__link" href="#part-one" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Part one</span></a>\n</div>\n<div class="app-linked-heading">\n<h3 class="govuk-heading-s" id="detail">Detail</h3>\n<a class="govuk-link app-linked-heading__link" href="#detail" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Detail</span></a>\n</div>',
    );
    assert.deepEqual(env.headings, [
      { level: 2, text: "Part one", id: "part-one" },
      { level: 3, text: "Detail", id: "detail" },
    ]);
    assert.equal(env.notes?.[0].line, 3);
  });
});

/** The body's rendered HTML and its errors, as [line, message]. */
function renderChecked(source: string): { html: string; errors: [number, string][] } {
  const env: MarkdownEnv = { notes: [] };
  const html = render(source, env);
  return {
    html,
    errors: (env.notes ?? []).filter((note) => note.severity === "error").map((note) => [note.line, note.message]),
  };
}

describe("images need alt text", () => {
  it("refuses an image without alt text, naming the line and how to fix it", () => {
    assert.deepEqual(renderChecked("Intro.\n\n![](/public/chart.png)").errors, [
      [
        3,
        'the image "/public/chart.png" has no alt text: say what it shows between the brackets, as in ![A chart of visits by month](/public/chart.png), or write ![""](/public/chart.png) if it is only decoration',
      ],
    ]);
    assert.equal(renderChecked("Text\nand ![ ](/public/a.png)").errors[0]?.[0], 2);
  });

  it('renders ![""](…) as a decorative image with alt=""', () => {
    assert.deepEqual(renderChecked('![""](/public/rule.png)'), {
      html: '<p class="govuk-body"><img src="/public/rule.png" alt="" class="app-image" loading="lazy"></p>',
      errors: [],
    });
  });

  it("refuses a raw <img> without an alt attribute", () => {
    assert.deepEqual(renderChecked('Intro.\n\n<p>\n  <img src="/public/chart.png">\n</p>').errors, [
      [
        4,
        '`<img>` has no `alt` attribute: describe the image in `alt="…"`, or write `alt=""` if it is only decoration',
      ],
    ]);
  });
});

describe("raw HTML in Markdown is judged as the browser builds the whole page", () => {
  const handler = (name: string, tag: string) =>
    `the event-handler attribute \`${name}\` on \`<${tag}>\` is not allowed: page content may not run scripts`;
  const url = (attribute: string, tag: string) =>
    `\`${attribute}\` on \`<${tag}>\` uses a javascript: URL, which is not allowed: link to a page or an http(s), mailto or tel address`;
  const animation = (attribute: string, tag: string) =>
    `\`${attribute}\` on the SVG animation \`<${tag}>\` sets a javascript: URL, which is not allowed: an animation may not change a link into a script`;
  const noAlt =
    '`<img>` has no `alt` attribute: describe the image in `alt="…"`, or write `alt=""` if it is only decoration';

  // [name, body, every error as [body line, message]]. Every body starts "Intro.", a blank line, then the attack.
  const refused: [string, string, [number, string][]][] = [
    [
      "an image that leaves <noscript> through an attribute",
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      [
        [3, noAlt],
        [3, handler("onerror", "img")],
      ],
    ],
    [
      "the same across lines of an HTML block",
      "<noscript>\n<p title=\"</noscript>\n<img src=x alt='' onerror=alert(1)>\">\n</noscript>",
      [[5, handler("onerror", "img")]],
    ],
    [
      "a <noscript> opened in one block and left in the next paragraph",
      "<noscript>\n\nText <p title=\"</noscript><img src=x alt='' onerror=alert(1)>\">",
      [[5, handler("onerror", "img")]],
    ],
    [
      "a quote opened in raw HTML and closed in Markdown text",
      "<div title='\n\nA paragraph ' onmouseover='alert(1)' x='\n\n<p>'>end</p>",
      [[5, handler("onmouseover", "div")]],
    ],
    [
      "SVG <animate> values",
      '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
      [[3, animation("values", "animate")]],
    ],
    [
      "SVG <set> to",
      '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
      [[3, animation("to", "set")]],
    ],
    [
      "SVG <set> aimed at xlink:href",
      '<svg><a xlink:href="#"><set attributeName="xlink:href" to="javascript:alert(1)"/><text y="20">Go</text></a></svg>',
      [[3, animation("to", "set")]],
    ],
    [
      "SVG <animate> from, a line down",
      '<svg>\n<a><animate attributeName="href" from="javascript:alert(1)" to="#"/><text>x</text></a>\n</svg>',
      [[4, animation("from", "animate")]],
    ],
    ["an entity in the scheme", '<a href="jav&#x61;script:alert(1)">Click</a>', [[3, url("href", "a")]]],
    ["a leading space before the scheme", '<p><a href=" javascript:alert(1)">Click</a></p>', [[3, url("href", "a")]]],
    ["MathML href", '<math href="javascript:alert(1)"><mi>x</mi></math>', [[3, url("href", "math")]]],
    [
      "a form button's formaction",
      '<form><button formaction="javascript:alert(1)">Go</button></form>',
      [[3, url("formaction", "button")]],
    ],
    [
      "an image inside <template>",
      '<template><img src=x alt="" onerror=alert(1)></template>',
      [[3, handler("onerror", "img")]],
    ],
    [
      "an inline frame's own document",
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      [[3, "`<iframe>` is not allowed in page content: it could run code or load another page into this one"]],
    ],
    [
      "an object's data",
      '<object data="javascript:alert(1)"></object>',
      [[3, "`<object>` is not allowed in page content: it could run code or load another page into this one"]],
    ],
    ["srcset", '<img alt="" src="a.png" srcset="javascript:alert(1) 2x">', [[3, url("srcset", "img")]]],
    [
      "a style attribute",
      '<p style="background:url(javascript:alert(1))">x</p>',
      [[3, "the `style` on `<p>` uses a javascript: URL, which is not allowed in page content"]],
    ],
    [
      "a comment the browser ends at once",
      "<!--><img src=x alt='' onerror=alert(1)>-->",
      [[3, handler("onerror", "img")]],
    ],
    [
      "<style> in <select>",
      "Pick <select><style></select><img src=x alt='' onerror=alert(1)></style>",
      [[3, handler("onerror", "img")]],
    ],
    ["a second <body>", '<body onload="alert(1)">', [[3, handler("onload", "body")]]],
    [
      "an SVG left open at the end of the body",
      '<svg viewBox="0 0 10 10">',
      [[3, "`<svg>` is not closed: add `</svg>`, or the page after it would be read as SVG"]],
    ],
    [
      "a <noscript> left open at the end of the body",
      "Text <noscript>",
      [[3, "`<noscript>` is not closed: add `</noscript>`, or the page after it would be read as its text"]],
    ],
  ];
  for (const [name, attack, expected] of refused) {
    it(`refuses ${name}`, () => assert.deepEqual(renderChecked(`Intro.\n\n${attack}\n`).errors, expected));
  }

  const allowed: [string, string, string][] = [
    [
      "GOV.UK details",
      '<details class="govuk-details">\n<summary class="govuk-details__summary"><span class="govuk-details__summary-text">Help</span></summary>\n<div class="govuk-details__text">Call us.</div>\n</details>',
      '<details class="govuk-details">\n<summary class="govuk-details__summary"><span class="govuk-details__summary-text">Help</span></summary>\n<div class="govuk-details__text">Call us.</div>\n</details>',
    ],
    [
      "inset text",
      '<div class="govuk-inset-text">\n  You must apply by 1 May.\n</div>',
      '<div class="govuk-inset-text">\n  You must apply by 1 May.\n</div>',
    ],
    [
      "a raw HTML table",
      '<table class="govuk-table">\n<tr class="govuk-table__row"><td class="govuk-table__cell">£1</td></tr>\n</table>',
      '<table class="govuk-table">\n<tr class="govuk-table__row"><td class="govuk-table__cell">£1</td></tr>\n</table>',
    ],
    [
      "an SVG picture, split by a blank line",
      '<svg viewBox="0 0 10 10" role="img">\n<title>A square</title>\n\n<rect width="10" height="10"/>\n</svg>',
      '<svg viewBox="0 0 10 10" role="img">\n<title>A square</title>\n<rect width="10" height="10"/>\n</svg>',
    ],
    [
      "anchors to ids, in HTML and Markdown",
      '<h2 id="costs">Costs</h2>\n\nSee <a href="#costs" class="govuk-link">costs</a> and [fees](#fees).',
      '<h2 id="costs">Costs</h2>\n<p class="govuk-body">See <a href="#costs" class="govuk-link">costs</a> and <a href="#fees" class="govuk-link">fees</a>.</p>',
    ],
    [
      "an image with alt text",
      '<img src="/public/a.png" alt="A map of the region">',
      '<img src="/public/a.png" alt="A map of the region">',
    ],
  ];
  for (const [name, source, html] of allowed) {
    it(`allows ${name}`, () => assert.deepEqual(renderChecked(source), { html, errors: [] }));
  }
});
