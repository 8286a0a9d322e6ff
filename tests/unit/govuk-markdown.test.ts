import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";

const markdown = createMarkdown();
const render = (source: string, env: MarkdownEnv = {}) => markdown.render(source, env).trim();

describe("GOV.UK Markdown", () => {
  const cases: [string, string, string][] = [
    ["paragraph", "Hello", '<p class="govuk-body">Hello</p>'],
    ["h2 with id", "## Strategic level", '<h2 class="govuk-heading-l" id="strategic-level">Strategic level</h2>'],
    ["h3", "### Service design", '<h3 class="govuk-heading-m" id="service-design">Service design</h3>'],
    ["h4", "#### Detail", '<h4 class="govuk-heading-s" id="detail">Detail</h4>'],
    ["link", "[GOV.UK](https://www.gov.uk)", '<p class="govuk-body"><a href="https://www.gov.uk" class="govuk-link">GOV.UK</a></p>'],
    ["bullets", "- one\n- two", '<ul class="govuk-list govuk-list--bullet">\n<li>one</li>\n<li>two</li>\n</ul>'],
    ["numbers", "1. one\n2. two", '<ol class="govuk-list govuk-list--number">\n<li>one</li>\n<li>two</li>\n</ol>'],
    ["rule", "---", '<hr class="govuk-section-break govuk-section-break--xl govuk-section-break--visible">'],
    ["inline code", "`npm test`", '<p class="govuk-body"><code class="app-code">npm test</code></p>'],
    ["fenced code", "```sh\nnpm test\n```", '<pre class="app-code-block" tabindex="0"><code class="language-sh">npm test\n</code></pre>'],
    ["raw HTML", '<div class="govuk-inset-text">Keep</div>', '<div class="govuk-inset-text">Keep</div>'],
    ["image", "![A diagram](/public/a.png)", '<p class="govuk-body"><img src="/public/a.png" alt="A diagram" class="app-image" loading="lazy"></p>'],
  ];
  for (const [name, source, html] of cases) {
    it(`renders ${name}`, () => assert.equal(render(source), html));
  }

  it("renders tables with scoped headers inside a labelled, focusable region", () => {
    assert.equal(
      render("## Skills\n\n| Skill | Level |\n| --- | --- |\n| Agile | expert |"),
      '<h2 class="govuk-heading-l" id="skills">Skills</h2>\n' +
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
    assert.deepEqual([...html.matchAll(/id="([^"]+)"/g)].map((match) => match[1]), ["product", "product-2", "product-3"]);
  });

  it("leaves out a leading h1 that repeats the title, and says so", () => {
    const env: MarkdownEnv = { pageTitle: "Service owner", notes: [] };
    assert.equal(render("# Service owner\n\n## What a service owner does", env), '<h2 class="govuk-heading-l" id="what-a-service-owner-does">What a service owner does</h2>');
    assert.equal(env.notes?.length, 1);
    assert.equal(env.notes?.[0].line, 1);
  });

  it("shows body h1s one level down so the page keeps one h1", () => {
    const env: MarkdownEnv = { pageTitle: "Notes", notes: [], headings: [] };
    assert.equal(render("Intro\n\n# Part one\n\n## Detail", env), '<p class="govuk-body">Intro</p>\n<h2 class="govuk-heading-l" id="part-one">Part one</h2>\n<h3 class="govuk-heading-m" id="detail">Detail</h3>');
    assert.deepEqual(env.headings, [{ level: 2, text: "Part one", id: "part-one" }, { level: 3, text: "Detail", id: "detail" }]);
    assert.equal(env.notes?.[0].line, 3);
  });
});
