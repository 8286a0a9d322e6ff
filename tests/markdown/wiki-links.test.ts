import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createWikiLinkResolver } from "../../lib/content/wiki-link-targets.ts";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";

const resolve = createWikiLinkResolver(
  [{ url: "/roles/service-owner/", title: "Service owner", file: "content/roles/service-owner.md" }],
  {
    contentFolder: "content",
    paths: ["guides/diagram.png", "images/diagram.png", "images/map.png", "leaflet.pdf"],
  },
);
const md = createMarkdown();

/** Renders a body as the page content/guides/page.md, as the site model does. */
function render(body: string) {
  const env: MarkdownEnv = {
    notes: [],
    resolveWikiLink: (link) => resolve({ ...link, from: "content/guides/page.md" }),
  };
  return {
    html: md.render(body, env),
    notes: (env.notes ?? []).map(({ severity, line, message }) => `${line} ${severity}: ${message}`),
  };
}

describe("Obsidian embeds", () => {
  it("shows an embedded image with its alt text, finding the file beside the page's place in public/ first", () => {
    const { html, notes } = render("![[diagram.png|A flow of the steps]]\n");
    assert.equal(
      html,
      '<p class="govuk-body"><img src="/public/guides/diagram.png" alt="A flow of the steps" class="app-image" loading="lazy"></p>\n',
    );
    assert.deepEqual(notes, []);
  });

  it("finds an image by its path inside public/, or by a name only one file has, and says the size is not used", () => {
    const { html, notes } = render("Text\n![[images/diagram.png|Old flow]] ![[map.png|The county|300]]\n");
    assert.equal(
      html,
      '<p class="govuk-body">Text<br>\n<img src="/public/images/diagram.png" alt="Old flow" class="app-image" loading="lazy"> <img src="/public/images/map.png" alt="The county" class="app-image" loading="lazy"></p>\n',
    );
    assert.deepEqual(notes, [
      "2 warning: the size 300 in ![[map.png|The county|300]] is not used: Markdown images have no size, so the image is shown at its own width, up to the text column's; resize the file to change it",
    ]);
  });

  it("refuses an embedded image without alt text as it refuses ![](x.png), and one whose file is not published, at its line", () => {
    const { notes } = render("Intro.\n\n![[diagram.png]]\n\n![[chart.png|Visits]]\n");
    assert.deepEqual(notes, [
      '5 error: the embed ![[chart.png|Visits]] shows nothing: no file in content/public/ is called "chart.png": files beside a page are not published, so put it in content/public/guides/, which mirrors the page\'s folder, or write its path inside public/',
      '3 error: the image "/public/guides/diagram.png" has no alt text: say what it shows between the brackets, as in ![A chart of visits by month](/public/guides/diagram.png), or write ![""](/public/guides/diagram.png) if it is only decoration',
    ]);
  });

  it('publishes alt="" for an image written as decoration', () => {
    const { html, notes } = render('![[map.png|""]]\n');
    assert.equal(
      html,
      '<p class="govuk-body"><img src="/public/images/map.png" alt="" class="app-image" loading="lazy"></p>\n',
    );
    assert.deepEqual(notes, []);
  });

  it("links to another embedded file, and to an embedded note's page with a warning that its text is not shown here", () => {
    const { html, notes } = render("![[leaflet.pdf|The leaflet]] and ![[Service owner]]\n");
    assert.equal(
      html,
      '<p class="govuk-body"><a href="/public/leaflet.pdf" class="govuk-link">The leaflet</a> and <a href="/roles/service-owner/" class="govuk-link">Service owner</a></p>\n',
    );
    assert.deepEqual(notes, [
      "1 warning: shows the embed ![[Service owner]] as a link to the page: one page's text is never shown inside another here, so copy in what this page needs",
    ]);
  });

  it("leaves embeds in code as written", () => {
    const { html, notes } = render("`![[diagram.png]]`\n");
    assert.equal(html, '<p class="govuk-body"><code class="app-code">![[diagram.png]]</code></p>\n');
    assert.deepEqual(notes, []);
  });
});
