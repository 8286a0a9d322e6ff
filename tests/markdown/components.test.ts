import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { load } from "cheerio";
import MarkdownIt from "markdown-it";
import deflist from "markdown-it-deflist";
import { callouts } from "../../lib/markdown/callouts.ts";
import { components } from "../../lib/markdown/components.ts";
import {
  createMarkdown,
  DEFAULT_MARKDOWN_SETTINGS,
  govukMarkdown,
  type MarkdownEnv,
} from "../../lib/markdown/govuk-markdown.ts";
import { checkHtml } from "../../lib/gates/html-validation.ts";
import { safeContent } from "../../lib/markdown/safe-content.ts";
import { buildInProcess, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, printedDiagnostics, shown } from "../helpers/content-dir.ts";

const markdown = createMarkdown();
const render = (source: string, env: MarkdownEnv = {}) => markdown.render(source, env).trim();
const notesOf = (source: string) => {
  const env: MarkdownEnv = { notes: [] };
  const html = render(source, env);
  return { html, notes: env.notes };
};
const messages = (source: string) => notesOf(source).notes?.map(({ line, message }) => `${line}: ${message}`);

// Summary lists are written as definition lists; where the site's renderer does not read those yet,
// the same plugins run with markdown-it-deflist added.
const siteReadsDefinitionLists = markdown.render("Term\n: Value").includes("<dl");
const withDefinitionLists = siteReadsDefinitionLists
  ? markdown
  : new MarkdownIt({ html: true, breaks: true })
      .use(deflist)
      .use(callouts)
      .use(components)
      .use(safeContent)
      .use(govukMarkdown, DEFAULT_MARKDOWN_SETTINGS);

const DETAILS = (summary: string, body: string, open = "") =>
  `<details class="govuk-details"${open}>\n  <summary class="govuk-details__summary">\n` +
  `    <span class="govuk-details__summary-text">\n      ${summary}\n    </span>\n  </summary>\n` +
  `  <div class="govuk-details__text">\n    ${body}\n\n  </div>\n</details>`;

describe("components written as containers", () => {
  it("draws `::: details Summary` as details, both summary and content read as Markdown", () => {
    assert.equal(
      render("::: details What it *costs*\nIt is [free](https://example.org).\n:::"),
      DETAILS(
        "What it <em>costs</em>",
        '<p class="govuk-body">It is <a href="https://example.org" class="govuk-link">free</a>.</p>',
      ),
    );
  });

  it("draws `::: inset` as inset text, with any words after the name as its bold first line", () => {
    assert.equal(
      render("::: inset\nKeep this in mind.\n:::"),
      '<div class="govuk-inset-text">\n  <p class="govuk-body">Keep this in mind.</p>\n\n</div>',
    );
    assert.equal(
      render("::: inset Remember\nKeep it.\n:::"),
      '<div class="govuk-inset-text">\n  <p class="govuk-!-font-weight-bold govuk-body">Remember</p>\n' +
        '<p class="govuk-body">Keep it.</p>\n\n</div>',
    );
  });

  it("draws `::: warning` as warning text holding one paragraph, the rest after it with a note", () => {
    const open =
      '<div class="govuk-warning-text">\n  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>\n' +
      '  <strong class="govuk-warning-text__text">\n    <span class="govuk-visually-hidden">Warning</span>\n    ';
    assert.equal(render("::: warning\nDo not share.\n:::"), `${open}Do not share.\n  </strong>\n</div>`);
    assert.deepEqual(notesOf("::: warning Passwords\nDo not share.\n\nEver.\n:::"), {
      html: `${open}Passwords<br>\nDo not share.\n  </strong>\n</div>\n<p class="govuk-body">Ever.</p>`,
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

  it("draws `::: panel Title` as a panel titled one level below the heading before it", () => {
    assert.equal(
      render("::: panel Application complete\nYour reference is **HDJ2123F**\n:::"),
      '<div class="govuk-panel govuk-panel--confirmation">\n  <h2 class="govuk-panel__title">\n    Application complete\n  </h2>\n' +
        '  <div class="govuk-panel__body">\n    <p class="govuk-body">Your reference is <strong>HDJ2123F</strong></p>\n\n  </div>\n</div>',
    );
    assert.equal(load(render("## Done\n\n::: panel Sent\n:::"))(".govuk-panel__title").prop("tagName"), "H3");
  });

  it("draws `::: start-button` holding one link as a start button to it", () => {
    assert.equal(
      render("::: start-button\n[Start now](/apply/)\n:::"),
      '<a href="/apply/" role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">\n' +
        "  Start now\n" +
        '  <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">\n' +
        '    <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>\n  </svg>\n</a>',
    );
  });

  it("refuses a start button's javascript: link as any link is refused, naming its line", () => {
    const { html, notes } = notesOf("Intro\n\n::: start-button\n[Go](javascript:alert(1))\n:::");
    assert.match(html, /<a href="#" role="button"/);
    assert.deepEqual(
      notes?.map(({ severity, line }) => [severity, line]),
      [["error", 4]],
    );
  });

  it("draws `::: summary-list` around a definition list as a summary list", () => {
    const env: MarkdownEnv = { notes: [] };
    assert.equal(
      withDefinitionLists
        .render("::: summary-list\nName\n: Sarah *Philips*\n\nDate of birth\n: 5 January 1978\n:::", env)
        .trim(),
      '<dl class="govuk-summary-list">\n  <div class="govuk-summary-list__row">\n    <dt class="govuk-summary-list__key">\n' +
        '      Name\n    </dt>\n    <dd class="govuk-summary-list__value">\n      Sarah <em>Philips</em>\n    </dd>\n  </div>\n' +
        '  <div class="govuk-summary-list__row">\n    <dt class="govuk-summary-list__key">\n      Date of birth\n    </dt>\n' +
        '    <dd class="govuk-summary-list__value">\n      5 January 1978\n    </dd>\n  </div>\n</dl>',
    );
    assert.deepEqual(env.notes, []);
  });

  it("draws `:::: accordion` around `::: section Heading` containers, its id from the first heading", () => {
    const section = (n: number, heading: string, body: string) =>
      `  <div class="govuk-accordion__section">\n    <div class="govuk-accordion__section-header">\n` +
      `      <h2 class="govuk-accordion__section-heading">\n` +
      `        <span class="govuk-accordion__section-button" id="accordion-writing-well-heading-${n}">\n          ${heading}\n        </span>\n` +
      `      </h2>\n    </div>\n    <div id="accordion-writing-well-content-${n}" class="govuk-accordion__section-content">\n` +
      `      ${body}\n\n    </div>\n  </div>\n`;
    assert.equal(
      render(
        ":::: accordion\n::: section Writing well\nUse plain English.\n:::\n::: section Checking\n- Read it aloud\n:::\n::::",
      ),
      '<div class="govuk-accordion" data-module="govuk-accordion" id="accordion-writing-well">\n' +
        section(1, "Writing well", '<p class="govuk-body">Use plain English.</p>') +
        section(2, "Checking", '<ul class="govuk-list govuk-list--bullet">\n<li>Read it aloud</li>\n</ul>') +
        "</div>",
    );
  });

  it("draws `:::: tabs` around `::: tab Label` containers, each panel's id from its label", () => {
    assert.equal(
      render(":::: tabs\n::: tab Past day\nOne\n:::\n::: tab Past week\nTwo\n:::\n::::"),
      '<div class="govuk-tabs" data-module="govuk-tabs">\n  <h2 class="govuk-tabs__title">\n    Contents\n  </h2>\n' +
        '  <ul class="govuk-tabs__list">\n    <li class="govuk-tabs__list-item govuk-tabs__list-item--selected">\n' +
        '      <a class="govuk-tabs__tab" href="#past-day">\n        Past day\n      </a>\n    </li>\n' +
        '    <li class="govuk-tabs__list-item">\n      <a class="govuk-tabs__tab" href="#past-week">\n        Past week\n      </a>\n    </li>\n  </ul>\n' +
        '  <div class="govuk-tabs__panel" id="past-day">\n    <p class="govuk-body">One</p>\n\n  </div>\n' +
        '  <div class="govuk-tabs__panel govuk-tabs__panel--hidden" id="past-week">\n    <p class="govuk-body">Two</p>\n\n  </div>\n</div>',
    );
    assert.equal(
      load(render(":::: tabs Reports\n::: tab A\nOne\n:::\n::::"))(".govuk-tabs__title").text().trim(),
      "Reports",
    );
  });
});

describe("ids components take", () => {
  it("are unique on the page, and never a heading's", () => {
    const env: MarkdownEnv = { notes: [], headings: [] };
    const $ = load(
      render(
        "## Windows\n\n:::: tabs\n::: tab Windows\na\n:::\n::: tab Windows\nb\n:::\n::::\n\n" +
          ":::: accordion\n::: section Setup\nx\n:::\n::::\n\n:::: accordion\n::: section Setup\ny\n:::\n::::\n\n" +
          '<p id="accordion-setup-3">raw</p>',
        env,
      ),
    );
    assert.deepEqual(
      $(".govuk-tabs__panel")
        .map((_, panel) => $(panel).attr("id"))
        .get(),
      ["windows-2", "windows-3"],
    );
    assert.deepEqual(
      $(".govuk-accordion")
        .map((_, accordion) => $(accordion).attr("id"))
        .get(),
      ["accordion-setup", "accordion-setup-2"],
    );
    assert.deepEqual(env.headings, [{ level: 2, text: "Windows", id: "windows" }]);
    const ids = $("[id]")
      .map((_, element) => $(element).attr("id"))
      .get();
    assert.equal(new Set(ids).size, ids.length, ids.join(" "));
  });
});

describe("content inside components", () => {
  it("is the page's Markdown: nested components (each outer one with more colons), headings with ids, callouts", () => {
    const env: MarkdownEnv = { notes: [], headings: [] };
    const $ = load(
      render(
        "::::: accordion\n:::: section Costs\n### Travel\n\n> [!note]\n> Book early.\n\n::: details Rates\nBy day.\n:::\n::::\n:::::",
        env,
      ),
    );
    const content = $(".govuk-accordion__section-content");
    assert.equal(content.find("h3#travel").length, 1);
    assert.equal(content.find(".govuk-inset-text p").text(), "Book early.");
    assert.equal(content.find(".govuk-details__summary-text").text().trim(), "Rates");
    assert.deepEqual(env.headings, [{ level: 3, text: "Travel", id: "travel" }]);
    assert.deepEqual(env.notes, []);
  });

  it("keeps template braces literal in text, titles and code", () => {
    assert.equal(
      render("::: details Use `{{ title }}`\n```njk\n{% if x %}{{ y }}{% endif %}\n```\n:::"),
      DETAILS(
        'Use <code class="app-code">{{ title }}</code>',
        '<pre class="app-code-block" tabindex="0"><code class="language-njk">{% if x %}{{ y }}{% endif %}\n</code></pre>',
      ),
    );
  });

  it("works inside a list item", () => {
    assert.equal(
      render("- Step one\n\n  ::: inset\n  Note this.\n  :::"),
      '<ul class="govuk-list govuk-list--bullet">\n<li>\n<p class="govuk-body">Step one</p>\n' +
        '<div class="govuk-inset-text">\n  <p class="govuk-body">Note this.</p>\n\n</div>\n</li>\n</ul>',
    );
  });
});

describe("containers that are not components", () => {
  it("show the content of an unknown name, with a warning naming the line and the nearest name", () => {
    assert.deepEqual(notesOf("Intro\n\n::: detials Why\nShown.\n:::"), {
      html: '<p class="govuk-body">Intro</p>\n<p class="govuk-!-font-weight-bold govuk-body">Why</p>\n<p class="govuk-body">Shown.</p>',
      notes: [
        {
          severity: "warning",
          line: 3,
          message:
            "`::: detials` is not a component (details, inset, warning, accordion, tabs, summary-list, panel, start-button), so its content is shown as it is (did you mean `details`?)",
        },
      ],
    });
  });

  it("keep an unclosed container's content in it, with a warning", () => {
    assert.deepEqual(notesOf("::: details Open\nTo the end"), {
      html: DETAILS("Open", '<p class="govuk-body">To the end</p>'),
      notes: [
        {
          severity: "warning",
          line: 1,
          message:
            "`::: details` is never closed, so it holds everything to the end of the page (or of the list, quote or container it is in): close it with a line of `:::`",
        },
      ],
    });
  });

  it("name the line of each component whose content does not make it, and show that content", () => {
    const cases: [string, string, string[]][] = [
      [
        "::: start-button\nStart now\n:::",
        '<p class="govuk-body">Start now</p>',
        [
          "1: `::: start-button` holds one link and nothing else, as `[Start now](/apply/)` on the line after it: its content is shown as it is",
        ],
      ],
      [
        "::: start-button\n[One](/a/) and [two](/b/)\n:::",
        '<p class="govuk-body"><a href="/a/" class="govuk-link">One</a> and <a href="/b/" class="govuk-link">two</a></p>',
        [
          "1: `::: start-button` holds one link and nothing else, as `[Start now](/apply/)` on the line after it: its content is shown as it is",
        ],
      ],
      [
        ":::: accordion\nJust text.\n::::",
        '<p class="govuk-body">Just text.</p>',
        [
          "1: `::: accordion` has no sections: write each as `::: section Heading` … `:::` inside it, and open the accordion with one more colon than them (`:::: accordion`)",
        ],
      ],
      [
        ":::: tabs\nJust text.\n::::",
        '<p class="govuk-body">Just text.</p>',
        [
          "1: `::: tabs` has no tabs: write each as `::: tab Label` … `:::` inside it, and open the tabs with one more colon than them (`:::: tabs`)",
        ],
      ],
      [
        "::: details\nNo summary.\n:::",
        '<p class="govuk-body">No summary.</p>',
        ["1: `::: details` needs the summary readers click on after its name, as `::: details What it costs`"],
      ],
      [
        "::: panel\nNo title.\n:::",
        '<p class="govuk-body">No title.</p>',
        ["1: `::: panel` needs a title after its name, as `::: panel Application complete`"],
      ],
      [
        "::: section Alone\nText\n:::",
        '<p class="govuk-!-font-weight-bold govuk-body">Alone</p>\n<p class="govuk-body">Text</p>',
        [
          "1: `::: section` belongs inside `:::: accordion` (with one more colon than it), so its content is shown as it is",
        ],
      ],
      [
        "::: summary-list\nName, Sarah\n:::",
        '<p class="govuk-body">Name, Sarah</p>',
        [
          "1: `::: summary-list` has no rows: write each as a term on one line and `: its value` on the next, with a blank line between rows",
        ],
      ],
    ];
    for (const [source, html, expected] of cases) {
      assert.deepEqual({ html: render(source), notes: messages(source) }, { html, notes: expected }, source);
    }
  });

  it("say where tabs written with three colons around three-colon tabs went wrong", () => {
    assert.deepEqual(messages("::: tabs\n::: tab A\na\n:::\n::: tab B\nb\n:::\n:::"), [
      "2: `::: tab` is never closed, so it holds everything to the end of the page (or of the list, quote or container it is in): close it with a line of `:::`",
      "5: `::: tab` belongs inside `:::: tabs` (with one more colon than it), so its content is shown as it is",
      "8: this line of colons closes no container: a container holding others needs more colons than they have, as `:::: tabs` around `::: tab` … `:::`",
    ]);
  });

  it("move content between an accordion's sections before it, with a warning", () => {
    const { html, notes } = notesOf(":::: accordion\nIntro.\n::: section A\na\n:::\n::::");
    assert.match(html, /^<p class="govuk-body">Intro.<\/p>\n<div class="govuk-accordion"/);
    assert.deepEqual(
      notes?.map(({ line, message }) => `${line}: ${message}`),
      [
        "2: `::: accordion` holds only `::: section` containers, so this is shown before it: put it inside one, or before `::: accordion`",
      ],
    );
  });

  it("never throw, whatever the containers hold", () => {
    for (const source of [
      ":::",
      "::: ",
      ":::: accordion\n::: section\n:::\n::::",
      ":::: tabs\n::: tab\n:::\n::::",
      "::: summary-list\n:::",
      "::: start-button\n:::",
      "::: warning\n:::",
      "> ::: details X\n> y",
      "::: details X\n> [!note]\n> unclosed quote",
    ]) {
      assert.doesNotThrow(() => render(source), source);
    }
    assert.deepEqual(messages("::: warning\n:::"), [
      "1: `::: warning` is empty: write the warning inside it, or after its name",
    ]);
    assert.deepEqual(messages("::: inset\n:::"), ["1: `::: inset` is empty: write its text inside it"]);
  });
});

/** A guidance page using every callout look and every component, as an editor would write them. */
const EVERY_COMPONENT =
  "---\ntitle: Writing guidance\ndescription: Every callout and component a guidance page can use.\n---\n\n## Before you start\n\n> [!NOTE]\n> Guidance is read by busy people.\n\n> [!tip] Keep it short\n> One idea per paragraph.\n\n> [!WARNING]\n> Do not paste personal data into examples.\n\n> [!caution] Two paragraphs\n> The first is the warning.\n>\n> The second follows it.\n\n> [!IMPORTANT]\n> Check the style guide first.\n\n> [!success] Published\n> Your page is live.\n\n> [!faq]- Who reviews pages?\n> The content team.\n\n> [!quote] A user\n> It answered my question.\n\n> Plain quote stays a quote.\n\n- A list item\n\n  > [!info]\n  > A callout in a list.\n\n## Components\n\n::: details What it costs\nIt is [free](https://www.gov.uk/).\n:::\n\n::: inset\nInset text written as a container.\n:::\n\n::: warning\nYou can be fined up to \u00a35,000.\n:::\n\n::: panel Application complete\nYour reference number is **HDJ2123F**\n:::\n\n::: start-button\n[Start now](/)\n:::\n\n::: summary-list\nName\n: Sarah Philips\n\nDate of birth\n: 5 January 1978\n:::\n\n:::: accordion\n::: section Writing well\nUse plain English.\n:::\n::: section Checking your work\nRead it aloud.\n:::\n::::\n\n:::: tabs\n::: tab Past day\nThree reports.\n:::\n::: tab Past week\nTwenty reports.\n:::\n::::\n\n## After publishing\n\n> [!IMPORTANT]\n> A second banner with the same title.\n\nLiteral `{{ page.title }}` stays as written.\n";

describe("a built page using every callout and component", () => {
  it("builds with only the warning it asks for, passes html-validate and gets each component's styles", async () => {
    const dir = makeContentDir("callouts-and-components", { "writing.md": EVERY_COMPONENT });
    const site = path.join(testOutputDir, "callouts-and-components-site");
    const build = await buildInProcess({ CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: site });
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(
      printedDiagnostics(build.stdout + build.stderr).map(({ file, line, severity }) => [file, line, severity]),
      [[shown(dir, "writing.md"), 20, "warning"]],
    );
    const $ = readPage(site, "/writing/");
    const used = [
      "govuk-inset-text",
      "govuk-warning-text",
      "govuk-notification-banner",
      "govuk-notification-banner--success",
      "govuk-details",
      "app-quote",
      "govuk-panel",
      "govuk-button--start",
      "govuk-summary-list",
      "govuk-accordion",
      "govuk-tabs",
    ];
    for (const className of used) assert.ok($(`.${className}`).length, `the page has .${className}`);
    assert.ok(!$("main").text().includes("[!"), "no callout marker is left");
    assert.equal($("main").find("p:contains(':::')").length, 0, "no container line is left");
    assert.deepEqual(
      $(".app-contents-list a")
        .map((_, a) => $(a).text().trim())
        .get(),
      ["Before you start", "Components", "After publishing"],
    );
    const { findings } = await checkHtml({ siteDir: site, pathPrefix: "/" });
    assert.deepEqual(findings, []);
    const stylesheet = $("link[rel=stylesheet]").attr("href") ?? "";
    const css = readFileSync(path.join(site, stylesheet), "utf8");
    for (const selector of [
      ".govuk-accordion",
      ".govuk-tabs",
      ".govuk-panel",
      ".govuk-summary-list",
      ".govuk-notification-banner",
      ".govuk-button--start",
      ".govuk-details",
      ".govuk-inset-text",
      ".govuk-warning-text",
    ])
      assert.ok(css.includes(selector), `the stylesheet styles ${selector}`);
  });
});
