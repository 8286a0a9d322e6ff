import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "cheerio";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";

const markdown = createMarkdown();
const typographic = createMarkdown({ typographer: true });

/** The body's HTML and what the render noted, each note as `line: message`. */
function render(source: string, md = markdown, env: MarkdownEnv = {}) {
  const full: MarkdownEnv = { notes: [], headings: [], ...env };
  const html = md.render(source, full).trim();
  return {
    html,
    notes: (full.notes ?? []).map((note) => `${note.line}: ${note.severity}: ${note.message}`),
    env: full,
  };
}

const reference = (number: number, id = `footnote-reference-${number}`, note = `footnote-${number}`) =>
  `<sup class="app-footnotes__reference"><a href="#${note}" id="${id}" class="govuk-link">` +
  `<span class="govuk-visually-hidden">footnote </span>${number}</a></sup>`;
const backLink = (to: string, name: string) =>
  `<a href="#${to}" class="govuk-link app-footnotes__back-link"><span aria-hidden="true">↑</span>` +
  `<span class="govuk-visually-hidden">${name}</span></a>`;
const notesOpen =
  '<section class="app-footnotes">\n<h2 class="govuk-heading-m" id="footnotes">Footnotes</h2>\n' +
  '<ol class="govuk-list govuk-list--number app-footnotes__list">\n';
const notesClose = "</ol>\n</section>";

describe("footnotes", () => {
  it("renders a reference as a named superscript link and the note under a Footnotes heading with a link back", () => {
    const { html, notes } = render("A claim[^1].\n\n[^1]: Where it comes from.");
    assert.equal(
      html,
      `<p class="govuk-body">A claim${reference(1)}.</p>\n` +
        notesOpen +
        `<li id="footnote-1"><p class="govuk-body">Where it comes from. ${backLink("footnote-reference-1", "Back to reference 1")}</p>\n</li>\n` +
        notesClose,
    );
    assert.deepEqual(notes, []);
  });

  it("numbers notes in the order they are first referred to, whatever their labels, with a link back to each reference", () => {
    const { html, notes } = render(
      "First[^later], second[^early], again[^later].\n\n[^early]: Early note.\n\n[^later]: Later note.",
    );
    assert.equal(
      html,
      `<p class="govuk-body">First${reference(1)}, second${reference(2)}, again${reference(1, "footnote-reference-1-2")}.</p>\n` +
        notesOpen +
        `<li id="footnote-1"><p class="govuk-body">Later note. ${backLink("footnote-reference-1", "Back to reference 1 (1 of 2)")} ` +
        `${backLink("footnote-reference-1-2", "Back to reference 1 (2 of 2)")}</p>\n</li>\n` +
        `<li id="footnote-2"><p class="govuk-body">Early note. ${backLink("footnote-reference-2", "Back to reference 2")}</p>\n</li>\n` +
        notesClose,
    );
    assert.deepEqual(notes, []);
  });

  it("renders an inline note, and moves a reference out of a link's text so no link holds another", () => {
    const { html } = render("See [the guide ^[As of May.]](https://example.com/guide) today.");
    assert.equal(
      html,
      `<p class="govuk-body">See <a href="https://example.com/guide" class="govuk-link">the guide </a>${reference(1)} today.</p>\n` +
        notesOpen +
        `<li id="footnote-1"><p class="govuk-body">As of May. ${backLink("footnote-reference-1", "Back to reference 1")}</p>\n</li>\n` +
        notesClose,
    );
  });

  it("gives notes ids no heading or raw HTML id on the page has, and headings ids the notes do not take", () => {
    const { html, env } = render(
      '## Footnotes\n\n### Footnote 1\n\n<span id="footnote-reference-1"></span>\n\nA claim[^a].\n\n[^a]: The note.',
    );
    const $ = load(html);
    const ids = $("[id]")
      .map((_, element) => $(element).attr("id"))
      .get();
    assert.equal(new Set(ids).size, ids.length, `ids repeat: ${ids.join(", ")}`);
    assert.deepEqual(
      env.headings?.map((heading) => heading.id),
      ["footnotes-2", "footnote-1-2"],
    );
    assert.equal($(".app-footnotes h2").attr("id"), "footnotes");
    assert.equal($(".app-footnotes li").attr("id"), "footnote-1");
    assert.equal($(".app-footnotes__reference a").attr("id"), "footnote-reference-1-2");
    assert.equal($(".app-footnotes__back-link").attr("href"), "#footnote-reference-1-2");
  });

  it("keeps the Footnotes heading out of the contents list, an h2 even when the body's # headings move down", () => {
    const { html, env } = render("# Part one\n\nA claim[^1].\n\n[^1]: The note.");
    assert.deepEqual(
      env.headings?.map((heading) => heading.text),
      ["Part one"],
    );
    assert.match(html, /<h2 class="govuk-heading-m" id="footnotes">Footnotes<\/h2>/);
  });

  it("sizes the Footnotes heading as the site sizes h2s", () => {
    const { html } = render("A claim[^1].\n\n[^1]: The note.", createMarkdown({ headingsStartWith: "xl" }));
    assert.match(html, /<h2 class="govuk-heading-l" id="footnotes">Footnotes<\/h2>/);
  });

  it("prints no separator rule and no ↩ glyph, which markdown-it-footnote would", () => {
    const { html } = render("A claim[^1].\n\n[^1]: The note.");
    assert.doesNotMatch(html, /<hr|footnotes-sep|↩/);
  });

  it("warns of a reference with no note, leaving it as text, and of a label with a space", () => {
    const { html, notes } = render("A claim[^missing].\n\nAnother[^two words].\n\nEscaped \\[^x] is text.");
    assert.equal(
      html,
      '<p class="govuk-body">A claim[^missing].</p>\n<p class="govuk-body">Another[^two words].</p>\n' +
        '<p class="govuk-body">Escaped [^x] is text.</p>',
    );
    assert.deepEqual(notes, [
      "1: warning: the footnote reference [^missing] has no note, so it is shown as text: write the note on a line of its own, as [^missing]: The note.",
      "3: warning: the footnote label in [^two words] has a space, so it is shown as text: write it without spaces, as [^two-words], in the reference and the note",
    ]);
  });

  it("warns of a note nothing refers to, which is left out, a note written twice and an empty note", () => {
    const { html, notes } = render(
      "A claim[^used] and[^empty].\n\n[^used]: First.\n[^used]: Second.\n\n[^unused]: Never referred to.\n\n[^empty]:",
    );
    assert.equal(
      html,
      `<p class="govuk-body">A claim${reference(1)} and${reference(2)}.</p>\n` +
        notesOpen +
        `<li id="footnote-1"><p class="govuk-body">Second. ${backLink("footnote-reference-1", "Back to reference 1")}</p>\n</li>\n` +
        `<li id="footnote-2"> ${backLink("footnote-reference-2", "Back to reference 2")}</li>\n` +
        notesClose,
    );
    assert.deepEqual(notes, [
      "4: warning: the footnote [^used] is written 2 times (lines 3, 4); only the last is shown: give each note its own label",
      "6: warning: the footnote [^unused] is never referred to, so it is left out: refer to it with [^unused] where it applies, or delete it",
      "8: warning: the footnote [^empty] is empty: write the note after the colon",
    ]);
  });
});

describe("definition lists", () => {
  it("renders terms and their definitions as one GOV.UK styled dl, tight and loose", () => {
    const { html, notes } = render("Term\n: Definition\n\nLoose\n\n: A paragraph.\n\nTwo\n: One\n: Other");
    assert.equal(
      html,
      '<dl class="app-definition-list">\n<dt>Term</dt>\n<dd>Definition</dd>\n<dt>Loose</dt>\n<dd>\n<p class="govuk-body">A paragraph.</p>\n</dd>\n' +
        "<dt>Two</dt>\n<dd>One</dd>\n<dd>Other</dd>\n</dl>",
    );
    assert.deepEqual(notes, []);
  });

  it("keeps markdown-it-deflist's own tokens, so other rules can read a list", () => {
    const tokens = markdown.parse("Term\n: Definition", {});
    assert.deepEqual(
      tokens.map((token) => token.type),
      [
        "dl_open",
        "dt_open",
        "inline",
        "dt_close",
        "dd_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "dd_close",
        "dl_close",
      ],
    );
    assert.equal(tokens[0].attrGet("class"), "app-definition-list");
  });

  it("warns of an empty definition, naming its term", () => {
    const { html, notes } = render("Intro.\n\nTerm\n:\n");
    assert.equal(
      html,
      '<p class="govuk-body">Intro.</p>\n<dl class="app-definition-list">\n<dt>Term</dt>\n<dd></dd>\n</dl>',
    );
    assert.deepEqual(notes, [
      '4: warning: the definition of "Term" is empty: write it after the colon, as ": What it means", or delete the line',
    ]);
  });
});

describe("abbreviations", () => {
  it("gives every whole-word use an abbr with its expansion, and prints no definition line", () => {
    const { html, notes } = render("*[HTML]: Hypertext Markup Language\n\nWrite HTML, not HTML5, in `HTML` files.");
    assert.equal(
      html,
      '<p class="govuk-body">Write <abbr title="Hypertext Markup Language">HTML</abbr>, not HTML5, in <code class="app-code">HTML</code> files.</p>',
    );
    assert.deepEqual(notes, []);
  });

  it("escapes the expansion", () => {
    const { html } = render('*[Q&A]: Questions "and" <answers>\n\nSee the Q&A.');
    assert.equal(
      html,
      '<p class="govuk-body">See the <abbr title="Questions &quot;and&quot; &lt;answers&gt;">Q&amp;A</abbr>.</p>',
    );
  });
});

describe("figures", () => {
  it("renders an image with a title alone in its paragraph as a figure, keeping the image rule", () => {
    const { html, notes } = render('![A map of the site](/public/map.png "The site in *2024*, 1/2 size")');
    assert.equal(
      html,
      '<figure class="app-figure"><img src="/public/map.png" alt="A map of the site" class="app-image" loading="lazy">' +
        '<figcaption class="app-figure__caption">The site in <em>2024</em>, ½ size</figcaption></figure>',
    );
    assert.deepEqual(notes, []);
  });

  it("renders a linked image as a figure, and a figure in a tight list item", () => {
    const { html } = render('[![A map](/public/map.png "Caption")](/map/)\n\n- ![A chart](/c.png "Visits")');
    assert.equal(
      html,
      '<figure class="app-figure"><a href="/map/" class="govuk-link"><img src="/public/map.png" alt="A map" class="app-image" loading="lazy"></a>' +
        '<figcaption class="app-figure__caption">Caption</figcaption></figure>\n' +
        '<ul class="govuk-list govuk-list--bullet">\n<li>\n<figure class="app-figure"><img src="/c.png" alt="A chart" class="app-image" loading="lazy">' +
        '<figcaption class="app-figure__caption">Visits</figcaption></figure>\n</li>\n</ul>',
    );
  });

  it("leaves an image without a title, or one beside text, as an image", () => {
    const { html } = render('![A map](/public/map.png)\n\nSee ![a dot](/dot.png "Dot") here.');
    assert.equal(
      html,
      '<p class="govuk-body"><img src="/public/map.png" alt="A map" class="app-image" loading="lazy"></p>\n' +
        '<p class="govuk-body">See <img src="/dot.png" alt="a dot" title="Dot" class="app-image" loading="lazy"> here.</p>',
    );
  });

  it("still refuses a figure's image without alt text, and counts a caption's footnote with the rest", () => {
    const { html, notes } = render(
      '![](/b.png "A caption")\n\n![A chart](/c.png "Visits[^1]")\n\n[^1]: Counted daily.',
    );
    assert.deepEqual(notes, [
      '1: error: the image "/b.png" has no alt text: say what it shows between the brackets, as in ![A chart of visits by month](/b.png), or write ![""](/b.png) if it is only decoration',
    ]);
    assert.match(html, /<figcaption class="app-figure__caption">Visits<sup class="app-footnotes__reference">/);
    assert.match(html, /<li id="footnote-1"><p class="govuk-body">Counted daily\. <a href="#footnote-reference-1"/);
  });
});

describe("task lists", () => {
  it("starts each task with its state in words for screen readers and a drawn box, without a form control", () => {
    const { html, notes } = render("- [ ] Write the guide\n- [x] Agree the **scope**\n- Not a task");
    assert.equal(
      html,
      '<ul class="app-task-list govuk-list govuk-list--bullet">\n' +
        '<li class="app-task-list__item"><span class="app-task-list__mark" aria-hidden="true"></span>' +
        '<span class="govuk-visually-hidden">Not done: </span>Write the guide</li>\n' +
        '<li class="app-task-list__item"><span class="app-task-list__mark app-task-list__mark--done" aria-hidden="true"></span>' +
        '<span class="govuk-visually-hidden">Done: </span>Agree the <strong>scope</strong></li>\n' +
        "<li>Not a task</li>\n</ul>",
    );
    assert.doesNotMatch(html, /<input|<label/);
    assert.deepEqual(notes, []);
  });

  it("keeps a numbered list's numbers", () => {
    const { html } = render("1. [X] Done\n2. [ ] Next");
    assert.equal(
      html,
      '<ol class="app-task-list govuk-list govuk-list--number">\n' +
        '<li class="app-task-list__item"><span class="app-task-list__mark app-task-list__mark--done" aria-hidden="true"></span>' +
        '<span class="govuk-visually-hidden">Done: </span>Done</li>\n' +
        '<li class="app-task-list__item"><span class="app-task-list__mark" aria-hidden="true"></span>' +
        '<span class="govuk-visually-hidden">Not done: </span>Next</li>\n</ol>',
    );
  });
});

describe("smart typography (site.json markdown.typographer)", () => {
  const source =
    '"Quoted" -- it\'s (c) 1/2 +- 3 x 4... `"code" -- (c)` [a "b"](https://example.com/a--b...(c)) <https://example.com/x--y...>';

  it("is off by default: straight quotes and dashes as written, the GOV.UK glyphs still drawn", () => {
    assert.equal(
      render(source).html,
      '<p class="govuk-body">&quot;Quoted&quot; -- it\'s (c) ½ ± 3 × 4... <code class="app-code">&quot;code&quot; -- (c)</code> ' +
        '<a href="https://example.com/a--b...(c)" class="govuk-link">a &quot;b&quot;</a> ' +
        '<a href="https://example.com/x--y..." class="govuk-link">https://example.com/x--y...</a></p>',
    );
  });

  it("when on, curls quotes and sets dashes, ellipses and signs in text only: not code, addresses or the GOV.UK glyphs", () => {
    assert.equal(
      render(source, typographic).html,
      '<p class="govuk-body">“Quoted” – it’s © ½ ± 3 × 4… <code class="app-code">&quot;code&quot; -- (c)</code> ' +
        '<a href="https://example.com/a--b...(c)" class="govuk-link">a “b”</a> ' +
        '<a href="https://example.com/x--y..." class="govuk-link">https://example.com/x--y...</a></p>',
    );
    assert.equal(
      render('```\n"fence" -- (c)\n```', typographic).html,
      '<pre class="app-code-block" tabindex="0"><code>&quot;fence&quot; -- (c)\n</code></pre>',
    );
  });

  it("is chosen per render by the site's settings", () => {
    assert.equal(render('"Hi"', markdown, { settings: { typographer: true } }).html, '<p class="govuk-body">“Hi”</p>');
    assert.equal(
      render('"Hi"', typographic, { settings: { typographer: false } }).html,
      '<p class="govuk-body">&quot;Hi&quot;</p>',
    );
  });
});
