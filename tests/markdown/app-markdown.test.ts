import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "cheerio";
import { createMarkdown, type MarkdownEnv, type MarkdownSettings } from "../../lib/markdown/govuk-markdown.ts";
import { contentsList } from "../../lib/model/contents-list.ts";
import { interruptionPageUrl } from "../../lib/model/interruption-pages.ts";

const markdown = createMarkdown();
const render = (source: string, env: MarkdownEnv = {}) => markdown.render(source, env).trim();
const renderWith = (settings: Partial<MarkdownSettings>, source: string, env: MarkdownEnv = {}) =>
  markdown.render(source, { ...env, settings }).trim();
const headingClasses = (html: string) =>
  load(html)(":header")
    .toArray()
    .map((heading) => `${heading.tagName}.${load(heading)(heading).attr("class")}`);

describe("settings", () => {
  it("renders with the settings it was made with, and with those a render's env names", () => {
    const large = createMarkdown({ headingsStartWith: "xl", breaks: false });
    assert.equal(
      large.render("## Fees").trim(),
      '<div class="app-linked-heading">\n<h2 class="govuk-heading-l" id="fees">Fees</h2>\n<a class="govuk-link app-linked-heading__link" href="#fees" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Fees</span></a>\n</div>',
    );
    assert.equal(large.render("one\ntwo").trim(), '<p class="govuk-body">one\ntwo</p>');
    // The env's settings win over those the renderer was made with, key by key.
    assert.equal(
      large.render("## Fees\none\ntwo", { settings: { headingsStartWith: "l" } }).trim(),
      '<div class="app-linked-heading">\n<h2 class="govuk-heading-m" id="fees">Fees</h2>\n<a class="govuk-link app-linked-heading__link" href="#fees" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Fees</span></a>\n</div>\n<p class="govuk-body">one\ntwo</p>',
    );
    assert.equal(
      large.render("## Fees").trim(),
      '<div class="app-linked-heading">\n<h2 class="govuk-heading-l" id="fees">Fees</h2>\n<a class="govuk-link app-linked-heading__link" href="#fees" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Fees</span></a>\n</div>',
    );
  });
});

describe("heading sizes", () => {
  it("starts at large for h1 by default: h2 is medium and h3 onwards small", () => {
    assert.deepEqual(headingClasses(render("## Two\n\n### Three\n\n#### Four\n\n###### Six")), [
      "h2.govuk-heading-m",
      "h3.govuk-heading-s",
      "h4.govuk-heading-s",
      "h6.govuk-heading-s",
    ]);
  });

  it("starts at extra large with `xl`, and at medium with `m`", () => {
    assert.deepEqual(headingClasses(renderWith({ headingsStartWith: "xl" }, "## Two\n\n### Three\n\n#### Four")), [
      "h2.govuk-heading-l",
      "h3.govuk-heading-m",
      "h4.govuk-heading-s",
    ]);
    assert.deepEqual(headingClasses(renderWith({ headingsStartWith: "m" }, "## Two\n\n### Three")), [
      "h2.govuk-heading-s",
      "h3.govuk-heading-s",
    ]);
  });

  it("sizes a body's `#` headings by the level they are shown at, after moving them down one", () => {
    const env: MarkdownEnv = { pageTitle: "Budgets", notes: [] };
    // The h1 repeating the title goes; the other `#` makes every heading move down, so it reads as an h2.
    assert.deepEqual(headingClasses(render("# Budgets\n\nText\n\n# Spending\n\n## By month", env)), [
      "h2.govuk-heading-m",
      "h3.govuk-heading-s",
    ]);
    assert.deepEqual(
      env.notes?.map((note) => note.line),
      [1, 5],
    );
  });
});

describe("line breaks", () => {
  it("keeps a single line break in a paragraph as <br>", () => {
    assert.equal(render("Ask the team\nbefore Friday"), '<p class="govuk-body">Ask the team<br>\nbefore Friday</p>');
  });

  it("joins the lines when `breaks` is off", () => {
    assert.equal(
      renderWith({ breaks: false }, "Ask the team\nbefore Friday"),
      '<p class="govuk-body">Ask the team\nbefore Friday</p>',
    );
  });
});

describe("Calvert glyphs", () => {
  it("replaces fractions, guillemets and mathematical signs in text", () => {
    assert.equal(
      render("Add 1/2 or 3/4 cup, +-5, 3 x 4, a <= b, c => d, << quoted >>"),
      '<p class="govuk-body">Add ½ or ¾ cup, ±5, 3 × 4, a ≤ b, c ≥ d, « quoted »</p>',
    );
  });

  it("leaves longer numbers, code and link addresses as written", () => {
    assert.equal(
      render("11/2 and 1/20, `1/2 x 3`, [see 1/4](/a/1/2/)\n\n```\n1/2 +- 3\n```"),
      '<p class="govuk-body">11/2 and 1/20, <code class="app-code">1/2 x 3</code>, <a href="/a/1/2/" class="govuk-link">see ¼</a></p>\n' +
        '<pre class="app-code-block" tabindex="0"><code>1/2 +- 3\n</code></pre>',
    );
  });

  it("gives headings, their ids and the contents list the same text", () => {
    const env: MarkdownEnv = { headings: [] };
    assert.equal(
      render("## Part 1/2", env),
      '<div class="app-linked-heading">\n<h2 class="govuk-heading-m" id="part-1-2">Part ½</h2>\n<a class="govuk-link app-linked-heading__link" href="#part-1-2" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Part ½</span></a>\n</div>',
    );
    assert.deepEqual(env.headings, [{ level: 2, text: "Part ½", id: "part-1-2" }]);
  });

  it("does nothing when `calvert` is off", () => {
    assert.equal(renderWith({ calvert: false }, "1/2 +- 1"), '<p class="govuk-body">1/2 +- 1</p>');
  });
});

describe("govspeak callouts", () => {
  const insetText = (inner: string) => `<div class="govuk-inset-text">\n  ${inner}\n\n</div>`;

  it("draws an information callout as GOV.UK inset text", () => {
    assert.equal(
      render("^ Bring **photo** ID on the day ^"),
      insetText('<p class="govuk-body">Bring <strong>photo</strong> ID on the day</p>'),
    );
    // As markdown-it-govuk reads it, the closing marker may be left off, and the callout ends a paragraph.
    assert.equal(
      render("Before you go:\n^ Bring ID"),
      `<p class="govuk-body">Before you go:</p>\n${insetText('<p class="govuk-body">Bring ID</p>')}`,
    );
  });

  it("draws a warning callout with govuk-frontend's warning text markup, its HTML shown as text", () => {
    const html = render("% Do not share the <b>password</b> & **key** %");
    assert.equal(
      html,
      '<div class="govuk-warning-text">\n' +
        '  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>\n' +
        '  <strong class="govuk-warning-text__text">\n' +
        '    <span class="govuk-visually-hidden">Warning</span>\n' +
        "    Do not share the &lt;b&gt;password&lt;/b&gt; &amp; <strong>key</strong>\n" +
        "  </strong>\n</div>",
    );
  });

  it("draws example callouts as markdown-it-govuk does, on one line or several", () => {
    const expected =
      '<div data-govspeak="example-callout">\n<p class="govuk-body"><strong>Example</strong><br>\nA team of five</p>\n</div>';
    assert.equal(render("$E\n**Example**\nA team of five\n$E"), expected);
    assert.equal(render("$E **Example**\nA team of five $E"), expected);
    assert.equal(
      render("$E A team of five $E"),
      '<div data-govspeak="example-callout">\n<p class="govuk-body">A team of five</p>\n</div>',
    );
  });

  it("keeps each line of an address, even with `breaks` off", () => {
    const expected =
      '<div data-govspeak="address">\n<p class="govuk-body">Unit 4<br>\nHigh Street<br>\nAB1 2CD</p>\n</div>';
    assert.equal(render("$A\nUnit 4\nHigh Street\nAB1 2CD\n$A"), expected);
    assert.equal(
      renderWith({ breaks: false }, "$A\nUnit 4\nHigh Street\nAB1 2CD\n$A\n\none\ntwo"),
      `${expected}\n<p class="govuk-body">one\ntwo</p>`,
    );
  });

  it("names the body line of a problem inside a callout", () => {
    const env: MarkdownEnv = { notes: [] };
    render("Intro\n\n$E\nText\n\n![](/public/a.png)\n$E", env);
    assert.deepEqual(
      env.notes?.map((note) => note.line),
      [6],
    );
  });

  it("leaves the markers as text when `govspeak` is off, and in code", () => {
    assert.equal(renderWith({ govspeak: false }, "^ Note ^"), '<p class="govuk-body">^ Note ^</p>');
    assert.equal(renderWith({ govspeak: false }, "% Careful %"), '<p class="govuk-body">% Careful %</p>');
    assert.equal(render("    ^ Note ^"), '<pre class="app-code-block" tabindex="0"><code>^ Note ^\n</code></pre>');
  });
});

describe("heading ids", () => {
  it("never takes an id the author wrote in raw HTML, before or after the heading", () => {
    const env: MarkdownEnv = { headings: [] };
    const html = render(
      '<span id="costs"></span>\n\n## Costs\n\n## Staff\n\nSee <a id="staff" href="#costs">costs</a>.',
      env,
    );
    const $ = load(html);
    assert.deepEqual(
      $("[id]")
        .toArray()
        .map((element) => $(element).attr("id")),
      ["costs", "costs-2", "staff-2", "staff"],
    );
    assert.deepEqual(
      env.headings?.map((heading) => heading.id),
      ["costs-2", "staff-2"],
    );
  });

  it("ignores ids inside comments and code", () => {
    assert.equal(
      render('<!-- <span id="plan"> -->\n\n`<b id="plan">`\n\n## Plan')
        .split("\n")
        .find((line) => line.startsWith("<h2")),
      '<h2 class="govuk-heading-m" id="plan">Plan</h2>',
    );
  });
});

describe("contents lists", () => {
  const own = (source: string) => {
    const env: MarkdownEnv = { ownContents: [], headings: [] };
    render(source, env);
    return env.ownContents;
  };
  const threeSections = "## One\n\nText\n\n## Two\n\nText\n\n## Three\n\nText";

  it("finds a contents list the author wrote: a heading, or a list of links to this page near the top", () => {
    assert.deepEqual(own(`## On this page\n\n- [One](#one)\n\n${threeSections}`), [1]);
    assert.deepEqual(own(`Intro\n\n## Contents:\n\n${threeSections}`), [3]);
    assert.deepEqual(own(`Intro\n\n1. [One](#one)\n2. [Two](#two)\n\n${threeSections}`), [3]);
  });

  it("does not take other lists for one", () => {
    assert.deepEqual(own(`- [One](#one)\n- [Elsewhere](/other/)\n\n${threeSections}`), []);
    assert.deepEqual(own(`- [One](#one)\n\n${threeSections}`), []);
    assert.deepEqual(own(`${threeSections}\n\n- [One](#one)\n- [Two](#two)`), []);
  });

  const headings = [
    { level: 2, text: "Contents", id: "contents" },
    { level: 2, text: "One", id: "one" },
    { level: 3, text: "Detail", id: "detail" },
    { level: 2, text: "Two", id: "two" },
    { level: 2, text: "Three", id: "three" },
  ];
  const entries = [
    { text: "One", href: "#one" },
    { text: "Two", href: "#two" },
    { text: "Three", href: "#three" },
  ];

  it("adds one to long pages with `auto`, never listing a heading called Contents", () => {
    assert.deepEqual(contentsList(headings, { site: "auto" }), entries);
    assert.equal(contentsList(headings.slice(0, 3), { site: "auto" }), undefined);
  });

  it("adds none when the page has its own, or with `off`, unless front matter asks", () => {
    assert.equal(contentsList(headings, { site: "auto", ownContents: true }), undefined);
    assert.equal(contentsList(headings, { site: "off" }), undefined);
    assert.deepEqual(contentsList(headings, { site: "off", frontMatter: true }), entries);
    assert.equal(contentsList(headings, { site: "auto", frontMatter: false }), undefined);
  });
});

describe("inline styles", () => {
  it("leaves each style attribute out, keeping its element, and warns at its line: the Content Security Policy would block it", () => {
    const env: MarkdownEnv = { notes: [] };
    const html = render(
      "Intro\n\n<table>\n<tr><th style=\"width: 10em\" scope=\"col\">Name</th></tr>\n</table>\n\nText <span class='x' STYLE = 'color: red'>red</span> and <b style>bold</b>",
      env,
    );
    const $ = load(html);
    assert.equal($("[style]").length, 0, html);
    assert.doesNotMatch(html, /style/i);
    assert.equal($("th").attr("scope"), "col");
    assert.equal($("th").text(), "Name");
    assert.equal($("span.x").text(), "red");
    assert.equal($("b").text(), "bold");
    assert.deepEqual(
      env.notes?.map((note) => [note.line, note.severity]),
      [
        [4, "warning"],
        [7, "warning"],
        [7, "warning"],
      ],
    );
    assert.match(
      env.notes![0].message,
      /`style` attribute on `<th>` was left out.*Content Security Policy would block it.*govuk-/,
    );
  });

  it("says nothing of style in text or code, and leaves it there", () => {
    const env: MarkdownEnv = { notes: [] };
    const html = render('Use style="x" sparingly, as in `<p style="x">`.', env);
    assert.deepEqual(env.notes, []);
    assert.match(html, /Use style=&quot;x&quot; sparingly/);
    assert.match(html, /&lt;p style=&quot;x&quot;&gt;/);
  });
});

describe("links to internal hosts", () => {
  const settings = { internalDomains: ["intranet.example.org"] };

  it("sends Markdown links and raw HTML links to the target's interruption page, and lists each target once", () => {
    const env: MarkdownEnv = { internalLinkTargets: [] };
    const target = "https://intranet.example.org/sites/team?view=all";
    const sub = "https://files.intranet.example.org/a";
    const html = renderWith(
      settings,
      `[Team site](${target}), [again](${target}) and <a href="${sub}" class="govuk-link">files</a>.\n\n<p><a href='https://example.org/'>public</a></p>`,
      env,
    );
    const $ = load(html);
    assert.deepEqual(
      $("a")
        .toArray()
        .map((link) => $(link).attr("href")),
      [interruptionPageUrl(target), interruptionPageUrl(target), interruptionPageUrl(sub), "https://example.org/"],
    );
    assert.match(interruptionPageUrl(target), /^\/interruption\/[0-9a-f]+\/$/);
    assert.deepEqual(env.internalLinkTargets, [target, sub]);
  });

  it("leaves other links alone, and opens none in a new tab", () => {
    const env: MarkdownEnv = { internalLinkTargets: [] };
    const html = renderWith(settings, "[GOV.UK](https://www.gov.uk/) and [us](https://notintranet.example.org/)", env);
    assert.equal(
      html,
      '<p class="govuk-body"><a href="https://www.gov.uk/" class="govuk-link">GOV.UK</a> and <a href="https://notintranet.example.org/" class="govuk-link">us</a></p>',
    );
    assert.deepEqual(env.internalLinkTargets, []);
  });
});

describe("section breaks", () => {
  it("draws a rule as the app does", () => {
    const $ = load(render("Above\n\n---\n\nBelow"));
    assert.deepEqual($("hr").attr("class")?.split(" ").sort(), [
      "govuk-section-break",
      "govuk-section-break--visible",
      "govuk-section-break--xl",
    ]);
  });
});
