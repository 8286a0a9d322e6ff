import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import { buildInProcess, readPage, testOutputDir } from "../helpers/built-site.ts";
import { checkContent } from "../helpers/check-content.ts";
import { makeContentDir, printedDiagnostics, shown } from "../helpers/content-dir.ts";

const page = (text: string) => `---\n${text.trim()}\n---\n`;

// One small page per layout the Defra service manual uses, written for these tests.
const FILES: Record<string, string> = {
  "_data/site.json": JSON.stringify({
    brand: "defra",
    organisationName: "Defra",
    serviceName: "Layout test manual",
    serviceUrl: "/",
    url: "https://example.gov.uk",
    captionSize: "l",
    formAlternative: { text: "Email the planning team instead", href: "mailto:planning@example.gov.uk" },
    navigation: [
      { text: "Guides", href: "/guides" },
      { text: "Teams", href: "/teams/" },
      { text: "Reading room", href: "/reading-room" },
      { text: "Projects", href: "/projects/" },
    ],
    hiddenFromNavigation: ["/projects"],
  }),
  // Lists as the Defra app's navigation.yaml names them: one a navigation bar, one a section navigation.
  "_data/navigation.yaml": `
nav-planning:
  - text: Planning hub
    href: /hub
  - text: Projects
    href: /projects
nav-planning-sections:
  - title: Planning
    items:
      - text: Planning notes
        href: /notes/on-the-bar
      - text: Projects
        href: /projects
`,
  "notes/styled.md":
    page("title: A styled note") +
    '\nIntro.\n\n<table class="govuk-table">\n<tr><th class="govuk-table__header" style="width: 30%">Size</th></tr>\n</table>\n',
  "notes/on-the-bar.md":
    page(`
title: Planning notes
showMainNavigation: false
customNav:
  - text: Planning hub
    href: /hub
  - text: Projects
    href: /projects#soon
`) + "\nNotes.\n",
  "notes/named-bar.md": page("title: More notes\nshowMainNavigation: false\ncustomNav: nav-planning") + "\nMore.\n",
  "notes/projects-soon.md":
    page("title: Projects soon\nlayout: section\nsectionNav: nav-planning-sections") +
    "\nSee [the projects](/projects).\n",
  "index.md": page("title: Layout test manual") + "\nA home page.\n",
  "guides/index.md":
    page(`
title: Guides
caption: Know-how
description: Short guides for people planning work.
layout: section
sectionTitle: Guides for planners
sectionNav:
  - title: Start here
    items:
      - text: Guides
        href: /guides
      - text: Planning a sprint
        href: /guides/planning
  - title: Going further
    items:
      - text: Reading room
        href: /reading-room
`) + "\nEach guide is short.\n",
  "guides/planning.md":
    page(`
title: Planning a sprint
layout: section
sectionNav:
  - title: Start here
    items:
      - text: Guides
        href: /guides
      - text: Planning a sprint
        href: /guides/planning
supportBox:
  title: Ask the planners
  description: Write to <strong>the planning desk</strong>.
`) + "\nPick a goal first.\n",
  "notes/own-lede.md":
    page(`
title: A note with its own lede
caption: Notes
description: The one-line summary used for search.
descriptionInBody: true
layout: article
`) + "\nThe body opens with a lede of its own.\n",
  "notes/plain.md":
    page(`
title: A plain note
caption: Notes
description: The summary shown under the heading.
`) + "\nBody text.\n",
  "reading-room.md":
    page("title: Reading room\ncaption: Library\ndescription: Shelves of links.\nlayout: side-nav") + "\nBooks.\n",
  "guides/side-by-side.md":
    page(`
title: Side by side
layout: side-nav
sectionNav:
  - title: Pairs
    items:
      - text: Side by side
        href: /guides/side-by-side
      - text: Planning a sprint
        href: /guides/planning
`) + "\nTwo things at once.\n",
  "hub.md":
    page(`
title: Planning hub
caption: Hub
description: Everything about planning in one place.
layout: hub
statCards:
  - number: 12
    label: guides
    description: written so far
    href: /guides
hubSections:
  - title: Get started
    description: Where most people begin.
    items:
      - text: Planning a sprint
        href: /guides/planning
        description: The first guide.
        tag: New
      - text: Reading room
        href: /reading-room
        tag: Popular
        tagColour: blue
      - text: Teams
        href: /teams
        tag: Updated
        tagColour: light-blue
`) + "\nMore below.\n",
  "start.md":
    page(`
title: Planning tools
caption: Toolkit
layout: triage
triageTitle: Find out if a plan is ready
triageDescription: Answer two questions to see what to do next.
triageButtonText: Begin
triageButtonHref: /form/question-1
triageSecondaryText: Already know what you need?
triageSecondaryLinkText: Go to the guides
triageSecondaryHref: /guides
primaryCardsHeading: What would you like to do?
primaryCards:
  - text: Read the guides
    href: /guides
    description: Short guides for planners.
  - text: Meet the teams
    href: /teams
`) + "\nThe toolkit grows each month.\n",
  "teams/index.md":
    page(`
title: Teams
caption: People
description: The teams that plan the work.
layout: delivery-groups
`) + "\nPick a team.\n",
  "teams/harbour.md": page("title: Harbour team\ndescription: Plans the harbour work.\norder: 2") + "\nHarbour.\n",
  "teams/orchard.md": page("title: Orchard team\ndescription: Plans the orchard work.\norder: 1") + "\nOrchard.\n",
  "form/question-1.md": page(`
title: How big is the plan?
layout: question
questionCaption: Question 1 of 2
questionHint: Choose the closest size.
questionOptions:
  - text: Small
  - text: Large
questionBackHref: /start
questionSubmitHref: /form/question-1
questionContinueHref: /form/question-2
fields:
  answer: size
`),
  "form/question-2.md": page(`
title: What is your email address?
layout: question
questionCaption: Question 2 of 2
questionInputType: email
questionBackHref: /form/question-1
questionSubmitHref: /form/question-2
questionContinueHref: /form/check-your-answers
`),
  "form/check-your-answers.md": page(`
title: Check your answers
questionBackHref: /form/question-2
questionSubmitHref: /form/check-your-answers
`),
  "form/received.md":
    page("title: Answers received\nlayout: question\nisResult: true\nquestionBackHref: /start") +
    "\n## What happens next\n\nThe team replies within a week.\n",
  "form/sent.md": page("title: Form sent\nlayout: confirmation") + "\nThank you.\n",
};

let contentDir: string;
let site: string;
let stderr: string;
const view = (url: string): CheerioAPI => readPage(site, url);
const text = ($: CheerioAPI, selector: string) => $(selector).text().trim().replace(/\s+/g, " ");

before(async () => {
  const dir = makeContentDir("app-layouts-site", FILES);
  contentDir = shown(dir, "");
  site = path.join(testOutputDir, "content-model", "app-layouts-site-output");
  const build = await buildInProcess({ CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: site });
  assert.equal(build.code, 0, build.stderr);
  stderr = build.stderr;
});

describe("caption and heading (every layout)", () => {
  it("sizes the caption as site.json's captionSize says", () => {
    for (const url of ["/guides/", "/notes/plain/", "/notes/own-lede/", "/hub/", "/teams/"]) {
      const $ = view(url);
      assert.equal($("main .govuk-caption-l").length, 1, url);
      assert.equal($("main .govuk-caption-xl").length, 0, url);
      assert.equal($("main h1").length, 1, url);
    }
  });
});

describe("section layout", () => {
  it("puts the navigation in the one-third column and the caption, h1, lede, body and support box in the two-thirds one, in one row", () => {
    const $ = view("/guides/planning/");
    assert.equal($("main .govuk-grid-row").length, 1);
    const row = $("main .govuk-grid-row").first();
    assert.equal(row.children().first().is(".govuk-grid-column-one-third"), true);
    assert.equal(row.find(".govuk-grid-column-one-third nav.app-sub-navigation").length, 1);
    const content = row.find(".govuk-grid-column-two-thirds");
    assert.equal(content.find("h1").text(), "Planning a sprint");
    assert.match(content.text(), /Pick a goal first\./);
    assert.equal(content.find("aside.app-support-box h2").text(), "Ask the planners");
    const index = view("/guides/");
    assert.equal(index(".govuk-grid-column-two-thirds .govuk-caption-l + h1").text(), "Guides");
    assert.equal(
      text(index, ".govuk-grid-column-two-thirds h1 + p.govuk-body-l"),
      "Short guides for people planning work.",
    );
  });

  it("titles the navigation's groups in text, not headings, and never shows sectionTitle there", () => {
    const $ = view("/guides/");
    const nav = $("nav.app-sub-navigation");
    assert.equal(nav.find("h2, h3, h4").length, 0);
    assert.deepEqual(
      nav
        .find("p.app-sub-navigation__group-title")
        .map((_, title) => $(title).text())
        .get(),
      ["Start here", "Going further"],
    );
    assert.doesNotMatch(nav.text(), /Guides for planners/);
    assert.equal(nav.attr("aria-label"), "Pages in this section");
  });

  it("marks the current page as the app does, with aria-current, and links to the canonical URLs", () => {
    const $ = view("/guides/planning/");
    const current = $(".app-sub-navigation__link--current");
    assert.equal(current.length, 1);
    assert.equal(current.attr("href"), "/guides/planning/");
    assert.equal(current.attr("aria-current"), "page");
    assert.deepEqual(
      $(".app-sub-navigation a")
        .map((_, a) => $(a).attr("href"))
        .get(),
      ["/guides/", "/guides/planning/"],
    );
  });
});

describe("two-thirds and article layouts", () => {
  it("show the description as the lede under the h1", () => {
    const $ = view("/notes/plain/");
    assert.equal(text($, ".govuk-grid-column-two-thirds h1 + p.govuk-body-l"), "The summary shown under the heading.");
  });

  it("leave a descriptionInBody description off the page, keeping it for the meta description", () => {
    const $ = view("/notes/own-lede/");
    assert.doesNotMatch($("main").text(), /The one-line summary used for search/);
    assert.equal($('meta[name="description"]').attr("content"), "The one-line summary used for search.");
    assert.equal($("main .govuk-caption-l").text(), "Notes");
    assert.match($("main p").first().text(), /The body opens with a lede of its own\./);
  });
});

describe("side-nav layout", () => {
  it("puts the site's main navigation in a quarter beside the page, when the page has no sectionNav", () => {
    const $ = view("/reading-room/");
    const nav = $(".govuk-grid-column-one-quarter nav.app-sub-navigation");
    assert.equal(nav.attr("aria-label"), "Manual sections");
    assert.deepEqual(
      nav
        .find("a")
        .map((_, a) => $(a).attr("href"))
        .get(),
      ["/guides/", "/teams/", "/reading-room/"],
    );
    assert.equal(nav.find('[aria-current="page"]').text(), "Reading room");
    assert.equal($(".govuk-grid-column-three-quarters h1").text(), "Reading room");
  });

  it("uses the page's own sectionNav when it has one", () => {
    const $ = view("/guides/side-by-side/");
    assert.equal(text($, ".govuk-grid-column-one-quarter .app-sub-navigation__group-title"), "Pairs");
    assert.equal($(".govuk-grid-column-one-quarter [aria-current=page]").attr("href"), "/guides/side-by-side/");
  });
});

describe("hub layout", () => {
  it("shows the figures as linked cards and each section's cards under its h2, with their tags", () => {
    const $ = view("/hub/");
    const stat = $(".app-hub-cards__stat-link");
    assert.equal(stat.attr("href"), "/guides/");
    assert.equal(text($, ".app-hub-cards__stat-number"), "12");
    assert.equal($(".app-hub-cards__section h2").text(), "Get started");
    const cards = $(".app-hub-cards__card");
    assert.equal(cards.length, 3);
    assert.deepEqual(
      cards
        .find("h3 a")
        .map((_, a) => $(a).attr("href"))
        .get(),
      ["/guides/planning/", "/reading-room/", "/teams/"],
    );
    assert.deepEqual(
      cards
        .find("strong.govuk-tag")
        .map((_, tag) => $(tag).attr("class"))
        .get(),
      ["govuk-tag govuk-tag--green", "govuk-tag", "govuk-tag govuk-tag--teal"],
    );
    assert.match($("main").text(), /More below\./);
  });
});

describe("triage layout", () => {
  it("opens with a banner holding the caption, title, lede, start button and secondary line", () => {
    const $ = view("/start/");
    const hero = $(".app-triage-hero");
    assert.equal(hero.find(".govuk-caption-l").text(), "Toolkit");
    assert.equal(hero.find("h1").text(), "Find out if a plan is ready");
    assert.equal(text($, ".app-triage-hero__description"), "Answer two questions to see what to do next.");
    const button = hero.find("a.govuk-button.govuk-button--start");
    assert.equal(button.attr("href"), "/form/question-1/");
    assert.match(button.text(), /Begin/);
    assert.equal(button.find("svg.govuk-button__start-icon").length, 1);
    assert.equal(hero.find(".app-triage-hero__secondary a").attr("href"), "/guides/");
    assert.match(text($, ".app-triage-hero__secondary"), /^Already know what you need\? Go to the guides$/);
  });

  it("has no breadcrumbs: the banner opens the page, as the Defra app's start page has it", () => {
    const $ = view("/start/");
    assert.equal($(".govuk-breadcrumbs").length, 0);
    assert.equal($(".govuk-width-container > .app-triage-hero, main .app-triage-hero").length, 1);
  });

  it("lists the primary cards under their heading, then the body", () => {
    const $ = view("/start/");
    assert.equal($("main h2.govuk-heading-l").first().text(), "What would you like to do?");
    assert.deepEqual(
      $(".app-link-cards--rows h3 a")
        .map((_, a) => `${$(a).text()} ${$(a).attr("href")}`)
        .get(),
      ["Read the guides /guides/", "Meet the teams /teams/"],
    );
    assert.match($("main").text(), /The toolkit grows each month\./);
  });
});

describe("delivery-groups layout", () => {
  it("shows a tile for each page below it, in listing order", () => {
    const $ = view("/teams/");
    assert.equal(text($, "h1 + p.govuk-body-l"), "The teams that plan the work.");
    assert.deepEqual(
      $(".app-link-cards--tiles .app-link-cards__card")
        .map(
          (_, tile) =>
            `${$(tile).find("h2 a").attr("href")}: ${text($, `.app-link-cards__card:nth-child(${_ + 1}) p`)}`,
        )
        .get(),
      ["/teams/orchard/: Plans the orchard work.", "/teams/harbour/: Plans the harbour work."],
    );
  });
});

describe("form pages", () => {
  const notice = ($: CheerioAPI) => $(".govuk-notification-banner.app-form-notice");

  it("show a question as the h1, with its caption, hint, answers, a Back link and the notice", () => {
    const $ = view("/form/question-1/");
    assert.equal($(".govuk-back-link").attr("href"), "/start/");
    assert.equal($(".govuk-breadcrumbs").length, 0);
    assert.equal(text($, ".govuk-grid-column-two-thirds .govuk-caption-l"), "Question 1 of 2");
    assert.equal($("h1").text(), "How big is the plan?");
    assert.equal(text($, ".govuk-hint"), "Choose the closest size.");
    assert.deepEqual(
      $("main ul.govuk-list--bullet li")
        .map((_, li) => $(li).text())
        .get(),
      ["Small", "Large"],
    );
    assert.equal($("main form, main input, main button").length, 0, "nothing to fill in that could not be sent");
    assert.match(text($, ".app-form-notice"), /cannot send this form/);
    assert.equal(notice($).find("a").attr("href"), "mailto:planning@example.gov.uk");
    assert.equal(notice($).find("a").text(), "Email the planning team instead");
  });

  it("lead on to questionContinueHref with a link that names the next page, not a button that seems to send", () => {
    const first = view("/form/question-1/");
    const next = first('main nav.govuk-pagination[aria-label="Pages of this form"] a[rel="next"]');
    assert.equal(next.length, 1);
    assert.equal(next.attr("href"), "/form/question-2/");
    assert.equal(text(first, 'main a[rel="next"] .govuk-pagination__link-title'), "Next question");
    assert.equal(text(first, 'main a[rel="next"] .govuk-pagination__link-label'), "What is your email address?");
    assert.doesNotMatch(text(first, "main"), /\bContinue\b/);
    const last = view("/form/question-2/");
    assert.equal(last('main a[rel="next"]').attr("href"), "/form/check-your-answers/");
    assert.equal(text(last, 'main a[rel="next"] .govuk-pagination__link-title'), "Next page");
    assert.equal(text(last, 'main a[rel="next"] .govuk-pagination__link-label'), "Check your answers");
    assert.equal(view("/form/received/")('main a[rel="next"]').length, 0, "a result page asks nothing");
  });

  it("say what an email question asks for", () => {
    const $ = view("/form/question-2/");
    assert.match($("main").text(), /asks for your email address/);
    assert.equal($(".govuk-back-link").attr("href"), "/form/question-1/");
  });

  it("make a page naming where its form is sent, with no layout, the check-your-answers page listing the questions", () => {
    const $ = view("/form/check-your-answers/");
    assert.equal($("h1").text(), "Check your answers");
    assert.equal($(".govuk-back-link").attr("href"), "/form/question-2/");
    assert.deepEqual(
      $("main ol.govuk-list--number a")
        .map((_, a) => `${$(a).text()} ${$(a).attr("href")}`)
        .get(),
      ["How big is the plan? /form/question-1/", "What is your email address? /form/question-2/"],
    );
    assert.equal(notice($).length, 1);
  });

  it("show a result page's title and body, with the notice", () => {
    const $ = view("/form/received/");
    assert.equal($("h1").text(), "Answers received");
    assert.equal($("main h2#what-happens-next").length, 1);
    assert.equal(notice($).length, 1);
    assert.equal($(".govuk-hint, .govuk-caption-l").length, 0);
  });

  it("show a confirmation page's title in a GOV.UK panel", () => {
    const $ = view("/form/sent/");
    assert.equal(text($, ".govuk-panel--confirmation h1.govuk-panel__title"), "Form sent");
    assert.equal(notice($).length, 1);
  });

  it("are listed in one warning, with what readers are told instead", () => {
    const warnings = printedDiagnostics(stderr).filter((line) => /part of a form/.test(line.message));
    assert.equal(warnings.length, 1, stderr);
    for (const file of ["question-1.md", "question-2.md", "check-your-answers.md", "received.md", "sent.md"])
      assert.match(warnings[0].message, new RegExp(file.replace(".", "\\.")));
    assert.match(warnings[0].message, /Email the planning team instead/);
  });
});

describe("site.json's hiddenFromNavigation", () => {
  const barLinks = ($: CheerioAPI) =>
    $("header nav a")
      .map((_, a) => $(a).attr("href"))
      .get();

  it("leaves its links out of the main navigation, beside side-nav pages too, with or without the slash", () => {
    const $ = view("/reading-room/");
    assert.deepEqual(
      barLinks($).filter((href) => href !== "/"),
      ["/guides/", "/teams/", "/reading-room/"],
    );
    assert.equal($("main nav.app-sub-navigation a").filter((_, a) => $(a).text() === "Projects").length, 0);
  });

  it("leaves them out of a page's customNav, written inline (a # too) or named in navigation.yaml", () => {
    for (const url of ["/notes/on-the-bar/", "/notes/named-bar/"]) {
      const $ = view(url);
      assert.equal($('header nav[aria-label="Service navigation"]').length, 1, url);
      assert.deepEqual(
        barLinks($).filter((href) => href !== "/"),
        ["/hub/"],
        url,
      );
      assert.doesNotMatch($("header").text(), /Projects/, url);
    }
  });

  it("keeps them in a section navigation and the body, which show them", () => {
    const $ = view("/notes/projects-soon/");
    assert.equal($('main nav a[href="/projects"]').length, 1);
    assert.equal($('main .govuk-body a[href="/projects"]').length, 1);
  });

  it("are not reported by npm run check where they are left out, only where a page shows them", async () => {
    const run = await checkContent(contentDir);
    const dead = printedDiagnostics(run.stdout).filter((diagnostic) => /`\/projects/.test(diagnostic.message));
    assert.deepEqual(
      dead.map((diagnostic) => `${path.basename(diagnostic.file)} ${diagnostic.field ?? "body"}`).sort(),
      ["navigation.yaml nav-planning-sections.0.items.1.href", "projects-soon.md body"],
      run.stdout,
    );
  });
});

describe("author HTML with a style attribute", () => {
  it("is published without it, keeping the element, with a warning at its file and line", () => {
    const $ = view("/notes/styled/");
    assert.equal($("main [style]").length, 0);
    assert.equal(text($, "main th.govuk-table__header"), "Size");
    const warnings = printedDiagnostics(stderr).filter((diagnostic) => /`style` attribute/.test(diagnostic.message));
    assert.deepEqual(
      warnings.map((diagnostic) => `${path.basename(diagnostic.file)}:${diagnostic.line} ${diagnostic.severity}`),
      ["styled.md:8 warning"],
      stderr,
    );
    assert.match(warnings[0].message, /left out of the page.*Content Security Policy would block it.*govuk-/);
  });
});
