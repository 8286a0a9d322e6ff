import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import { readPage, seedsDir, standardSite } from "../helpers/built-site.ts";

const GOVERNANCE = "/delivery-groups/follow-delivery-governance/governance-model/";
const PRODUCT = "/product-and-delivery/";
const PLAYBOOK = "/playbooks/technology-procurement/organize-government-for-digital-services/";
const SERVICE_OWNER = "/roles/service-owner/";
const NOTES = "/related-reading/notes-on-the-service-owner-role/";

let site: string;
const page = (url: string) => readPage(site, url);
const text = ($: CheerioAPI, selector: string) => $(selector).text().replace(/\s+/g, " ").trim();

before(async () => {
  site = await standardSite("root");
});

describe("every seed page", () => {
  for (const url of [GOVERNANCE, PRODUCT, PLAYBOOK, SERVICE_OWNER, NOTES]) {
    it(`${url} has one h1 that matches its <title>`, () => {
      const $ = page(url);
      assert.equal($("h1").length, 1);
      assert.ok(
        $("title")
          .text()
          .startsWith(`${text($, "h1")} | `),
        $("title").text(),
      );
    });

    it(`${url} gives its Markdown GOV.UK classes`, () => {
      const $ = page(url);
      const body = $("main");
      assert.ok(body.find("p.govuk-body").length > 0);
      body.find("h2[id], h3[id]").each((_, heading) => {
        assert.match($(heading).attr("class") ?? "", /govuk-heading-(l|m|s)/);
      });
      body
        .find("#main-content a[href]:not([class])")
        .each((_, link) => assert.fail(`unstyled link ${$(link).attr("href")}`));
      const ids = body
        .find("[id]")
        .map((_, element) => $(element).attr("id"))
        .get();
      assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids}`);
    });
  }
});

describe("governance model (site dialect, two-thirds)", () => {
  it("renders caption, title and description as the GOV.UK heading block", () => {
    const $ = page(GOVERNANCE);
    assert.equal(text($, ".govuk-caption-xl"), "Delivery group governance");
    assert.equal(text($, "h1.govuk-heading-xl"), "Governance model");
    assert.equal(
      text($, "p.govuk-body-l"),
      "The governance model defines how each level and function supports the delivery group.",
    );
    assert.equal(
      $('meta[name="description"]').attr("content"),
      "The governance model defines how each level and function supports the delivery group.",
    );
    assert.equal($(".govuk-grid-column-two-thirds h1").length, 1);
  });

  it("renders the breadcrumbs from front matter, the last one as the current page", () => {
    const $ = page(GOVERNANCE);
    const items = $(".govuk-breadcrumbs__list-item");
    assert.deepEqual(items.map((_, item) => $(item).text().trim()).get(), [
      "Home",
      "Delivery groups",
      "Delivery group governance",
      "Governance model",
    ]);
    assert.deepEqual(
      $(".govuk-breadcrumbs__link")
        .map((_, link) => $(link).attr("href"))
        .get(),
      ["/", "/delivery-groups/", "/delivery-groups/follow-delivery-governance/"],
    );
    assert.equal(items.last().attr("aria-current"), "page");
    for (const href of ["/delivery-groups/", "/delivery-groups/follow-delivery-governance/"]) {
      assert.ok(existsSync(path.join(site, href, "index.html")), `${href} exists`);
    }
  });

  it("uses the page's service name and the main navigation with its section highlighted", () => {
    const $ = page(GOVERNANCE);
    assert.equal(text($, ".app-site-header .govuk-service-navigation__service-name"), "Defra: Defra digital");
    assert.equal(text($, ".govuk-service-navigation__item--active"), "Delivery groups");
  });

  it("gives headings stable, unique ids", () => {
    const $ = page(GOVERNANCE);
    assert.equal($("h2#strategic-level.govuk-heading-m").text(), "Strategic level");
    assert.deepEqual(
      $("h3[id^=product]")
        .map((_, h) => $(h).attr("id"))
        .get(),
      ["product", "product-2", "product-3"],
    );
  });

  it("shows both images with their alt text, and the files exist", () => {
    const $ = page(GOVERNANCE);
    const images = $("main img");
    assert.equal(images.length, 2);
    images.each((_, image) => {
      assert.ok(($(image).attr("alt") ?? "").length > 50);
      assert.ok(existsSync(path.join(site, $(image).attr("src")!)), $(image).attr("src"));
    });
  });

  it("draws the --- rule as a visible section break", () => {
    const $ = page(PLAYBOOK);
    assert.ok($("main hr.govuk-section-break.govuk-section-break--visible").length >= 1);
  });

  it("shows the page history the GOV.UK way, from front matter", () => {
    const $ = page(GOVERNANCE);
    const history = $(".app-page-history");
    assert.deepEqual(
      history
        .find("p")
        .map((_, p) => $(p).text())
        .get(),
      ["Published 19 June 2025", "Last updated 3 October 2025"],
    );
    assert.equal(history.find("time[datetime='2025-10-03']").first().text(), "3 October 2025");
    assert.equal(text($, ".app-page-history__note"), "Moved service design to strategy level");
  });
});

describe("product and delivery (section layout)", () => {
  it("draws the section navigation with the current page marked, its groups titled in text rather than headings", () => {
    const $ = page(PRODUCT);
    assert.equal($(".app-sub-navigation :header").length, 0);
    assert.deepEqual(
      $("p.app-sub-navigation__group-title")
        .map((_, h) => $(h).text())
        .get(),
      ["In this section", "Ways of working"],
    );
    const current = $('.app-sub-navigation a[aria-current="page"]');
    assert.equal(current.length, 1);
    assert.equal(current.attr("href"), "/product-and-delivery/");
    for (const link of $(".app-sub-navigation a").get()) {
      assert.ok(existsSync(path.join(site, $(link).attr("href")!, "index.html")), $(link).attr("href"));
    }
  });

  it("marks the current page in the section navigation of the other pages too", () => {
    const $ = page("/product-and-delivery/tools-and-access/");
    assert.equal($('.app-sub-navigation a[aria-current="page"]').text(), "Tools and access");
  });

  it("renders the support box HTML untouched", () => {
    const $ = page(PRODUCT);
    const box = $("aside.app-support-box");
    assert.equal(box.find("h2").text(), "Get support");
    assert.equal(box.find("strong").first().text(), "Product Community");
    assert.equal(box.find("br").length, 2);
    assert.deepEqual(
      box
        .find('a[href^="mailto:"]')
        .map((_, a) => $(a).attr("href"))
        .get(),
      ["mailto:product.management@defra.gov.uk", "mailto:delivery.management@defra.gov.uk"],
    );
  });

  it("passes the raw inset text HTML through", () => {
    const $ = page(PRODUCT);
    const inset = $(".govuk-inset-text");
    assert.equal(inset.find("p.govuk-body").text(), "You must:");
    assert.equal(inset.find("ul.govuk-list.govuk-list--bullet li").length, 2);
  });

  it("styles bullet lists and external links", () => {
    const $ = page(PRODUCT);
    assert.ok($("main ul.govuk-list.govuk-list--bullet").length >= 2);
    assert.equal($('main a[href="https://www.gov.uk/service-manual/agile-delivery"]').attr("class"), "govuk-link");
  });
});

describe("playbook page (Jekyll resource)", () => {
  it("reads the title, subtitle and nav-breadcrumbs", () => {
    const $ = page(PLAYBOOK);
    assert.equal(text($, "h1"), "Organize government for digital services");
    assert.equal(
      text($, "p.govuk-body-l"),
      "Organizational design for delivering successful change through technology.",
    );
    assert.deepEqual(
      $(".govuk-breadcrumbs__link")
        .map((_, a) => $(a).attr("href"))
        .get(),
      ["/", "/playbooks/technology-procurement/"],
    );
  });

  it("repairs the mojibake", () => {
    const $ = page(PLAYBOOK);
    assert.match($("main").text(), /Departments don’t succeed/);
    assert.doesNotMatch($("main").text(), /â€/);
  });

  it("renders lists nested in block quotes, with the attribution link", () => {
    const $ = page(PLAYBOOK);
    const quotes = $("blockquote.app-quote");
    assert.equal(quotes.length, 2);
    assert.equal(quotes.first().find("ul.govuk-list--bullet > li").length, 4);
    assert.equal(quotes.last().find("ul.govuk-list--bullet > li").length, 9);
    assert.equal(
      quotes.first().find('a.govuk-link[href="https://playbook.cio.gov/#play7"]').text(),
      "Bring in experienced teams",
    );
  });
});

describe("service owner (Obsidian clipping)", () => {
  it("drops the clipping id from the title and the repeated body h1", () => {
    const $ = page(SERVICE_OWNER);
    assert.equal(text($, "h1"), "Service owner");
    assert.equal($("h1").length, 1);
    assert.equal(
      text($, "p.govuk-body-l"),
      "Find out what a service owner in government does and the skills you need to do the role at each level.",
    );
  });

  it("renders wide tables as GOV.UK tables with scoped headers in a scrollable region", () => {
    const $ = page(SERVICE_OWNER);
    const tables = $("main table.govuk-table");
    assert.equal(tables.length, 2);
    assert.deepEqual(
      tables
        .first()
        .find("th")
        .map((_, th) => $(th).attr("scope"))
        .get(),
      ["col", "col"],
    );
    assert.equal(tables.first().find("tbody tr.govuk-table__row").length, 9);
    assert.ok(tables.first().find("td.govuk-table__cell a.govuk-link").length > 0);
    assert.equal(tables.first().parent().attr("role"), "region");
    assert.equal(tables.first().parent().attr("tabindex"), "0");
  });
});

describe("notes on the service owner role (Jekyll post)", () => {
  it("keeps one h1 by showing the body's # sections as h2s", () => {
    const $ = page(NOTES);
    assert.equal($("h1").length, 1);
    assert.equal(text($, "h1"), "Notes on the Service Owner role");
    assert.ok($("main h2#a-conclusion-of-sorts.govuk-heading-m").length === 1);
  });

  it("keeps curly quotes as written", () => {
    assert.match(page(NOTES)("main").text(), /‘So what’s this Service Owner role Scott\?’/);
  });
});

describe("content is built from the source documents", () => {
  it("keeps the body text of each seed in the published page", () => {
    const samples: Record<string, [string, string]> = {
      "000_94e175ca8b55c2d4.txt": [
        GOVERNANCE,
        "Takes accountability for the policy, digital delivery and operational aspects of a specific service",
      ],
      "001_51199045d7b34354.txt": [
        PRODUCT,
        "All product roles at Defra are recruited through the DDTS product profession.",
      ],
      "002_557da6279c5f44a7.txt": [PLAYBOOK, "Governments cannot govern well in the 21st century"],
      "003_073764fe0072b80b.txt": [SERVICE_OWNER, "A service owner is accountable for the quality of their service."],
      "004_18b31f2d11bb9ac1.txt": [NOTES, "I’m at least 6-months out of date in my experiences"],
    };
    for (const [seed, [url, sentence]] of Object.entries(samples)) {
      assert.ok(readFileSync(path.join(seedsDir, seed), "utf8").includes(sentence), `${seed} holds the sample`);
      assert.ok(page(url)("main").text().replace(/\s+/g, " ").includes(sentence), `${url} shows it`);
    }
  });
});
