import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { MOBILE_VIEWPORT } from "../../lib/gates/accessibility.ts";
import { openSharedBrowser, releaseSharedBrowser } from "../helpers/shared-browser.ts";
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
/**
 * One context for each width the tests use, each test opening tabs of its own in it. A tab left open in each keeps
 * the context's renderer running, so a new tab starts in one already there instead of starting a process.
 */
const contexts = new Map<number, Promise<BrowserContext>>();

before(async () => {
  const siteDir = await standardSite("prefixed");
  pageUrls = listSitePages(siteDir, prefix).urls.filter((url) => !url.endsWith("/404.html"));
  server = await startStaticServer(siteDir, prefix);
  origin = new URL(server.url).origin;
  browser = await openSharedBrowser();
});
after(async () => {
  await releaseSharedBrowser();
  await server?.close();
});

function contextAt(viewport: { width: number; height: number }): Promise<BrowserContext> {
  if (!contexts.has(viewport.width))
    contexts.set(
      viewport.width,
      browser.newContext({ viewport }).then(async (context) => {
        await context.newPage();
        return context;
      }),
    );
  return contexts.get(viewport.width)!;
}

/** Opens a page of the site in a new tab at the viewport's width, asserting it is there. */
async function open(url: string, viewport = DESKTOP_VIEWPORT): Promise<Page> {
  const page = await (await contextAt(viewport)).newPage();
  await visit(page, url);
  return page;
}

async function visit(page: Page, url: string): Promise<void> {
  const response = await page.goto(origin + url);
  assert.equal(response?.status(), 200, url);
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
    await page.close();
  });

  it("at 320px the service navigation menu opens and closes from the keyboard", async () => {
    const page = await open(`${prefix}${LAYOUT_PAGES["two-thirds"]}`, MOBILE_VIEWPORT);
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
    await page.close();
  });
});

/** What the tests read from a page as it is when it has loaded. */
interface PageFacts {
  pathname: string;
  title: string;
  h1s: string[];
  /** The section navigation links marked as the current page. */
  currentSectionLinks: string[];
}

const readFacts = (page: Page): Promise<PageFacts> =>
  page.evaluate(() => ({
    pathname: window.location.pathname,
    title: document.title,
    h1s: [...document.querySelectorAll<HTMLElement>("h1")].map((h1) => h1.innerText),
    currentSectionLinks: [
      ...document.querySelectorAll<HTMLElement>('.app-sub-navigation__link[aria-current="page"]'),
    ].map((link) => link.innerText),
  }));

/** The links the navigation tests follow, by the selector that finds them. */
const FOLLOWED = { breadcrumbs: ".govuk-breadcrumbs__link", sectionNavigation: ".app-sub-navigation__link" };

interface FollowedLink {
  from: string;
  text: string;
  arrived: PageFacts;
}

interface SiteWalk {
  /** Each page as it loaded, by its URL. */
  pages: Map<string, PageFacts>;
  followed: Record<keyof typeof FOLLOWED, FollowedLink[]>;
}

let walk: Promise<SiteWalk> | undefined;

/**
 * Opens every page once and, from it, clicks each breadcrumb and section navigation link in turn (as a reader
 * would), noting what each page and each page a link opened showed when it loaded; the tests below assert on
 * that, so they share one walk through the site. A link with the same address and text as one already followed
 * from another page (Home in every breadcrumb) opens the same page and faces the same check, so it is followed
 * from the first page that has it.
 */
function walkSite(): Promise<SiteWalk> {
  walk ??= (async () => {
    const page = await (await contextAt(DESKTOP_VIEWPORT)).newPage();
    try {
      const pages = new Map<string, PageFacts>();
      const followed: SiteWalk["followed"] = { breadcrumbs: [], sectionNavigation: [] };
      const seen = new Set<string>();
      for (const url of pageUrls) {
        await visit(page, url);
        pages.set(url, await readFacts(page));
        for (const [kind, selector] of Object.entries(FOLLOWED) as [keyof typeof FOLLOWED, string][]) {
          const links = await page.locator(selector).evaluateAll((anchors) =>
            anchors.map((anchor) => ({
              text: anchor.textContent?.trim() ?? "",
              href: (anchor as HTMLAnchorElement).href,
            })),
          );
          for (const [index, { text, href }] of links.entries()) {
            const link = JSON.stringify([kind, href, text]);
            if (seen.has(link)) continue;
            seen.add(link);
            if (new URL(page.url()).pathname !== url) await visit(page, url);
            await Promise.all([page.waitForEvent("load"), page.locator(selector).nth(index).click()]);
            followed[kind].push({ from: url, text, arrived: await readFacts(page) });
          }
        }
      }
      return { pages, followed };
    } finally {
      await page.close();
    }
  })();
  return walk;
}

describe("navigation leads where it says", () => {
  it("every breadcrumb link opens the page it names (Home opens the home page)", async () => {
    const { followed } = await walkSite();
    for (const { from, text, arrived } of followed.breadcrumbs) {
      if (text === "Home") assert.equal(arrived.pathname, prefix, `${from}: Home`);
      else
        assert.deepEqual(
          arrived.h1s.map((h1) => h1.trim()),
          [text],
          `${from}: breadcrumb "${text}" opened ${arrived.pathname}`,
        );
    }
    assert.ok(followed.breadcrumbs.length > 0, "some pages have breadcrumbs");
  });

  it("every section navigation link opens the page it names, marked as the current page there", async () => {
    const { followed } = await walkSite();
    for (const { from, text, arrived } of followed.sectionNavigation) {
      assert.deepEqual(
        arrived.h1s.map((h1) => h1.trim()),
        [text],
        `${from}: section link "${text}" opened ${arrived.pathname}`,
      );
      assert.deepEqual(
        arrived.currentSectionLinks.map((link) => link.trim()),
        [text],
        `${arrived.pathname} marks "${text}" current`,
      );
    }
    assert.ok(followed.sectionNavigation.length > 0, "some pages have section navigation");
  });
});

describe("every page", () => {
  it("has one h1, a title that starts with it, and a title no other page has", async () => {
    const { pages } = await walkSite();
    const titles = new Map<string, string>();
    for (const url of pageUrls) {
      const { title, h1s } = pages.get(url)!;
      assert.equal(h1s.length, 1, `${url}: one h1`);
      const h1 = h1s[0].trim();
      // The home page's h1 is the service name, so its title is the h1 alone.
      assert.ok(title === h1 || title.startsWith(`${h1} | `), `${url}: title "${title}" is the h1, or starts with it`);
      assert.equal(titles.get(title), undefined, `${url} and ${titles.get(title)} share the title "${title}"`);
      titles.set(title, url);
    }
  });

  it("fits a 320px screen without scrolling sideways (WCAG 1.4.10 Reflow)", async () => {
    const page = await open(pageUrls[0], MOBILE_VIEWPORT);
    for (const url of pageUrls) {
      await visit(page, url);
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
    await page.close();
  });

  it("still works with JavaScript off: content, navigation and links all there", async () => {
    const withoutScript = await browser.newContext({ javaScriptEnabled: false, viewport: MOBILE_VIEWPORT });
    const page = await withoutScript.newPage();
    for (const url of pageUrls) {
      await visit(page, url);
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
    await withoutScript.close();
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
    await page.close();
  });
});

describe("screenshots of each layout", () => {
  for (const [layout, url] of Object.entries(LAYOUT_PAGES)) {
    for (const [device, viewport] of Object.entries({ desktop: DESKTOP_VIEWPORT, mobile: MOBILE_VIEWPORT })) {
      it(`saves ${layout} at ${device} width (${viewport.width}px) to test-results/screenshots/`, async () => {
        const page = await open(`${prefix}${url}`, viewport);
        assert.ok(await LAYOUT_MARKS[layout](page), `${prefix}${url} uses the ${layout} layout`);
        mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        const file = path.join(SCREENSHOTS_DIR, `${layout}-${device}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await page.close();
        const png = readFileSync(file);
        // The PNG header's width: a full-page screenshot wider than the viewport means the page overflows.
        assert.equal(png.readUInt32BE(16), viewport.width, `${file} width`);
      });
    }
  }
});
