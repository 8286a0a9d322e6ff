import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { AxeResults } from "axe-core";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { AXE_SOURCE_PATH, axeRunOptions } from "../../lib/gates/axe-rules.ts";
import { openSharedBrowser, releaseSharedBrowser } from "../helpers/shared-browser.ts";
import { startStaticServer } from "../../lib/gates/static-server.ts";
import { loadSiteModel } from "../../lib/model/load-site-model.ts";
import { projectRoot, standardSite, type SITES } from "../helpers/built-site.ts";
import { bundleUrls } from "../helpers/search-bundles.ts";

const GOVERNANCE = "delivery-groups/follow-delivery-governance/governance-model/";

/** Terms from three different pages, each found only in that page's body (never its title). */
const SEARCHES = [
  { query: "senior responsible officer", title: "Governance model", url: GOVERNANCE },
  { query: "portfolio view", title: "Service owner", url: "roles/service-owner/" },
  {
    query: "shared parental leave",
    title: "Notes on the Service Owner role",
    url: "related-reading/notes-on-the-service-owner-role/",
  },
];

/** Each standard site, built once for this file however many tests ask for it. */
const builtSites = new Map<keyof typeof SITES, Promise<string>>();
function site(name: keyof typeof SITES): Promise<string> {
  if (!builtSites.has(name)) builtSites.set(name, standardSite(name));
  return builtSites.get(name)!;
}

/** axe's WCAG 2.2 A and AA violations on the page as it is now, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
  await page.evaluate(readFileSync(AXE_SOURCE_PATH, "utf8"));
  const results = await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResults> } }).axe.run(
        document,
        options,
      ),
    axeRunOptions(),
  );
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
}

/** Collects what the Content-Security-Policy refuses on a page, to assert it refuses nothing. */
function refusals(page: Page): string[] {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

/**
 * Opens a page, in a context of its own, with the page's clock stopped, for a test that types into the header's box:
 * typeWords starts the clock again once the last key is in.
 */
async function openWithClockStopped(url: string): Promise<Page> {
  const context = await browser.newContext();
  await context.clock.pauseAt(Date.now());
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/**
 * Types into the box key by key, as a reader does, then lets the page's clock run. The suggestions wait for a pause
 * in typing, so a machine slow enough to leave a gap between two keys would otherwise show, and let the test
 * choose from, the list for the first few letters while the rest were still being typed.
 */
async function typeWords(page: Page, box: Locator, words: string): Promise<void> {
  await box.focus();
  // Keys typed before the suggestions start would be searched at once, without waiting for the pause.
  await box.and(page.locator("[data-app-search-suggestions-started]")).waitFor();
  await box.pressSequentially(words);
  await page.context().clock.resume();
}

let browser: Browser;
before(async () => {
  browser = await openSharedBrowser();
});
after(async () => {
  await releaseSharedBrowser();
});

for (const [name, prefix] of [
  ["root", "/"],
  ["prefixed", "/service-manual/"],
] as const) {
  describe(`search on the ${name} site`, () => {
    let server: { url: string; close: () => Promise<void> };
    // Most tests open a tab of their own in this context. A tab left open in it keeps the context's renderer running,
    // so each new tab starts in one already there instead of starting a process. A test whose point is a worker that
    // cannot start, every request made, JavaScript being off or the page's clock has a context of its own.
    let context: BrowserContext;
    // The accessibility checks run on the prefixed site only: the markup they judge is the same at the root, where
    // only the links' addresses differ, and the prefixed site has both a prefix and an index in two bundles.
    const onPrefixedSite = name === "prefixed" ? it : () => {};
    before(async () => {
      server = await startStaticServer(await site(name), prefix);
      context = await browser.newContext();
      await context.newPage();
    });
    after(async () => {
      await context?.close();
      await server?.close();
    });

    it(
      name === "prefixed"
        ? "searches an index in two bundles, with the expected pages in both"
        : "searches an index in one bundle",
      async () => {
        const siteDir = await site(name);
        const bundles = /data-app-search-bundles="([^"]*)"/
          .exec(readFileSync(path.join(siteDir, "search", "index.html"), "utf8"))?.[1]
          .split(" ");
        assert.deepEqual(bundles, name === "prefixed" ? ["pagefind/", "pagefind-2/"] : ["pagefind/"]);
        assert.deepEqual(
          JSON.parse(readFileSync(path.join(siteDir, "pagefind", "search-bundles.json"), "utf8")),
          bundles,
          "the first bundle lists them all for the header's suggestions",
        );
        const urls = bundles!.map((bundle) => bundleUrls(path.join(siteDir, bundle)));
        const { model } = await loadSiteModel(projectRoot);
        assert.deepEqual(
          urls.flat().sort(),
          model.pages.map((page) => page.url).sort(),
          "every content page is in exactly one bundle",
        );
        if (name === "prefixed") {
          // The searches below find pages in each bundle, so a merged index is what they pass through.
          const bundleOf = (url: string) => urls.findIndex((list) => list.includes(`/${url}`));
          assert.deepEqual(new Set(SEARCHES.map(({ url }) => bundleOf(url))), new Set([0, 1]));
        }
      },
    );

    for (const { query, title, url } of SEARCHES) {
      it(`finds "${query}" from the header's search box and follows the result to ${title}`, async () => {
        const page = await context.newPage();
        const refused: string[] = [];
        page.on("console", (message) => {
          if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
        });
        try {
          await page.goto(server.url);
          await page.getByRole("search").first().getByLabel("Search this manual").fill(query);
          await page.getByRole("search").first().getByRole("button", { name: "Search" }).click();
          await page.waitForURL((address) => address.pathname === `${prefix}search/`);
          const status = page.locator("[data-app-search-status]");
          await status.filter({ hasText: "for ‘" }).waitFor();
          assert.match(await status.innerText(), new RegExp(`^\\d+ results? for ‘${query}’`));
          const first = page.locator(".app-search-results__item").first();
          assert.equal(
            await first.getByRole("heading", { level: 2 }).innerText(),
            title,
            "the page is the first result",
          );
          await first.getByRole("link", { name: title, exact: true }).click();
          await page.waitForURL((address) => address.pathname === `${prefix}${url}`);
          assert.equal(await page.locator("h1").innerText(), title);
          assert.deepEqual(refused, [], "the Content-Security-Policy lets Pagefind run");
        } finally {
          await page.close();
        }
      });
    }

    it("ranks a page whose title matches above pages that only mention the words", async () => {
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}search/?q=${encodeURIComponent("governance model")}`);
        const first = page.locator(".app-search-results__item").first();
        await first.waitFor();
        const href = new URL((await first.getByRole("link").first().getAttribute("href"))!, server.url);
        assert.equal(href.pathname, `${prefix}${GOVERNANCE}`);
        assert.deepEqual(
          href.searchParams.getAll("pagefind-highlight"),
          ["governance", "model"],
          "the result asks the page to mark the words",
        );
      } finally {
        await page.close();
      }
    });

    onPrefixedSite(
      "has no WCAG 2.2 A or AA violation once the results are on the page, at desktop width and 320px",
      async () => {
        const page = await context.newPage();
        try {
          for (const viewport of [
            { width: 1280, height: 900 },
            { width: 320, height: 720 },
          ]) {
            // Each width gets a load of its own, laid out at that width from the start.
            await page.setViewportSize(viewport);
            await page.goto(`${server.url}search/?q=${encodeURIComponent("service owner")}`);
            await page.locator(".app-search-results__item").first().waitFor();
            assert.deepEqual(await axeViolations(page), [], `${viewport.width}px`);
            assert.ok(
              await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
              `fits ${viewport.width}px without scrolling sideways`,
            );
          }
        } finally {
          await page.close();
        }
      },
    );

    it("still finds pages when Pagefind cannot start its worker and runs on the page, which the Content-Security-Policy allows", async () => {
      // A context of its own: in a shared one, a worker another tab had started could still be running.
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      try {
        // Without the worker, Pagefind compiles its WebAssembly on the page itself: that needs 'wasm-unsafe-eval'.
        await page.route("**/pagefind-worker.js", (route) => route.abort());
        await page.goto(`${server.url}search/?q=${encodeURIComponent("portfolio view")}`);
        await page
          .locator("[data-app-search-status]")
          .filter({ hasText: /for ‘|not working/ })
          .waitFor();
        assert.deepEqual(refused, []);
        assert.equal(await page.locator(".app-search-results__item h2").first().innerText(), "Service owner");
      } finally {
        await page.close();
      }
    });

    it("says so, and offers the A to Z, when search cannot load", async () => {
      const page = await context.newPage();
      try {
        await page.route("**/pagefind/pagefind.js", (route) => route.abort());
        await page.goto(`${server.url}search/?q=anything`);
        const status = page.locator("[data-app-search-status]");
        await status.filter({ hasText: "not working" }).waitFor();
        assert.equal(
          await status.innerText(),
          "Search is not working at the moment. Find a page in the A to Z of every page instead.",
        );
        assert.equal(await status.getByRole("link").getAttribute("href"), `${prefix}a-to-z/`);
      } finally {
        await page.close();
      }
    });

    it("says so when nothing matches, and offers the A to Z", async () => {
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}search/?q=xylophonic`);
        const status = page.locator("[data-app-search-status]");
        await status.filter({ hasText: "There are no results" }).waitFor();
        assert.equal(await status.innerText(), "There are no results for ‘xylophonic’.");
        assert.equal(
          await page.getByRole("link", { name: "A to Z of every page" }).getAttribute("href"),
          `${prefix}a-to-z/`,
        );
      } finally {
        await page.close();
      }
    });

    it("without JavaScript, leads from the search form to the search page with the words in its address, which offers the A to Z", async () => {
      const withoutScript = await browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await withoutScript.newPage();
        await page.goto(`${server.url}${GOVERNANCE}`);
        await page.getByRole("search").first().getByLabel("Search this manual").fill("senior responsible officer");
        await page.getByRole("search").first().getByRole("button", { name: "Search" }).click();
        await page.waitForURL((address) => address.pathname === `${prefix}search/`);
        assert.equal(new URL(page.url()).searchParams.get("q"), "senior responsible officer");
        assert.match(await page.locator("main").innerText(), /Searching needs JavaScript/);
        assert.equal(
          await page.getByRole("link", { name: "A to Z of every page" }).getAttribute("href"),
          `${prefix}a-to-z/`,
        );
        assert.equal(
          await page.getByRole("group", { name: "Section" }).count(),
          0,
          "filters that need JavaScript are hidden",
        );
      } finally {
        await withoutScript.close();
      }
    });

    it("links each result to the sections of its page that match, under the prefix, and marks the words on the page reached", async () => {
      const page = await context.newPage();
      const refused = refusals(page);
      try {
        await page.goto(`${server.url}search/?q=${encodeURIComponent("profession leadership")}`);
        const result = page.locator(".app-search-results__item").filter({ hasText: "Governance model" }).first();
        await result.waitFor();
        const section = result
          .locator(".app-search-results__sections")
          .getByRole("link", { name: "Profession leadership" });
        const href = new URL((await section.getAttribute("href"))!, server.url);
        assert.equal(href.pathname, `${prefix}${GOVERNANCE}`);
        assert.equal(href.hash, "#profession-leadership");
        assert.deepEqual(href.searchParams.getAll("pagefind-highlight"), ["profession", "leadership"]);
        await section.click();
        await page.waitForURL((address) => address.hash === "#profession-leadership");
        const marks = page.locator("main mark.app-search-term");
        await marks.first().waitFor();
        const marked = await marks.allInnerTexts();
        assert.ok(marked.length >= 2, marked.join(", "));
        assert.ok(
          marked.every((text) => /^(profession|leadership)/i.test(text)),
          `only the searched words are marked: ${marked.join(", ")}`,
        );
        assert.equal(await page.locator("header mark, nav mark").count(), 0, "navigation is never marked");
        assert.ok(
          await page.locator("#profession-leadership").evaluate((heading) => {
            const { top } = heading.getBoundingClientRect();
            return top >= 0 && top < window.innerHeight;
          }),
          "the page opens at the section",
        );
        assert.deepEqual(refused, [], "the Content-Security-Policy lets the highlighting run");
      } finally {
        await page.close();
      }
    });

    describe("a page opened without searched words in its address", () => {
      // Both tests read one load of the page, in a context of its own so that every request it makes is seen.
      let page: Page;
      const requested: string[] = [];
      const searchFiles = () =>
        requested.filter((path) => /pagefind|search-page|search-suggestions|load-search|mark-search-terms/.test(path));
      before(async () => {
        page = await browser.newPage();
        page.on("request", (request) => requested.push(new URL(request.url()).pathname));
        await page.goto(`${server.url}${GOVERNANCE}`, { waitUntil: "networkidle" });
      });
      after(async () => {
        await page?.context().close();
      });

      it("marks nothing, and loads nothing to mark with, without the words in the address", async () => {
        assert.equal(await page.locator("mark").count(), 0);
        assert.ok(!searchFiles().some((path) => path.endsWith("mark-search-terms.js")), searchFiles().join(", "));
      });

      it("downloads nothing of search's until someone searches or focuses the search box", async () => {
        assert.deepEqual(searchFiles(), []);
        const pagefindLoaded = page.waitForRequest((request) => request.url().endsWith("/pagefind/pagefind.js"));
        await page.getByRole("combobox", { name: "Search this manual" }).focus();
        await pagefindLoaded;
        assert.ok(searchFiles().includes(`${prefix}assets/js/search-suggestions.js`), searchFiles().join(", "));
        assert.ok(searchFiles().includes(`${prefix}pagefind/pagefind.js`), "Pagefind loads once the box has focus");
        assert.ok(
          !searchFiles().some((path) => path.endsWith("mark-search-terms.js")),
          "no highlighting was asked for",
        );
      });
    });

    it("narrows the results by section and by tag, keeping the choice in the address", async () => {
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}search/?q=${encodeURIComponent("service owner")}`);
        const status = page.locator("[data-app-search-status]");
        await status.filter({ hasText: "for ‘" }).waitFor();
        const links = () =>
          page
            .locator(".app-search-results__title a")
            .evaluateAll((anchors) => anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname));
        const everything = await links();
        assert.ok(
          everything.some((url) => !url.startsWith(`${prefix}roles/`)),
          "unfiltered, other sections match too",
        );

        const sections = page.getByRole("group", { name: "Section" });
        await sections.getByLabel("Roles").check();
        await status.filter({ hasText: "in Roles" }).waitFor();
        const inRoles = await links();
        assert.ok(inRoles.length > 0 && inRoles.length < everything.length);
        assert.ok(
          inRoles.every((url) => url.startsWith(`${prefix}roles/`)),
          inRoles.join(", "),
        );
        assert.deepEqual(new URL(page.url()).searchParams.getAll("section"), ["Roles"]);

        await sections.getByLabel("Roles").uncheck();
        await page.getByRole("group", { name: "Tag" }).getByLabel("clippings").check();
        await status.filter({ hasText: "tagged clippings" }).waitFor();
        assert.deepEqual(await links(), [`${prefix}roles/service-owner/`]);
        assert.deepEqual(new URL(page.url()).searchParams.getAll("tag"), ["clippings"]);

        // The address brings the same filters back.
        await page.reload();
        await status.filter({ hasText: "tagged clippings" }).waitFor();
        assert.ok(await page.getByRole("group", { name: "Tag" }).getByLabel("clippings").isChecked());
        assert.deepEqual(await links(), [`${prefix}roles/service-owner/`]);
      } finally {
        await page.close();
      }
    });

    it("on a phone, folds the filters behind a button that says how many are chosen, so the results come first", async () => {
      const page = await context.newPage();
      try {
        await page.setViewportSize({ width: 320, height: 800 });
        await page.goto(`${server.url}search/?q=${encodeURIComponent("service owner")}&section=Roles`);
        await page.locator("[data-app-search-status]").filter({ hasText: "in Roles" }).waitFor();
        const toggle = page.getByRole("button", { name: "Show filters (1 chosen)" });
        assert.equal(await toggle.getAttribute("aria-expanded"), "false");
        assert.equal(await page.getByRole("group", { name: "Section" }).isVisible(), false);
        const resultsTop = await page
          .locator(".app-search-results__list")
          .evaluate((list) => list.getBoundingClientRect().top);
        assert.ok(resultsTop < 800, `the results start on the first screen (at ${resultsTop}px)`);
        await toggle.click();
        const hide = page.getByRole("button", { name: "Hide filters (1 chosen)" });
        assert.equal(await hide.getAttribute("aria-expanded"), "true");
        await page.getByRole("group", { name: "Section" }).getByLabel("Roles").uncheck();
        await page.getByRole("button", { name: "Hide filters", exact: true }).waitFor();
        await page.setViewportSize({ width: 1280, height: 800 });
        assert.equal(
          await page.locator("[data-app-search-filters-toggle]").isVisible(),
          false,
          "no button on a wider screen",
        );
        assert.equal(await page.getByRole("group", { name: "Section" }).isVisible(), true);
      } finally {
        await page.close();
      }
    });

    it("suggests pages as you type in the header's box, chosen with the arrow keys and Enter", async () => {
      const page = await openWithClockStopped(`${server.url}roles/`);
      try {
        const box = page.getByRole("combobox", { name: "Search this manual" });
        await typeWords(page, box, "governance mod");
        const listbox = page.getByRole("listbox", { name: "Suggested pages" });
        await listbox.getByRole("option").first().waitFor();
        assert.equal(await box.getAttribute("aria-expanded"), "true");
        assert.equal(await box.getAttribute("aria-controls"), await listbox.getAttribute("id"));
        const count = await listbox.getByRole("option").count();
        const live = page.locator("[data-app-search-suggestions-status]");
        assert.equal(await live.getAttribute("aria-live"), "polite");
        assert.match(await live.innerText(), new RegExp(`^${count} pages? (is|are) suggested`));
        assert.equal(await listbox.getByRole("option").first().innerText(), "Governance model");

        await box.press("ArrowDown");
        const first = listbox.getByRole("option").first();
        assert.equal(await box.getAttribute("aria-activedescendant"), await first.getAttribute("id"));
        assert.equal(await first.getAttribute("aria-selected"), "true");
        assert.ok(await box.evaluate((input) => input === document.activeElement), "focus stays in the box");
        await box.press("Enter");
        await page.waitForURL((address) => address.pathname === `${prefix}${GOVERNANCE}`);
        assert.deepEqual(new URL(page.url()).searchParams.getAll("pagefind-highlight"), ["governance", "mod"]);
        await page.locator("main mark.app-search-term").first().waitFor();
      } finally {
        await page.context().close();
      }
    });

    it("closes the suggestions on Escape, and searches the words on Enter when none is chosen", async () => {
      const page = await openWithClockStopped(`${server.url}roles/`);
      try {
        const box = page.getByRole("combobox", { name: "Search this manual" });
        await typeWords(page, box, "portfolio");
        const listbox = page.locator(".app-site-search__suggestions");
        await listbox.getByRole("option").first().waitFor();
        await box.press("Escape");
        assert.equal(await box.getAttribute("aria-expanded"), "false");
        assert.ok(await listbox.isHidden());
        assert.equal(await box.inputValue(), "portfolio", "Escape closes the list and keeps the words");
        await box.press("ArrowDown");
        assert.equal(await box.getAttribute("aria-expanded"), "true", "ArrowDown opens it again");
        await box.press("ArrowUp");
        assert.equal(
          await box.getAttribute("aria-activedescendant"),
          null,
          "ArrowUp from the first goes back to the box",
        );
        await box.press("Enter");
        await page.waitForURL((address) => address.pathname === `${prefix}search/`);
        assert.equal(new URL(page.url()).searchParams.get("q"), "portfolio");
        await page.locator(".app-search-results__item").first().waitFor();
      } finally {
        await page.context().close();
      }
    });

    onPrefixedSite("has no WCAG 2.2 A or AA violation with the suggestions open and one chosen", async () => {
      const page = await openWithClockStopped(`${server.url}${GOVERNANCE}`);
      try {
        const box = page.getByRole("combobox", { name: "Search this manual" });
        await typeWords(page, box, "service");
        await page.getByRole("listbox").getByRole("option").nth(1).waitFor();
        await box.press("ArrowDown");
        await box.press("ArrowDown");
        assert.deepEqual(await axeViolations(page), []);
      } finally {
        await page.context().close();
      }
    });
  });
}
