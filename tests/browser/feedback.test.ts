import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { siteInBrowser } from "../helpers/site-in-browser.ts";

const SITE_JSON = JSON.stringify({
  organisationName: "Gardens Office",
  serviceName: "Garden manual",
  url: "https://gardens.example",
  repository: { url: "https://github.com/gardens/manual" },
  feedback: { pageUseful: true },
  phase: "beta",
});

describe("feedback links in the browser, under a path prefix", () => {
  const site = siteInBrowser("feedback-browser", {
    "_data/site.json": SITE_JSON,
    "beds/raised.md": "---\ntitle: Raised beds & borders\n---\n\nHow to build one.\n",
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`opens a new issue naming the page the reader is on, its address under the prefix (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await site.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      // The issue form is on another site: the click is caught where it would leave, never fetched.
      const leaving: string[] = [];
      await context.route("https://github.com/**", async (route) => {
        leaving.push(route.request().url());
        await route.fulfill({
          status: 200,
          contentType: "text/html",
          body: "<!doctype html><title>Issue form</title>",
        });
      });
      await page.goto(`${site.url}beds/raised/`);
      assert.equal(new URL(page.url()).pathname, "/manual/beds/raised/");
      await page.getByRole("link", { name: "Report a problem with this page" }).click();
      await page.waitForURL(/github\.com/);
      const opened = new URL(leaving[0]);
      assert.equal(opened.pathname, "/gardens/manual/issues/new");
      assert.equal(opened.searchParams.get("title"), "Problem with the page “Raised beds & borders”");
      assert.match(
        opened.searchParams.get("body")!,
        /^Page: Raised beds & borders\nAddress: https:\/\/gardens\.example\/manual\/beds\/raised\/\n/,
      );
      await page.goto(`${site.url}beds/raised/`);
      await page.getByRole("link", { name: /this page is not useful/ }).click();
      await page.waitForURL(/github\.com/);
      assert.equal(new URL(leaving[1]).searchParams.get("title"), "Not useful: “Raised beds & borders”");
      await context.close();
    });
  }
});
