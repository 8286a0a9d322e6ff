import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { MOBILE_VIEWPORT } from "../../lib/gates/accessibility.ts";
import { runAxeInBrowser } from "../../lib/gates/axe-in-browser.ts";
import { openSharedBrowser, releaseSharedBrowser } from "../helpers/shared-browser.ts";
import { startStaticServer } from "../../lib/gates/static-server.ts";
import { fixtureBuild } from "../helpers/shared-fixture-builds.ts";

const PREFIX = "/manual/";
const DESKTOP_VIEWPORT = { width: 1280, height: 800 };
let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let origin: string;

before(async () => {
  // The build tests/site/landing-print.test.ts reads under the same prefix, made once per run.
  const built = await fixtureBuild("landing-print", PREFIX);
  assert.equal(built.code, 0, built.stderr);
  server = await startStaticServer(built.siteDir, PREFIX);
  origin = new URL(server.url).origin;
  browser = await openSharedBrowser();
});
after(async () => {
  await releaseSharedBrowser();
  await server?.close();
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: DESKTOP_VIEWPORT });
  const response = await page.goto(`${origin}${PREFIX}${url}`);
  assert.equal(response?.status(), 200, url);
  return page;
}

describe("printing a whole section", () => {
  it("reaches the print page from a page of the section, and it holds every page of the section in order", async () => {
    const page = await open("beds/herbs/mint/");
    await page.getByRole("link", { name: "View a printable version of the whole section" }).click();
    await page.waitForURL(`${origin}${PREFIX}beds/print/`);
    assert.deepEqual(await page.locator("#main-content h2.app-print-section__title").allTextContents(), [
      "Beds",
      "Raised beds",
      "Sunken beds",
      "Herb beds",
      "Mint",
    ]);
    assert.ok(await page.getByText("Keep it in a pot.").isVisible(), "the last page's body is there");
    await page.close();
  });

  it("prints the section without the chrome: navigation, breadcrumbs, search and footer are hidden", async () => {
    const page = await open("beds/print/");
    await page.emulateMedia({ media: "print" });
    for (const selector of [
      ".govuk-skip-link",
      ".app-navigation-bar",
      ".govuk-breadcrumbs",
      ".app-site-search--header",
      ".govuk-phase-banner",
      ".govuk-footer",
    ]) {
      if ((await page.locator(selector).count()) === 0) continue;
      assert.ok(!(await page.locator(selector).first().isVisible()), `${selector} is hidden in print`);
    }
    assert.ok((await page.locator(".govuk-breadcrumbs, .govuk-footer, .app-navigation-bar").count()) >= 3);
    assert.ok(await page.locator("h1").isVisible(), "the h1 prints");
    assert.equal(await page.locator(".app-print-section__title:visible").count(), 5, "every page's title prints");
    const external = await page
      .locator(".app-print-section__part a.govuk-link[href='https://www.rhs.org.uk/']")
      .evaluate((link) => getComputedStyle(link, "::after").content);
    assert.match(external, /https:\/\/www\.rhs\.org\.uk\//, "an external link's address is printed after it");
    const online = await page
      .locator(".app-print-section__online a")
      .first()
      .evaluate((link) => getComputedStyle(link, "::after").content);
    assert.equal(online, "none", "a link whose text is its address is not printed twice");
    await page.emulateMedia({ media: "screen" });
    assert.ok(await page.locator(".app-navigation-bar").isVisible(), "and shows on screen");
    await page.close();
  });

  it("hides the print link and related links when a page of the section is printed", async () => {
    const page = await open("beds/");
    assert.ok(await page.locator(".app-related-links").isVisible());
    await page.emulateMedia({ media: "print" });
    assert.ok(!(await page.locator(".app-print-link").isVisible()));
    assert.ok(!(await page.locator(".app-related-links").isVisible()));
    await page.close();
  });

  it("passes axe at desktop width and at 320px, as the landing and print pages", async () => {
    const urls = ["", "beds/", "beds/print/", "pots/"].map((url) => `${origin}${PREFIX}${url}`);
    for (const viewport of [DESKTOP_VIEWPORT, MOBILE_VIEWPORT]) {
      const results = await runAxeInBrowser(urls, viewport, browser);
      const violations = results.flatMap((result) =>
        result.violations.map(
          (violation) => `${result.url} at ${viewport.width}px: ${violation.id}: ${violation.help}`,
        ),
      );
      assert.deepEqual(violations, []);
    }
  });
});
