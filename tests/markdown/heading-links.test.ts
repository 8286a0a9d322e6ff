import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, it } from "node:test";
import { load } from "cheerio";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";
import type { PageView } from "../../lib/model/site-model.ts";
import { stageSearchDocuments, writeSearchIndex } from "../../lib/search/search-index.ts";

const markdown = createMarkdown();
const render = (source: string, env: MarkdownEnv = {}) => markdown.render(source, env).trim();

describe("heading links", () => {
  it("puts a worded self-link after each h2, in a wrapper with the heading, never inside it", () => {
    assert.equal(
      render("## Plan ahead"),
      '<div class="app-linked-heading">\n' +
        '<h2 class="govuk-heading-m" id="plan-ahead">Plan ahead</h2>\n' +
        '<a class="govuk-link app-linked-heading__link" href="#plan-ahead" data-pagefind-ignore>' +
        'Link to this section<span class="govuk-visually-hidden">: Plan ahead</span></a>\n' +
        "</div>",
    );
  });

  it("links h3 and h4 too, but not h5 or h6", () => {
    const $ = load(render("### Three\n\n#### Four\n\n##### Five\n\n###### Six"));
    assert.deepEqual(
      $(".app-linked-heading__link")
        .toArray()
        .map((link) => $(link).attr("href")),
      ["#three", "#four"],
    );
    assert.equal(
      render("##### Five"),
      '<h5 class="govuk-heading-s" id="five">Five</h5>',
      "an h5 is rendered as it was before",
    );
  });

  it("links a body's `#` heading at the level it is shown, h2", () => {
    assert.equal(
      render("# Part one"),
      '<div class="app-linked-heading">\n' +
        '<h2 class="govuk-heading-m" id="part-one">Part one</h2>\n' +
        '<a class="govuk-link app-linked-heading__link" href="#part-one" data-pagefind-ignore>' +
        'Link to this section<span class="govuk-visually-hidden">: Part one</span></a>\n' +
        "</div>",
    );
  });

  it("leaves the heading's own text, id and contents-list entry as they were, and escapes the link's words", () => {
    const env: MarkdownEnv = { headings: [] };
    const html = render("## Costs `<b>` & fees\n\nText\n\n## Costs `<b>` & fees", env);
    const $ = load(html);
    assert.deepEqual(
      $("h2")
        .toArray()
        .map((heading) => [$(heading).attr("id"), $(heading).text(), $(heading).children("a").length]),
      [
        ["costs-b-fees", "Costs <b> & fees", 0],
        ["costs-b-fees-2", "Costs <b> & fees", 0],
      ],
    );
    assert.deepEqual(env.headings, [
      { level: 2, text: "Costs <b> & fees", id: "costs-b-fees" },
      { level: 2, text: "Costs <b> & fees", id: "costs-b-fees-2" },
    ]);
    assert.match(
      html,
      /href="#costs-b-fees-2" data-pagefind-ignore>Link to this section<span class="govuk-visually-hidden">: Costs &lt;b&gt; &amp; fees<\/span><\/a>/,
    );
    assert.equal($(".app-linked-heading__link").first().text(), "Link to this section: Costs <b> & fees");
  });

  it("keeps the link's words out of the search index, which holds the page's text as before", async () => {
    const outputDir = await mkdtemp(path.join(os.tmpdir(), "heading-links-search-"));
    try {
      const bodyHtml = render("Intro words.\n\n## Plan ahead\n\nMore words.");
      const staged = await stageSearchDocuments(outputDir, [{ url: "/a/", title: "A page", bodyHtml } as PageView]);
      await writeSearchIndex(staged);
      const fragments = path.join(outputDir, "pagefind", "fragment");
      const [fragment] = await readdir(fragments);
      const indexed = JSON.parse(
        gunzipSync(await readFile(path.join(fragments, fragment)))
          .toString("utf8")
          .replace(/^pagefind_dcd/, ""),
      );
      assert.equal(indexed.content, "A page. Intro words. Plan ahead. More words.");
      assert.deepEqual(indexed.anchors, [{ element: "h2", id: "plan-ahead", text: "Plan ahead", location: 4 }]);
    } finally {
      await rm(outputDir, { recursive: true, force: true });
    }
  });
});
