import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { availableStyles, classNamesIn, stylesFor, unionOfStyles } from "../../lib/eleventy/used-components.ts";
import { projectRoot } from "../helpers/built-site.ts";

const available = availableStyles(projectRoot);
const used = (html: string) => stylesFor(classNamesIn(html), available);

describe("the class names in a page", () => {
  it("reads double-quoted, single-quoted and unquoted class attributes, and nothing else", () => {
    const html = `<p class="govuk-body  govuk-!-margin-bottom-0">x</p><div class='govuk-inset-text'></div><span title="a > b" class=app-note data-class="govuk-tag">I wrote class="govuk-panel" <b title=' class="govuk-tag"'>here</b></span><pre>&lt;div class=&quot;govuk-tabs&quot;&gt;</pre>`;
    assert.deepEqual([...classNamesIn(html)].sort(), [
      "app-note",
      "govuk-!-margin-bottom-0",
      "govuk-body",
      "govuk-inset-text",
    ]);
  });
});

describe("the styles a page's classes need", () => {
  it("names the GOV.UK Frontend component folder of each block, element and modifier", () => {
    assert.deepEqual(
      used(
        '<div class="govuk-radios__item"><label class="govuk-label govuk-radios__label"></label></div><details class="govuk-details"><summary class="govuk-details__summary"></summary></details><a class="govuk-button govuk-button--secondary"></a>',
      ).govuk,
      ["button", "details", "label", "radios"],
    );
  });

  it("needs no component for GOV.UK Frontend's helpers, which are always compiled in, and names every class used", () => {
    assert.deepEqual(
      used(
        '<div class="govuk-grid-row"><p class="govuk-body govuk-!-margin-bottom-0 govuk-link govuk-list govuk-heading-m govuk-visually-hidden govuk-width-container govuk-!-font-weight-bold"></p></div>',
      ),
      {
        govuk: [],
        content: [],
        layout: available.layout.filter((component) => !component.blocks.length).map((component) => component.name),
        classes: [
          "govuk-!-font-weight-bold",
          "govuk-!-margin-bottom-0",
          "govuk-body",
          "govuk-grid-row",
          "govuk-heading-m",
          "govuk-link",
          "govuk-list",
          "govuk-visually-hidden",
          "govuk-width-container",
        ],
      },
    );
  });

  it("names each of our layout components whose blocks the page uses, and those with no block of their own", () => {
    const named = used('<ul class="app-hub-cards"><li class="app-hub-cards__item"></li></ul>').layout;
    assert.ok(named.includes("hub-cards"));
    assert.ok(!named.includes("triage-hero"));
    assert.ok(named.includes("page-source"), "page-source styles no block, so it is always compiled in");
  });

  it("gives blocks styled in another component's folder to that component", () => {
    assert.deepEqual(used('<h1 class="govuk-label-wrapper"></h1><div class="govuk-summary-card"></div>').govuk, [
      "label",
      "summary-list",
    ]);
  });

  it("finds the components content writes in raw HTML by their block, element or modifier", () => {
    assert.deepEqual(
      used('<span class="defra-version-banner__label"></span><a class="govuk-button defra-callout__button"></a>')
        .content,
      ["defra-callout", "defra-version-banner"],
    );
    assert.deepEqual(used('<div class="defra-version-banner-ish defra-unknown"></div>').content, []);
  });

  it("offers every GOV.UK Frontend component, in GOV.UK Frontend's order, and ours", () => {
    assert.ok(available.govuk.includes("details") && available.govuk.includes("service-navigation"));
    assert.deepEqual(available.govuk, [...available.govuk].sort());
    for (const name of ["app-pattern-finder", "defra-button", "defra-callout", "defra-version-banner"])
      assert.ok(available.content.includes(name), `assets/scss/content-components/ has ${name}`);
  });

  it("unites pages' styles in the available order, each once", () => {
    assert.deepEqual(
      unionOfStyles(
        [used('<div class="govuk-tag govuk-details"></div>'), used('<div class="govuk-button govuk-tag"></div>')],
        available,
      ).govuk,
      ["button", "details", "tag"],
    );
  });
});
