import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { siteInBrowser } from "../helpers/site-in-browser.ts";

// A finder written in a page's HTML as the Defra service manual's patterns page writes one: hidden in
// the HTML, so only a script that makes its radios do something may show it.
const PAGE = `---
title: Garden patterns
description: Ways other teams have laid out gardens.
---

<div class="app-pattern-finder" data-pattern-finder hidden>
  <form data-pattern-finder-form>
    <fieldset class="govuk-fieldset">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">What matters most to you?</legend>
      <div class="govuk-radios" data-module="govuk-radios">
        <div class="govuk-radios__item">
          <input class="govuk-radios__input" id="pick-1" name="pick" type="radio" value="shade">
          <label class="govuk-label govuk-radios__label" for="pick-1">Somewhere cool to sit</label>
        </div>
        <div class="govuk-radios__item">
          <input class="govuk-radios__input" id="pick-2" name="pick" type="radio" value="food">
          <label class="govuk-label govuk-radios__label" for="pick-2">Growing vegetables</label>
        </div>
      </div>
    </fieldset>
  </form>
  <div class="app-pattern-finder__result" aria-live="polite" data-pattern-finder-result hidden></div>
  <template data-pattern-finder-rec="shade">
    <p class="govuk-body">Try <strong>the tree circle</strong>.</p>
  </template>
  <template data-pattern-finder-rec="food">
    <p class="govuk-body">Try <a class="govuk-link" href="/garden-patterns/">the raised beds</a>.</p>
  </template>
</div>

The patterns are listed below.
`;

describe("a pattern finder in a page's HTML", () => {
  const site = siteInBrowser("pattern-finder", { "garden-patterns.md": PAGE });
  const open = (javaScriptEnabled: boolean) => site.open("garden-patterns/", { javaScriptEnabled });

  it("is shown by the site's script, and shows the chosen answer's recommendation in its live region", async () => {
    const page = await open(true);
    assert.equal(await page.isVisible("[data-pattern-finder] legend"), true);
    assert.equal(await page.isVisible("[data-pattern-finder-result]"), false, "nothing to show before a choice");
    await page.check("#pick-2");
    assert.equal(await page.isVisible("[data-pattern-finder-result]"), true);
    assert.equal(
      (await page.textContent("[data-pattern-finder-result]"))?.replace(/\s+/g, " ").trim(),
      "Try the raised beds.",
    );
    await page.check("#pick-1");
    assert.match((await page.textContent("[data-pattern-finder-result]")) ?? "", /tree circle/);
    assert.doesNotMatch((await page.textContent("[data-pattern-finder-result]")) ?? "", /raised beds/);
    await page.press("#pick-1", "Enter");
    assert.equal(new URL(page.url()).search, "", "the form is never sent");
  });

  it("stays hidden without JavaScript, where its radios would do nothing, and the rest of the page reads on", async () => {
    const page = await open(false);
    assert.equal(await page.isVisible("[data-pattern-finder] legend"), false);
    assert.equal(await page.isVisible("text=The patterns are listed below."), true);
  });
});
