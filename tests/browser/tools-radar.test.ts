import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { siteInBrowser } from "../helpers/site-in-browser.ts";
import { TOOLKIT_FILES } from "../helpers/toolkit-fixture.ts";

// The filter's code travels in the table page's one script, so this is the check that it starts there.
describe("the tools table's search box in a browser", () => {
  const site = siteInBrowser("tools-radar-browser", TOOLKIT_FILES);
  const open = (javaScriptEnabled: boolean) => site.open("kit/tools/", { javaScriptEnabled });
  const shownTools = async (page: Page) =>
    (await page.locator("[data-tools-radar-table] tbody tr:visible > :first-child").allTextContents()).map((text) =>
      text.trim(),
    );

  it("is shown by the page's script, hides the tools whose names do not match and says how many are shown", async () => {
    const page = await open(true);
    assert.equal(await page.isVisible("#tools-radar-search"), true);
    await page.fill("#tools-radar-search", "quill");
    assert.deepEqual(await shownTools(page), ["Quill Writer"]);
    assert.equal(await page.textContent("[data-tools-radar-live]"), "1 tool shown");
    await page.fill("#tools-radar-search", "nothing like it");
    assert.equal(await page.isVisible("[data-tools-radar-none]"), true);
    assert.equal(await page.textContent("[data-tools-radar-live]"), "No tools match your search");
  });

  it("lists every tool, with no box that would filter nothing, without JavaScript", async () => {
    const page = await open(false);
    assert.equal(await page.isVisible("#tools-radar-search"), false);
    assert.deepEqual((await shownTools(page)).sort(), ["Harbour Cloud", "Lantern Trace", "Paper Kite", "Quill Writer"]);
  });
});
