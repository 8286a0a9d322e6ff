import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { MOBILE_VIEWPORT } from "../../lib/gates/accessibility.ts";
import { openSharedBrowser, releaseSharedBrowser } from "../helpers/shared-browser.ts";
import { startStaticServer } from "../../lib/gates/static-server.ts";
import { projectRoot, readPage } from "../helpers/built-site.ts";
import { buildDefraApp, defraAppFixture, type DefraAppBuild } from "../helpers/defra-app.ts";

/** Where a person can compare each Defra app layout as this site draws it; README names test-results/screenshots/. */
const SCREENSHOTS_DIR = path.join(projectRoot, "test-results", "screenshots", "defra-app");
const VIEWPORTS = [{ width: 1280, height: 800 }, MOBILE_VIEWPORT];

interface LayoutPage {
  /** The fixture's page, relative to src/content/, whose front matter names the layout; absent for pages the site makes. */
  file?: string;
  url: string;
  /** What marks the layout in the page, so a screenshot's name cannot outlive a change of layout in the fixture. */
  mark: (page: Page) => Promise<boolean>;
}

const count = (page: Page, selector: string) => page.locator(selector).count();
const twoThirdsOnly = async (page: Page) =>
  (await count(page, ".govuk-grid-column-two-thirds h1")) === 1 &&
  (await count(page, 'main .app-sub-navigation, main [class^="app-hub-cards"], main .app-link-cards, main form')) === 0;

const LAYOUT_PAGES: Record<string, LayoutPage> = {
  "two-thirds": { file: "cookies.md", url: "/cookies/", mark: twoThirdsOnly },
  section: {
    file: "accessibility.md",
    url: "/accessibility/",
    mark: async (page) => (await count(page, ".govuk-grid-column-one-third .app-sub-navigation")) === 1,
  },
  "side-nav": {
    file: "components.md",
    url: "/components/",
    mark: async (page) => (await count(page, ".govuk-grid-column-one-quarter .app-sub-navigation")) === 1,
  },
  article: { file: "working-with-defra.md", url: "/working-with-defra/", mark: twoThirdsOnly },
  hub: {
    file: "service-manual.md",
    url: "/service-manual/",
    mark: async (page) => (await count(page, ".app-hub-cards__card")) > 0,
  },
  tool: {
    file: "ai-toolkit/tools/agent-kit.md",
    url: "/ai-toolkit/tools/agent-kit/",
    mark: async (page) => (await count(page, ".app-tool-status")) === 1,
  },
  "radar-table": {
    file: "ai-toolkit/tools.md",
    url: "/ai-toolkit/tools/",
    mark: async (page) => (await count(page, ".app-tools-radar-table")) === 1,
  },
  "radar-diagram": {
    file: "ai-toolkit/tools/diagram.md",
    url: "/ai-toolkit/tools/diagram/",
    mark: async (page) => (await count(page, "svg.app-tools-radar__diagram")) === 1,
  },
  triage: {
    file: "ai-toolkit.md",
    url: "/ai-toolkit/",
    mark: async (page) => (await count(page, ".app-triage-hero")) === 1,
  },
  question: {
    file: "ai-toolkit/triage/question-1.md",
    url: "/ai-toolkit/triage/question-1/",
    mark: async (page) =>
      (await count(page, ".govuk-back-link")) === 1 &&
      (await count(page, ".govuk-caption-m, .govuk-caption-l, .govuk-caption-xl")) === 1,
  },
  // The fixture has no confirmation page: the app draws its form's last page from a question page that is a result.
  "question-result": {
    file: "ai-toolkit/triage/thank-you.md",
    url: "/ai-toolkit/triage/thank-you/",
    mark: async (page) => (await count(page, ".govuk-caption-m, .govuk-caption-l, .govuk-caption-xl")) === 0,
  },
  "check-your-answers": {
    file: "ai-toolkit/triage/check-your-answers.md",
    url: "/ai-toolkit/triage/check-your-answers/",
    mark: async (page) => (await count(page, "main ol.govuk-list--number a")) > 0,
  },
  "delivery-groups": {
    file: "delivery-groups.md",
    url: "/delivery-groups/",
    mark: async (page) => (await count(page, ".app-link-cards")) === 1 && (await count(page, ".app-triage-hero")) === 0,
  },
  home: { url: "/", mark: async (page) => (await count(page, ".app-child-list")) === 1 },
  interruption: { url: "", mark: async (page) => (await count(page, ".app-interruption")) === 1 },
};

/** The layout the fixture's front matter names: `layout:` on its own line, or, with none, a form's summary page. */
function frontMatterLayout(file: string): string {
  const text = readFileSync(path.join(defraAppFixture, "src/content", file), "utf8");
  const frontMatter = text.split(/^---$/m)[1] ?? "";
  const named = /^layout:\s*(\S+)\s*$/m.exec(frontMatter)?.[1];
  if (named === "question" && /^isResult:\s*true\s*$/m.test(frontMatter)) return "question-result";
  return named ?? (/^questionSubmitHref:/m.test(frontMatter) ? "check-your-answers" : "page");
}

let build: DefraAppBuild;
let browser: Browser;
let server: { url: string; close: () => Promise<void> };
/**
 * One tab per viewport, which every layout's test navigates in turn, as a reader moving between pages would: a
 * new tab per page starts a renderer process each time, and nothing here changes what a later page shows (no
 * clicks, no cookies, no stored answers).
 */
const tabs = new Map<number, Page>();

before(async () => {
  build = await buildDefraApp("/");
  assert.equal(build.code, 0, build.stderr);
  // Any internal link's interruption page: the fixture links to internal services, so the build makes at least one.
  const $ = readPage(build.siteDir, "/content/write-in-plain-english/");
  const href = $('main a[href^="/interruption/"]').first().attr("href");
  assert.ok(href, "a content page links to an internal service through an interruption page");
  LAYOUT_PAGES.interruption.url = href;
  server = await startStaticServer(build.siteDir, "/");
  browser = await openSharedBrowser();
  for (const viewport of VIEWPORTS) tabs.set(viewport.width, await (await browser.newContext({ viewport })).newPage());
});
after(async () => {
  await releaseSharedBrowser();
  await server?.close();
});

describe("screenshots of each Defra app layout, built from the fixture", () => {
  for (const [layout, { file, mark }] of Object.entries(LAYOUT_PAGES)) {
    if (file) {
      it(`${file} is the fixture's ${layout} page`, () => {
        assert.equal(frontMatterLayout(file), layout);
      });
    }
    for (const viewport of VIEWPORTS) {
      it(`saves ${layout} at ${viewport.width}px to test-results/screenshots/defra-app/, without sideways scrolling`, async () => {
        const url = LAYOUT_PAGES[layout].url;
        const page = tabs.get(viewport.width)!;
        const response = await page.goto(new URL(url, server.url).href);
        assert.equal(response?.status(), 200, url);
        assert.ok(await mark(page), `${url} is drawn with the ${layout} layout`);
        mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        const shot = path.join(SCREENSHOTS_DIR, `${layout}-${viewport.width}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        // The PNG header's width: a full-page screenshot wider than the viewport means the page overflows.
        assert.equal(readFileSync(shot).readUInt32BE(16), viewport.width, `${shot} width`);
      });
    }
  }
});
