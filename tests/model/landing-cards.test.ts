import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "cheerio";
import type { SourcePage } from "../../lib/content/load-content.ts";
import { landingCardsFor } from "../../lib/model/landing-cards.ts";
import { relatedLinksFor } from "../../lib/model/related-links.ts";
import {
  printablePart,
  printSectionLinkFor,
  printSectionsFor,
  sectionPagesInOrder,
} from "../../lib/model/print-pages.ts";

const child = (url: string, title: string, extra: object = {}) =>
  ({ url, frontMatter: { title, ...extra } }) as Pick<SourcePage, "url" | "frontMatter">;

describe("landing cards", () => {
  const children = new Map([
    [
      "/",
      [
        child("/b/", "Beds", { description: "About beds." }),
        child("/a/", "Apples"),
        child("/c/", "Compost", { order: 1 }),
      ],
    ],
  ]);

  it("gives a hub page without cards of its own a card per page below it, in listing order", () => {
    assert.deepEqual(landingCardsFor({ url: "/" }, { layout: "hub" }, children), [
      { text: "Compost", href: "/c/" },
      { text: "Apples", href: "/a/" },
      { text: "Beds", href: "/b/", description: "About beds." },
    ]);
  });

  it("leaves the front matter's cards, other layouts and pages with nothing below them alone", () => {
    const card = { text: "x", href: "/x/" };
    assert.equal(
      landingCardsFor({ url: "/" }, { layout: "hub", hubSections: [{ title: "T", items: [card] }] }, children),
      undefined,
    );
    assert.equal(
      landingCardsFor({ url: "/" }, { layout: "hub", statCards: [{ number: 1, label: "l", href: "/x/" }] }, children),
      undefined,
    );
    assert.equal(landingCardsFor({ url: "/" }, { layout: "two-thirds" }, children), undefined);
    assert.equal(landingCardsFor({ url: "/z/" }, { layout: "hub" }, children), undefined);
  });
});

describe("related links", () => {
  const canonical = (href: string) => (href === "/pots" ? "/pots/" : href);

  it("reads a plain list as one group without a title, and makes site links canonical", () => {
    assert.deepEqual(relatedLinksFor([{ text: "Pots", href: "/pots" }], canonical), {
      sections: [{ title: undefined, items: [{ text: "Pots", href: "/pots/" }] }],
    });
  });

  it("reads the GOV.UK Eleventy plugin's sections", () => {
    const related = { sections: [{ title: "Elsewhere", items: [{ text: "RHS", href: "https://www.rhs.org.uk/" }] }] };
    assert.deepEqual(relatedLinksFor(related, canonical), related);
    assert.equal(relatedLinksFor(undefined, canonical), undefined);
  });
});

describe("a page's body as part of a print page", () => {
  it("steps each heading down a level, to h6 at most, with GOV.UK's next size down", () => {
    const $ = load(
      printablePart(
        '<h2 class="govuk-heading-m" id="soil">Soil</h2><h5 id="a">A</h5><h6 id="b">B</h6>',
        "beds",
        new Set(),
      ),
    );
    assert.deepEqual(
      $("h3, h6")
        .map((_, heading) => `${heading.tagName}.${$(heading).attr("class") ?? ""}#${$(heading).attr("id")}`)
        .get(),
      ["h3.govuk-heading-s#beds-soil", "h6.#beds-a", "h6.#beds-b"],
    );
    assert.equal($("h2").length, 0);
  });

  it("prefixes every id, keeps them unique across the page, and points fragments and labels at the new ids", () => {
    const taken = new Set(["beds-soil"]);
    const html = printablePart(
      '<h2 id="soil">Soil</h2><p><a href="#soil">up</a> <a href="#elsewhere">out</a> <a href="/x/#soil">page</a></p>' +
        '<label for="q">Q</label><input id="q" aria-describedby="soil q">',
      "beds",
      taken,
    );
    const $ = load(html);
    assert.equal($("h3").attr("id"), "beds-soil-2", "clear of an id the print page had already");
    assert.deepEqual(
      $("a")
        .map((_, a) => $(a).attr("href"))
        .get(),
      ["#beds-soil-2", "#elsewhere", "/x/#soil"],
    );
    assert.equal($("label").attr("for"), "beds-q");
    assert.equal($("input").attr("aria-describedby"), "beds-soil-2 beds-q");
    assert.ok(taken.has("beds-q") && taken.has("beds-soil-2"));
  });
});

describe("a section's pages in order", () => {
  const page = (url: string, title: string, order?: number) => ({ url, title, order });
  const pages = [
    page("/", "Home"),
    page("/beds/", "Beds"),
    page("/beds/sunken/", "Sunken beds", 2),
    page("/beds/raised/", "Raised beds", 1),
    page("/beds/herbs/", "Herb beds", 3),
    page("/beds/herbs/mint/", "Mint"),
    page("/beds/tools/spade/", "Spade"),
    page("/pots/", "Pots"),
  ];

  it("lists the index, then each page below in listing order, each followed by the pages below it", () => {
    assert.deepEqual(
      sectionPagesInOrder("/beds/", pages).map((listed) => listed.url),
      ["/beds/", "/beds/raised/", "/beds/sunken/", "/beds/herbs/", "/beds/herbs/mint/", "/beds/tools/spade/"],
    );
  });
});

describe("which sections print", () => {
  const source = (file: string, url: string, frontMatter: object, askedIn = file) =>
    ({
      file,
      url,
      frontMatter: { title: url, ...frontMatter },
      body: "",
      bodyLine: 1,
      locate: () => ({ file: askedIn, line: 4 }),
    }) as SourcePage;

  it("takes an index page's printSection, from its own front matter or its folder's defaults", () => {
    const { sections, diagnostics } = printSectionsFor(
      [
        source("content/beds/index.md", "/beds/", { printSection: true }),
        source("content/pots/index.md", "/pots/", { printSection: true }, "content/pots/pots.11tydata.json"),
        source("content/pots/clay.md", "/pots/clay/", { printSection: true }, "content/pots/pots.11tydata.json"),
      ],
      new Set(),
    );
    assert.deepEqual([...sections], ["/beds/", "/pots/"]);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(printSectionLinkFor("/beds/raised/", sections), { href: "/beds/print/", sectionUrl: "/beds/" });
    assert.equal(printSectionLinkFor("/other/", sections), undefined);
  });

  it("warns of a page that is not an index asking, and refuses an address another page has", () => {
    const { sections, diagnostics } = printSectionsFor(
      [
        source("content/beds/raised.md", "/beds/raised/", { printSection: true }),
        source("content/pots/index.md", "/pots/", { printSection: true }),
      ],
      new Set(["/pots/print/"]),
    );
    assert.deepEqual([...sections], []);
    assert.deepEqual(
      diagnostics.map(({ severity, file, line, field }) => ({ severity, file, line, field })),
      [
        { severity: "warning", file: "content/beds/raised.md", line: 4, field: "printSection" },
        { severity: "error", file: "content/pots/index.md", line: 4, field: "printSection" },
      ],
    );
    assert.match(diagnostics[1].message, /\/pots\/print\/, where another page is already published/);
  });
});
