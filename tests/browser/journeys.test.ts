import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { MOBILE_VIEWPORT } from "../../lib/gates/accessibility.ts";
import { launchChromium } from "../../lib/gates/chromium.ts";
import { listSitePages } from "../../lib/gates/site-pages.ts";
import { siteSettings } from "../../lib/settings.ts";
import { startStaticServer } from "../../lib/gates/static-server.ts";
import { SITES, projectRoot, standardSite } from "../helpers/built-site.ts";

/** Where a person can look at each layout; README names it. */
const SCREENSHOTS_DIR = path.join(projectRoot, "test-results", "screenshots");
const DESKTOP_VIEWPORT = { width: 1280, height: 800 };
// One page per layout in content/; the journeys run under the path prefix, as GitHub Pages serves the site.
const LAYOUT_PAGES = {
  "two-thirds": "delivery-groups/follow-delivery-governance/governance-model/",
  section: "product-and-delivery/",
  "full-width": "",
};
// What marks each layout in the page, so a screenshot's name cannot outlive a change of layout in content/.
const LAYOUT_MARKS: Record<string, (page: Page) => Promise<boolean>> = {
  "two-thirds": async (page) =>
    (await page.locator(".govuk-grid-column-two-thirds h1").count()) === 1 &&
    (await page.locator(".app-sub-navigation").count()) === 0,
  section: async (page) => (await page.locator(".app-sub-navigation").count()) === 1,
  "full-width": async (page) => (await page.locator("#main-content > h1").count()) === 1,
};

const prefix = siteSettings(SITES.prefixed).pathPrefix;
let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let origin: string;
let pageUrls: string[];

before(async () => {
  const siteDir = await standardSite("prefixed");
  pageUrls = listSitePages(siteDir, prefix).urls.filter((url) => !url.endsWith("/404.html"));
  server = await startStaticServer(siteDir, prefix);
  origin = new URL(server.url).origin;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT, ...options });
  const page = await context.newPage();
  const response = await page.goto(origin + url);
  assert.equal(response?.status(), 200, url);
  return page;
}

const focusedElement = (page: Page) =>
  page.evaluate(() => ({
    id: document.activeElement?.id,
    className: document.activeElement?.className,
    text: document.activeElement?.textContent?.trim(),
  }));

/** Presses Tab until the element is focused, as a keyboard user would reach it; fails if it never is. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((target) => document.activeElement?.matches(target) ?? false, selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

describe("keyboard journeys", () => {
  it("the skip link is the first thing Tab reaches, and moves focus to the main content", async () => {
    const page = await open(`${prefix}${LAYOUT_PAGES.section}`);
    await page.keyboard.press("Tab");
    assert.deepEqual(await focusedElement(page), {
      id: "",
      className: "govuk-skip-link",
      text: "Skip to main content",
    });
    assert.ok(await page.locator(".govuk-skip-link").isVisible(), "visible when focused");
    await page.keyboard.press("Enter");
    assert.equal((await focusedElement(page)).id, "main-content");
    await page.context().close();
  });

  it("at 320px the service navigation menu opens and closes from the keyboard", async () => {
    const page = await open(`${prefix}${LAYOUT_PAGES["two-thirds"]}`, { viewport: MOBILE_VIEWPORT });
    const toggle = page.locator(".govuk-service-navigation__toggle");
    const menu = page.locator(".govuk-service-navigation__list");
    assert.ok(await toggle.isVisible(), "the Menu button shows at mobile width");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.ok(!(await menu.isVisible()), "the menu starts closed");
    await tabTo(page, ".govuk-service-navigation__toggle");
    await page.keyboard.press("Enter");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    assert.ok(await menu.isVisible(), "Enter opens the menu");
    await page.keyboard.press("Tab");
    assert.ok(
      await page.evaluate(() => document.activeElement?.matches(".govuk-service-navigation__list a") ?? false),
      "Tab moves into the open menu",
    );
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Space");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.ok(!(await menu.isVisible()), "Space closes the menu again");
    await page.context().close();
  });
});

/**
 * Opens every page, clicks each link matching the selector in turn (as a reader would) and hands the
 * link's text and the page it opened to the check; returns how many links it followed. A link with the
 * same address and text as one already followed from another page (Home in every breadcrumb) opens the
 * same page and faces the same check, so it is followed from the first page that has it.
 */
async function followEveryLink(
  selector: string,
  check: (page: Page, from: string, text: string) => Promise<void>,
): Promise<number> {
  const page = await open(pageUrls[0]);
  const followedLinks = new Set<string>();
  for (const url of pageUrls) {
    await page.goto(origin + url);
    const links = await page.locator(selector).evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        text: anchor.textContent?.trim() ?? "",
        href: (anchor as HTMLAnchorElement).href,
      })),
    );
    for (const [index, { text, href }] of links.entries()) {
      const link = JSON.stringify([href, text]);
      if (followedLinks.has(link)) continue;
      followedLinks.add(link);
      if (new URL(page.url()).pathname !== url) await page.goto(origin + url);
      await Promise.all([page.waitForEvent("load"), page.locator(selector).nth(index).click()]);
      await check(page, url, text);
    }
  }
  await page.context().close();
  return followedLinks.size;
}

describe("navigation leads where it says", () => {
  it("every breadcrumb link opens the page it names (Home opens the home page)", async () => {
    const followed = await followEveryLink(".govuk-breadcrumbs__link", async (page, from, text) => {
      const arrived = new URL(page.url()).pathname;
      if (text === "Home") assert.equal(arrived, prefix, `${from}: Home`);
      else
        assert.equal(
          (await page.locator("h1").innerText()).trim(),
          text,
          `${from}: breadcrumb "${text}" opened ${arrived}`,
        );
    });
    assert.ok(followed > 0, "some pages have breadcrumbs");
  });

  it("every section navigation link opens the page it names, marked as the current page there", async () => {
    const followed = await followEveryLink(".app-sub-navigation__link", async (page, from, text) => {
      assert.equal(
        (await page.locator("h1").innerText()).trim(),
        text,
        `${from}: section link "${text}" opened ${page.url()}`,
      );
      assert.equal(
        (await page.locator('.app-sub-navigation__link[aria-current="page"]').innerText()).trim(),
        text,
        `${page.url()} marks "${text}" current`,
      );
    });
    assert.ok(followed > 0, "some pages have section navigation");
  });
});

describe("every page", () => {
  it("has one h1, a title that starts with it, and a title no other page has", async () => {
    const page = await open(pageUrls[0]);
    const titles = new Map<string, string>();
    for (const url of pageUrls) {
      await page.goto(origin + url);
      assert.equal(await page.locator("h1").count(), 1, `${url}: one h1`);
      const title = await page.title();
      const h1 = (await page.locator("h1").innerText()).trim();
      // The home page's h1 is the service name, so its title is the h1 alone.
      assert.ok(title === h1 || title.startsWith(`${h1} | `), `${url}: title "${title}" is the h1, or starts with it`);
      assert.equal(titles.get(title), undefined, `${url} and ${titles.get(title)} share the title "${title}"`);
      titles.set(title, url);
    }
    await page.context().close();
  });

  it("fits a 320px screen without scrolling sideways (WCAG 1.4.10 Reflow)", async () => {
    const page = await open(pageUrls[0], { viewport: MOBILE_VIEWPORT });
    for (const url of pageUrls) {
      await page.goto(origin + url);
      // Measured once fonts have loaded and a frame has been laid out, not mid-way through the first paint.
      await page.evaluate(() =>
        document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(resolve))),
      );
      const { width, overflowing } = await page.evaluate(
        (viewportWidth) => ({
          width: document.documentElement.scrollWidth,
          overflowing: [...document.querySelectorAll("body *")]
            .filter((element) => element.getBoundingClientRect().right > viewportWidth)
            .map(
              (element) =>
                `<${element.tagName.toLowerCase()} class="${element.className}"> "${element.textContent?.trim().slice(0, 30)}"`,
            ),
        }),
        MOBILE_VIEWPORT.width,
      );
      assert.ok(width <= MOBILE_VIEWPORT.width, `${url} is ${width}px wide: ${overflowing.join(", ")}`);
    }
    await page.context().close();
  });

  it("still works with JavaScript off: content, navigation and links all there", async () => {
    const page = await open(pageUrls[0], { javaScriptEnabled: false, viewport: MOBILE_VIEWPORT });
    for (const url of pageUrls) {
      await page.goto(origin + url);
      assert.ok(
        !(await page.evaluate(() => document.body.classList.contains("js-enabled"))),
        `${url}: JavaScript really is off`,
      );
      assert.ok(await page.locator("h1").isVisible(), `${url}: h1 visible`);
      assert.ok(await page.locator("#main-content").isVisible(), `${url}: main content visible`);
      // Without JavaScript GOV.UK Frontend shows the navigation list itself, and no Menu button that would do nothing.
      assert.ok(
        await page.locator(".govuk-service-navigation__list").isVisible(),
        `${url}: service navigation visible`,
      );
      assert.ok(!(await page.locator(".govuk-service-navigation__toggle").isVisible()), `${url}: no dead Menu button`);
      const hiddenLinks = await page
        .locator("#main-content a[href]")
        .evaluateAll((anchors) =>
          anchors
            .filter((anchor) => (anchor as HTMLElement).offsetParent === null && !anchor.closest("[hidden], details"))
            .map((anchor) => anchor.getAttribute("href")),
        );
      assert.deepEqual(hiddenLinks, [], `${url}: links hidden without JavaScript`);
    }
    await page.context().close();
  });

  it("prints without the ways around the site: navigation, breadcrumbs and footer are hidden", async () => {
    const page = await open(`${prefix}${LAYOUT_PAGES.section}`);
    await page.emulateMedia({ media: "print" });
    for (const selector of [
      ".govuk-skip-link",
      ".govuk-service-navigation",
      ".app-navigation-bar",
      ".govuk-breadcrumbs",
      ".app-sub-navigation",
      ".govuk-footer",
    ]) {
      assert.equal((await page.locator(selector).count()) > 0, true, `${selector} is on the page`);
      assert.ok(!(await page.locator(selector).first().isVisible()), `${selector} is hidden in print`);
    }
    assert.ok(await page.locator("h1").isVisible(), "the h1 prints");
    assert.ok(await page.locator("#main-content p.govuk-body").first().isVisible(), "the content prints");
    await page.emulateMedia({ media: "screen" });
    assert.ok(await page.locator(".app-navigation-bar").isVisible(), "and shows on screen");
    await page.context().close();
  });
});

describe("screenshots of each layout", () => {
  for (const [layout, url] of Object.entries(LAYOUT_PAGES)) {
    for (const [device, viewport] of Object.entries({ desktop: DESKTOP_VIEWPORT, mobile: MOBILE_VIEWPORT })) {
      it(`saves ${layout} at ${device} width (${viewport.width}px) to test-results/screenshots/`, async () => {
        const page = await open(`${prefix}${url}`, { viewport });
        assert.ok(await LAYOUT_MARKS[layout](page), `${prefix}${url} uses the ${layout} layout`);
        mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        const file = path.join(SCREENSHOTS_DIR, `${layout}-${device}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await page.context().close();
        const png = readFileSync(file);
        // The PNG header's width: a full-page screenshot wider than the viewport means the page overflows.
        assert.equal(png.readUInt32BE(16), viewport.width, `${file} width`);
      });
    }
  }
});
