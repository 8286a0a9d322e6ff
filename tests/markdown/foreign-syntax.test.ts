import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";
import { CHECK_FIXTURE_DATA, checkContent } from "../helpers/check-content.ts";
import { makeContentDir, printedDiagnostics, shown } from "../helpers/content-dir.ts";

const md = createMarkdown();
const NEVER_RUN = "pages are data, never run as templates, so it is shown as written; instead,";

function render(body: string) {
  const env: MarkdownEnv = { notes: [] };
  return {
    html: md.render(body, env),
    notes: (env.notes ?? []).map(({ severity, line, message }) => `${line} ${severity}: ${message}`),
  };
}

describe("other tools' template tags and shortcodes", () => {
  it("shows a govuk-frontend macro call as written and warns at its first line with the container to write", () => {
    const { html, notes } = render('Intro.\n\n{{ govukDetails({\n  summaryText: "Help",\n  text: "The help."\n}) }}\n');
    assert.equal(
      html,
      '<p class="govuk-body">Intro.</p>\n<p class="govuk-body">{{ govukDetails({<br>\nsummaryText: &quot;Help&quot;,<br>\ntext: &quot;The help.&quot;<br>\n}) }}</p>\n',
    );
    assert.deepEqual(notes, [
      `3 warning: the Nunjucks macro call \`govukDetails(…)\`: ${NEVER_RUN} write \`::: details Summary\` on a line, the text, then \`:::\``,
    ]);
  });

  it("names each kind at its own line: Liquid variables, Jekyll includes, Hugo shortcodes and Tech Docs partials", () => {
    const { notes } = render(
      'Welcome to {{ site.title }}.\n\n{% include banner.html %}\n\nSee [x]({{< ref "about.md" >}}).\n\n{{% notice info %}}\nCareful.\n{{% /notice %}}\n\n<%= partial "links" %>\n',
    );
    assert.deepEqual(notes, [
      `1 warning: the template variable \`{{ site.title }}\`: ${NEVER_RUN} write the site's name itself`,
      `3 warning: the Jekyll tag \`{% include banner.html %}\`: ${NEVER_RUN} copy the text it would include into the page`,
      `5 warning: the Hugo shortcode \`{{< ref "about.md" >}}\`: ${NEVER_RUN} write a link: \`[[Page title]]\` or \`[words](/section/page/)\``,
      `7 warning: the Hugo shortcode \`{{% notice info %}}\`: ${NEVER_RUN} write \`::: inset\` or \`::: warning\` on a line, the text, then \`:::\``,
      `11 warning: the Tech Docs partial \`<%= partial "links" %>\`: ${NEVER_RUN} copy the text of the partial into the page`,
    ]);
  });

  it("keeps the text literal, never running it", () => {
    const { html } = render("{{ 7 * 7 }} {% if true %}yes{% endif %}\n");
    assert.equal(html, '<p class="govuk-body">{{ 7 * 7 }} {% if true %}yes{% endif %}</p>\n');
  });

  it("says nothing about tags in code spans, code blocks or preformatted HTML", () => {
    const { notes } = render(
      '`{{ site.title }}` and `{% include x.html %}`\n\n```\n{{ govukButton({ text: "Go" }) }}\n```\n\n    {{< ref "x" >}}\n\n<pre>{{ page.title }}</pre>\n',
    );
    assert.deepEqual(notes, []);
  });

  it("warns about a tag in raw HTML at its line", () => {
    const { notes } = render("<div>\n<p>{{ page.title }}</p>\n</div>\n");
    assert.deepEqual(notes, [
      `2 warning: the template variable \`{{ page.title }}\`: ${NEVER_RUN} write the page's title itself`,
    ]);
  });
});

describe("npm run check", () => {
  it("prints the body's notes at the page file's own lines, after its front matter", async () => {
    const dir = makeContentDir("foreign-syntax-check", {
      ...CHECK_FIXTURE_DATA,
      "guides/index.md": "---\ntitle: Guides\n---\n\nThe guides.\n",
      "guides/pasted.md":
        "---\ntitle: Pasted\n---\n\nWelcome to {{ site.title }}.\n\n![[diagram.png|The steps]] ![[missing.png|Gone]]\n",
      "public/guides/diagram.png": "picture",
    });
    const check = await checkContent(shown(dir, ""));
    const file = shown(dir, "guides/pasted.md");
    assert.deepEqual(
      printedDiagnostics(check.stdout).filter((diagnostic) => diagnostic.file === file),
      [
        {
          file,
          line: 5,
          severity: "warning",
          field: undefined,
          message: `the template variable \`{{ site.title }}\`: ${NEVER_RUN} write the site's name itself`,
        },
        {
          file,
          line: 7,
          severity: "error",
          field: undefined,
          message: `the embed ![[missing.png|Gone]] shows nothing: no file in ${shown(dir, "public")}/ is called "missing.png": files beside a page are not published, so put it in ${shown(dir, "public/guides")}/, which mirrors the page's folder, or write its path inside public/`,
        },
      ],
    );
    assert.equal(check.code, 1);
  });
});
