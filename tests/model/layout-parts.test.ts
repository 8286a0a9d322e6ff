import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SourcePage } from "../../lib/content/load-content.ts";
import { SiteData } from "../../lib/content/site-data.ts";
import type { PageFrontMatter } from "../../lib/content/validate-front-matter.ts";
import {
  formPagesDiagnostics,
  layoutOf,
  layoutPartsFor,
  type LayoutPartsContext,
} from "../../lib/model/layout-parts.ts";
import { parentUrl } from "../../lib/model/page-tree.ts";

const siteWith = (extra: Record<string, unknown> = {}): SiteData =>
  SiteData.parse({
    organisationName: "Org",
    serviceName: "Manual",
    url: "https://example.gov.uk",
    navigation: [
      { text: "Guides", href: "/guides" },
      { text: "Elsewhere", href: "https://example.org/away" },
    ],
    ...extra,
  });

const source = (url: string, frontMatter: Partial<PageFrontMatter> & { title: string }): SourcePage => {
  const file = `content${url === "/" ? "/index" : url.replace(/\/$/, "")}.md`;
  return { file, url, frontMatter: frontMatter as PageFrontMatter, body: "", bodyLine: 1, locate: () => ({ file }) };
};

/** The context the site model passes, over the given pages: canonical() adds the slash a page's URL has. */
function contextFor(pages: SourcePage[], site = siteWith()): LayoutPartsContext {
  const sourceByUrl = new Map(pages.map((page) => [page.url, page]));
  const childrenOf = new Map<string, SourcePage[]>();
  for (const page of pages) {
    const parent = parentUrl(page.url);
    if (parent !== undefined) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), page]);
  }
  const canonical = (href: string) => (sourceByUrl.has(`${href}/`) ? `${href}/` : href);
  return { site, sourceByUrl, childrenOf, canonical };
}

const partsOf = (page: SourcePage, pages: SourcePage[], site?: SiteData) =>
  layoutPartsFor(page, page.frontMatter, contextFor(pages, site));

describe("layoutOf", () => {
  it("is the page's layout, else two-thirds", () => {
    assert.equal(layoutOf({ title: "A", layout: "hub" } as PageFrontMatter), "hub");
    assert.equal(layoutOf({ title: "A" } as PageFrontMatter), "two-thirds");
  });

  it("makes a layout-less page that names where its form is sent a form page", () => {
    assert.equal(layoutOf({ title: "A", questionSubmitHref: "/f" } as PageFrontMatter), "check-your-answers");
    assert.equal(
      layoutOf({ title: "A", questionSubmitHref: "/f", questionInputType: "email" } as PageFrontMatter),
      "question",
    );
  });
});

describe("layoutPartsFor", () => {
  const guides = source("/guides/", { title: "Guides" });

  it("gives layouts with nothing of their own no parts", () => {
    assert.equal(partsOf(guides, [guides]), undefined);
    const section = source("/s/", { title: "S", layout: "section" });
    assert.equal(partsOf(section, [section]), undefined);
  });

  it("gives a side-nav page without sectionNav the site's main navigation, canonical and marked current", () => {
    const here = source("/guides/", { title: "Guides", layout: "side-nav" });
    assert.deepEqual(partsOf(here, [here])?.sideNavigation, {
      label: "Manual sections",
      groups: [
        {
          items: [
            { text: "Guides", href: "/guides/", current: true },
            { text: "Elsewhere", href: "https://example.org/away", current: false },
          ],
        },
      ],
    });
  });

  it("gives a side-nav page with sectionNav its own groups", () => {
    const here = source("/guides/", {
      title: "Guides",
      layout: "side-nav",
      sectionNav: [{ title: "Group", items: [{ text: "Guides", href: "/guides" }] }],
    });
    assert.deepEqual(partsOf(here, [here])?.sideNavigation, {
      label: "Pages in this section",
      groups: [{ title: "Group", items: [{ text: "Guides", href: "/guides/", current: true }] }],
    });
  });

  it("gives a hub its figures as text and its cards' tags GOV.UK Frontend 6 classes", () => {
    const hub = source("/hub/", {
      title: "Hub",
      layout: "hub",
      statCards: [{ number: 7, label: "guides", href: "/guides" }],
      hubSections: [
        {
          title: "Start",
          items: [
            { text: "A", href: "/guides", tag: "New" },
            { text: "B", href: "/b", tag: "Old", tagColour: "blue" },
            { text: "C", href: "/c", tag: "Moved", tagColour: "light-blue" },
            { text: "D", href: "/d" },
          ],
        },
      ],
    });
    const parts = partsOf(hub, [hub, guides])!.hub!;
    assert.deepEqual(parts.statCards, [{ number: "7", label: "guides", description: undefined, href: "/guides/" }]);
    assert.deepEqual(
      parts.sections[0].items.map((item) => [item.href, item.tag]),
      [
        ["/guides/", { text: "New", classes: "govuk-tag--green" }],
        ["/b", { text: "Old", classes: undefined }],
        ["/c", { text: "Moved", classes: "govuk-tag--teal" }],
        ["/d", undefined],
      ],
    );
  });

  it("gives a triage page its hero and cards, with a start button only when it has both text and link", () => {
    const triage = source("/start/", {
      title: "Start",
      layout: "triage",
      triageDescription: "Lede.",
      triageButtonText: "Go",
      triageButtonHref: "/guides",
      triageSecondaryText: "Or",
      triageSecondaryLinkText: "read",
      triageSecondaryHref: "/guides",
      primaryCards: [{ text: "Guides", href: "/guides" }],
    });
    assert.deepEqual(partsOf(triage, [triage, guides])?.triage, {
      title: "Start",
      description: "Lede.",
      button: { text: "Go", href: "/guides/" },
      secondary: { text: "Or", link: { text: "read", href: "/guides/" } },
      cardsHeading: "Start",
      cardsDescription: undefined,
      cards: [{ text: "Guides", href: "/guides/" }],
    });
    const bare = source("/bare/", { title: "Bare", layout: "triage", triageTitle: "Hero", triageButtonText: "Go" });
    const parts = partsOf(bare, [bare])!.triage!;
    assert.equal(parts.title, "Hero");
    assert.equal(parts.button, undefined);
  });

  it("gives a delivery groups page a tile for each page below it, in listing order", () => {
    const groups = source("/groups/", { title: "Groups", layout: "delivery-groups" });
    const pages = [
      groups,
      source("/groups/b/", { title: "Bravo", description: "Second by title." }),
      source("/groups/z/", { title: "Zulu", order: 1 }),
      source("/groups/a/", { title: "Alpha" }),
      source("/groups/a/deeper/", { title: "Deeper" }),
    ];
    assert.deepEqual(partsOf(groups, pages)?.tiles, [
      { text: "Zulu", href: "/groups/z/", description: undefined },
      { text: "Alpha", href: "/groups/a/", description: undefined },
      { text: "Bravo", href: "/groups/b/", description: "Second by title." },
    ]);
  });

  it("gives a question its parts, a canonical Back link and the site's alternative", () => {
    const q = source("/form/q1/", {
      title: "Which?",
      layout: "question",
      questionCaption: "Question 1 of 2",
      questionOptions: [{ text: "Yes" }, { text: "No" }],
      questionBackHref: "/guides",
    });
    const site = siteWith({ formAlternative: { text: "Email us", href: "mailto:us@example.gov.uk" } });
    const parts = partsOf(q, [q, guides], site)!;
    assert.deepEqual(parts.question, {
      caption: "Question 1 of 2",
      hint: undefined,
      inputType: "radio",
      options: ["Yes", "No"],
      isResult: false,
      next: undefined,
    });
    assert.deepEqual(parts.form, {
      backHref: "/guides/",
      alternative: { text: "Email us", href: "mailto:us@example.gov.uk" },
      questions: [],
    });
  });

  it("links a question on to its questionContinueHref, saying whether a question or another page is next", () => {
    const pages = [
      source("/form/q1/", { title: "Which?", layout: "question", questionContinueHref: "/form/q2" }),
      source("/form/q2/", { title: "When?", layout: "question", questionContinueHref: "/form/check" }),
      source("/form/check/", { title: "Check your answers", questionSubmitHref: "/form/check" }),
      source("/form/q3/", { title: "Where?", layout: "question", questionContinueHref: "https://example.org/next" }),
      source("/form/done/", { title: "Done", layout: "question", isResult: true, questionContinueHref: "/form/q1" }),
      source("/form/q4/", { title: "Why?", layout: "question" }),
    ];
    const nextOf = (index: number) => partsOf(pages[index], pages)?.question?.next;
    assert.deepEqual(nextOf(0), { text: "Next question", labelText: "When?", href: "/form/q2/" });
    assert.deepEqual(nextOf(1), { text: "Next page", labelText: "Check your answers", href: "/form/check/" });
    assert.deepEqual(nextOf(3), { text: "Next page", labelText: undefined, href: "https://example.org/next" });
    assert.equal(nextOf(4), undefined, "a result page asks nothing, so leads nowhere");
    assert.equal(nextOf(5), undefined);
  });

  it("sends a form page without questionBackHref back to the page above it, or shows no Back link", () => {
    const form = source("/form/", { title: "Form" });
    const sent = source("/form/sent/", { title: "Sent", layout: "confirmation" });
    assert.equal(partsOf(sent, [form, sent])?.form?.backHref, "/form/");
    assert.equal(partsOf(sent, [sent])?.form?.backHref, undefined);
  });

  it("lists a check-your-answers page's questions in the order the form asks them", () => {
    const pages = [
      source("/form/a/", { title: "Third", layout: "question", questionContinueHref: "/form/check" }),
      source("/form/b/", { title: "First", layout: "question", questionContinueHref: "/form/c" }),
      source("/form/c/", { title: "Second", layout: "question", questionContinueHref: "/form/a" }),
      source("/form/done/", { title: "Done", layout: "question", isResult: true }),
      source("/form/check/", { title: "Check", questionSubmitHref: "/form/check" }),
    ];
    const check = pages[4];
    assert.deepEqual(
      partsOf(check, pages)?.form?.questions.map((question) => question.text),
      ["First", "Second", "Third"],
    );
  });
});

describe("formPagesDiagnostics", () => {
  const pages = [
    source("/form/q1/", { title: "Q", layout: "question" }),
    source("/form/check/", { title: "Check", questionSubmitHref: "/form/check" }),
    source("/form/sent/", { title: "Sent", layout: "confirmation" }),
    source("/guides/", { title: "Guides" }),
  ];

  it("says nothing when no page is part of a form", () => {
    assert.deepEqual(formPagesDiagnostics([pages[3]], siteWith()), []);
  });

  it("is one warning naming every form page and what readers are offered", () => {
    const site = siteWith({ formAlternative: { text: "Email us", href: "mailto:us@example.gov.uk" } });
    const diagnostics = formPagesDiagnostics(pages, site);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, "warning");
    assert.match(
      diagnostics[0].message,
      /^3 pages are part of a form, which a static site cannot send \(content\/form\/check\.md, content\/form\/q1\.md, content\/form\/sent\.md\)/,
    );
    assert.match(diagnostics[0].message, /offers "Email us" \(mailto:us@example\.gov\.uk\) instead/);
  });

  it("says readers get no alternative, and how to give them one, when formAlternative is not set", () => {
    const [diagnostic] = formPagesDiagnostics(pages, siteWith());
    assert.match(diagnostic.message, /offers readers no other way/);
    assert.match(diagnostic.message, /Set `formAlternative` in content\/_data\/site\.json/);
  });
});
