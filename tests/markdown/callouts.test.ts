import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "cheerio";
import { CALLOUT_TYPES } from "../../lib/markdown/callouts.ts";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";

const markdown = createMarkdown();
const render = (source: string, env: MarkdownEnv = {}) => markdown.render(source, env).trim();
const notesOf = (source: string) => {
  const env: MarkdownEnv = { notes: [] };
  const html = render(source, env);
  return { html, notes: env.notes };
};

const WARNING_OPEN =
  '<div class="govuk-warning-text">\n  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>\n' +
  '  <strong class="govuk-warning-text__text">\n    <span class="govuk-visually-hidden">Warning</span>\n    ';
const WARNING_CLOSE = "\n  </strong>\n</div>";

const banner = (modifier: string, id: string, level: number, title: string, content: string) =>
  `<div class="govuk-notification-banner${modifier}" role="note" aria-labelledby="${id}" data-module="govuk-notification-banner">\n` +
  `  <div class="govuk-notification-banner__header">\n` +
  `    <h${level} class="govuk-notification-banner__title" id="${id}">\n      ${title}\n    </h${level}>\n  </div>\n` +
  `  <div class="govuk-notification-banner__content">\n    ${content}\n\n  </div>\n</div>`;

describe("GitHub alerts", () => {
  it("draws a note as inset text, without the marker", () => {
    assert.equal(
      render("> [!NOTE]\n> Useful **information**."),
      '<div class="govuk-inset-text">\n  <p class="govuk-body">Useful <strong>information</strong>.</p>\n\n</div>',
    );
  });

  it("draws a warning as warning text", () => {
    assert.equal(
      render("> [!WARNING]\n> Do not share passwords."),
      `${WARNING_OPEN}Do not share passwords.${WARNING_CLOSE}`,
    );
  });

  it("draws an important alert as a notification banner titled by its type", () => {
    assert.equal(
      render("> [!IMPORTANT]\n> Read this first."),
      banner("", "callout-title", 2, "Important", '<p class="govuk-body">Read this first.</p>'),
    );
  });

  it("keeps the blank quote line after the marker out of the callout's content", () => {
    assert.equal(
      render("> [!TIP]\n>\n> Save often."),
      '<div class="govuk-inset-text">\n  <p class="govuk-body">Save often.</p>\n\n</div>',
    );
  });
});

describe("Obsidian callouts", () => {
  it("shows a title written after the marker as the inset text's bold first line, with its Markdown", () => {
    assert.equal(
      render("> [!tip] Before *you* start\n> Read the guide."),
      '<div class="govuk-inset-text">\n  <p class="govuk-!-font-weight-bold govuk-body">Before <em>you</em> start</p>\n' +
        '<p class="govuk-body">Read the guide.</p>\n\n</div>',
    );
  });

  it("draws success as a success banner, titled by the type as typed, a note rather than an alert", () => {
    assert.equal(
      render("> [!done]\n> All sent."),
      banner(" govuk-notification-banner--success", "callout-title", 2, "Done", '<p class="govuk-body">All sent.</p>'),
    );
  });

  it("gives a banner its own title", () => {
    assert.equal(
      render("> [!success] Application sent\n> We will reply in 5 days."),
      banner(
        " govuk-notification-banner--success",
        "callout-title",
        2,
        "Application sent",
        '<p class="govuk-body">We will reply in 5 days.</p>',
      ),
    );
  });

  it("draws a folded callout as closed details, its title the summary", () => {
    assert.equal(
      render("> [!faq]- Why *this* rule?\n> Because."),
      '<details class="govuk-details">\n  <summary class="govuk-details__summary">\n' +
        '    <span class="govuk-details__summary-text">\n      Why <em>this</em> rule?\n    </span>\n  </summary>\n' +
        '  <div class="govuk-details__text">\n    <p class="govuk-body">Because.</p>\n\n  </div>\n</details>',
    );
  });

  it("draws an unfolded callout as open details, titled by its type when it has no title", () => {
    assert.equal(
      render("> [!warning]+\n> Check twice."),
      '<details class="govuk-details" open>\n  <summary class="govuk-details__summary">\n' +
        '    <span class="govuk-details__summary-text">\n      Warning\n    </span>\n  </summary>\n' +
        '  <div class="govuk-details__text">\n    <p class="govuk-body">Check twice.</p>\n\n  </div>\n</details>',
    );
  });

  it("keeps a quote callout a quote, with its title", () => {
    assert.equal(
      render("> [!quote] A user\n> It was quick."),
      '<blockquote class="app-quote">\n<p class="govuk-!-font-weight-bold govuk-body">A user</p>\n' +
        '<p class="govuk-body">It was quick.</p>\n</blockquote>',
    );
  });

  it("puts a warning's title and first paragraph in the warning text, one line each", () => {
    assert.equal(
      render("> [!warning] Data loss\n> Back up first."),
      `${WARNING_OPEN}Data loss<br>\nBack up first.${WARNING_CLOSE}`,
    );
    assert.equal(render("> [!danger] Live data"), `${WARNING_OPEN}Live data${WARNING_CLOSE}`);
    assert.equal(render("> [!bug]"), `${WARNING_OPEN}Bug${WARNING_CLOSE}`);
  });

  it("follows a warning's later paragraphs and lists after its warning text, and says so at their line", () => {
    assert.deepEqual(notesOf("> [!caution]\n> Back up first.\n>\n> Then delete.\n>\n> - one"), {
      html:
        `${WARNING_OPEN}Back up first.${WARNING_CLOSE}\n<p class="govuk-body">Then delete.</p>\n` +
        '<ul class="govuk-list govuk-list--bullet">\n<li>one</li>\n</ul>',
      notes: [
        {
          severity: "warning",
          line: 4,
          message:
            "warning text holds one paragraph, so the rest of this warning follows it as ordinary text: keep a warning to one paragraph, or put the rest after it",
        },
      ],
    });
  });

  it("draws every type and alias, in any case, as its mapping says", () => {
    const classOf = {
      inset: "govuk-inset-text",
      warning: "govuk-warning-text",
      important: "govuk-notification-banner",
      success: "govuk-notification-banner--success",
      quote: "app-quote",
    };
    for (const [type, look] of Object.entries(CALLOUT_TYPES)) {
      for (const written of [type, type.toUpperCase()]) {
        const { html, notes } = notesOf(`> [!${written}]\n> Body text.`);
        const $ = load(html);
        assert.equal($(`.${classOf[look]}`).length, 1, `[!${written}] as ${look}: ${html}`);
        assert.ok(!html.includes("[!"), `[!${written}] leaves no marker`);
        assert.deepEqual(notes, [], `[!${written}] is known`);
      }
    }
    assert.deepEqual(Object.keys(CALLOUT_TYPES).sort(), [
      "abstract",
      "attention",
      "bug",
      "caution",
      "check",
      "cite",
      "danger",
      "done",
      "error",
      "example",
      "fail",
      "failure",
      "faq",
      "help",
      "hint",
      "important",
      "info",
      "missing",
      "note",
      "question",
      "quote",
      "success",
      "summary",
      "tip",
      "tldr",
      "todo",
      "warning",
    ]);
  });
});

describe("callouts that are not", () => {
  it("shows an unknown type as inset text, with a warning naming its line and the nearest type", () => {
    assert.deepEqual(notesOf("Intro.\n\n> [!warnign]\n> Careful."), {
      html: '<p class="govuk-body">Intro.</p>\n<div class="govuk-inset-text">\n  <p class="govuk-body">Careful.</p>\n\n</div>',
      notes: [
        {
          severity: "warning",
          line: 3,
          message: "`[!warnign]` is not a callout type, so it is shown as inset text (did you mean `warning`?)",
        },
      ],
    });
    assert.equal(
      notesOf("> [!banana]\n> x").notes?.[0]?.message,
      "`[!banana]` is not a callout type, so it is shown as inset text",
    );
  });

  it("says so when a callout is only its marker", () => {
    assert.deepEqual(notesOf("Text.\n\n> [!NOTE]").notes, [
      { severity: "warning", line: 3, message: "`[!NOTE]` is empty: write the callout on the quote's next lines" },
    ]);
    assert.deepEqual(notesOf("> [!NOTE] Only a title").notes, []);
  });

  it("leaves a quote without a marker, or with one later in it, a quote", () => {
    assert.equal(
      render("> Just a quote"),
      '<blockquote class="app-quote">\n<p class="govuk-body">Just a quote</p>\n</blockquote>',
    );
    assert.equal(
      render("> See [!NOTE] below"),
      '<blockquote class="app-quote">\n<p class="govuk-body">See [!NOTE] below</p>\n</blockquote>',
    );
  });

  it("leaves a marker in code as written, and template braces in a callout literal", () => {
    assert.equal(
      render("```\n> [!NOTE]\n```"),
      '<pre class="app-code-block" tabindex="0"><code>&gt; [!NOTE]\n</code></pre>',
    );
    assert.equal(
      render("> [!note]\n> Write `{{ page.title }}` and `{% if %}`."),
      '<div class="govuk-inset-text">\n  <p class="govuk-body">Write <code class="app-code">{{ page.title }}</code> and ' +
        '<code class="app-code">{% if %}</code>.</p>\n\n</div>',
    );
  });
});

describe("callouts among other blocks", () => {
  it("works inside a list item, naming the body line of an unknown type there", () => {
    assert.deepEqual(notesOf("- First\n\n  > [!TIP]\n  > In a list\n- Second\n\n  > [!tpi]\n  > Typo"), {
      html:
        '<ul class="govuk-list govuk-list--bullet">\n<li>\n<p class="govuk-body">First</p>\n' +
        '<div class="govuk-inset-text">\n  <p class="govuk-body">In a list</p>\n\n</div>\n</li>\n<li>\n' +
        '<p class="govuk-body">Second</p>\n<div class="govuk-inset-text">\n  <p class="govuk-body">Typo</p>\n\n</div>\n</li>\n</ul>',
      notes: [
        {
          severity: "warning",
          line: 7,
          message: "`[!tpi]` is not a callout type, so it is shown as inset text (did you mean `tip`?)",
        },
      ],
    });
  });

  it("works inside a quote, which stays a quote, and inside another callout", () => {
    assert.equal(
      render("> Said:\n>\n> > [!caution]\n> > Deep"),
      '<blockquote class="app-quote">\n<p class="govuk-body">Said:</p>\n' +
        `${WARNING_OPEN}Deep${WARNING_CLOSE}\n</blockquote>`,
    );
    assert.equal(
      render("> [!note]\n> Outer\n>\n> > [!tip] Inner\n> > Text"),
      '<div class="govuk-inset-text">\n  <p class="govuk-body">Outer</p>\n<div class="govuk-inset-text">\n' +
        '  <p class="govuk-!-font-weight-bold govuk-body">Inner</p>\n<p class="govuk-body">Text</p>\n\n</div>\n\n</div>',
    );
  });

  it("titles a banner one level below the heading it follows, so the outline stays in order", () => {
    const $ = load(render("## Costs\n\n### Travel\n\n> [!important]\n> Book early."));
    assert.equal($(".govuk-notification-banner__title").prop("tagName"), "H4");
  });

  it("gives each banner a title id of its own, clear of the headings' ids, and keeps banners out of the contents", () => {
    const env: MarkdownEnv = { notes: [], headings: [] };
    const $ = load(render("## Callout title\n\n> [!important]\n> One\n\n> [!success]\n> Two", env));
    assert.deepEqual(
      $(".govuk-notification-banner")
        .map((_, element) => [[$(element).attr("aria-labelledby"), $(element).find("h3").attr("id")]])
        .get(),
      [
        ["callout-title-2", "callout-title-2"],
        ["callout-title-3", "callout-title-3"],
      ],
    );
    assert.equal($("h2").attr("id"), "callout-title");
    assert.deepEqual(env.headings, [{ level: 2, text: "Callout title", id: "callout-title" }]);
  });

  it("keeps headings inside a callout headings, with their ids and in the contents", () => {
    const env: MarkdownEnv = { notes: [], headings: [] };
    const $ = load(render("> [!note]\n> ## Who this is for\n> Teams.", env));
    assert.equal($(".govuk-inset-text h2").attr("id"), "who-this-is-for");
    assert.deepEqual(env.headings, [{ level: 2, text: "Who this is for", id: "who-this-is-for" }]);
  });

  it("checks links in a callout's title as the page's own", () => {
    const { html, notes } = notesOf("> [!tip] See [this](javascript:alert(1))\n> x");
    assert.match(html, /<a href="#" class="govuk-link">this<\/a>/);
    assert.equal(notes?.[0]?.severity, "error");
    assert.equal(notes?.[0]?.line, 1);
  });
});
