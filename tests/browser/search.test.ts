import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import type { AxeResults } from "axe-core";
import type { Browser } from "playwright-core";
import { AXE_SOURCE_PATH, axeRunOptions } from "../../lib/gates/axe-rules.ts";
import { launchChromium } from "../../lib/gates/chromium.ts";
import { startStaticServer } from "../../lib/gates/static-server.ts";
import { loadSiteModel } from "../../lib/model/load-site-model.ts";
import { projectRoot, standardSite } from "../helpers/built-site.ts";

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

/** The URLs a Pagefind bundle holds, read from its page fragments (gzip, a "pagefind_dcd" signature, then JSON). */
function bundleUrls(bundleDir: string): string[] {
  const fragments = path.join(bundleDir, "fragment");
  return readdirSync(fragments).map(
    (name) =>
      JSON.parse(
        gunzipSync(readFileSync(path.join(fragments, name)))
          .subarray("pagefind_dcd".length)
          .toString(),
      ).url,
  );
}

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

for (const [name, prefix] of [
  ["root", "/"],
  ["prefixed", "/service-manual/"],
] as const) {
  describe(`search on the ${name} site`, () => {
    let server: { url: string; close: () => Promise<void> };
    before(async () => {
      server = await startStaticServer(await standardSite(name), prefix);
    });
    after(async () => {
      await server?.close();
    });

    it(
      name === "prefixed"
        ? "searches an index in two bundles, with the expected pages in both"
        : "searches an index in one bundle",
      async () => {
        const site = await standardSite(name);
        const bundles = /data-app-search-bundles="([^"]*)"/
          .exec(readFileSync(path.join(site, "search", "index.html"), "utf8"))?.[1]
          .split(" ");
        assert.deepEqual(bundles, name === "prefixed" ? ["pagefind/", "pagefind-2/"] : ["pagefind/"]);
        const urls = bundles!.map((bundle) => bundleUrls(path.join(site, bundle)));
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
        const page = await browser.newPage();
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
          await first.getByRole("link", { name: title }).click();
          await page.waitForURL((address) => address.pathname === `${prefix}${url}`);
          assert.equal(await page.locator("h1").innerText(), title);
          assert.deepEqual(refused, [], "the Content-Security-Policy lets Pagefind run");
        } finally {
          await page.close();
        }
      });
    }

    it("ranks a page whose title matches above pages that only mention the words", async () => {
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}search/?q=${encodeURIComponent("governance model")}`);
        const first = page.locator(".app-search-results__item").first();
        await first.waitFor();
        assert.equal(await first.getByRole("link").getAttribute("href"), `${prefix}${GOVERNANCE}`);
      } finally {
        await page.close();
      }
    });

    it("has no WCAG 2.2 A or AA violation once the results are on the page, at desktop width and 320px", async () => {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 320, height: 720 },
      ]) {
        const page = await browser.newPage({ viewport });
        try {
          await page.goto(`${server.url}search/?q=${encodeURIComponent("service owner")}`);
          await page.locator(".app-search-results__item").first().waitFor();
          // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
          await page.evaluate(readFileSync(AXE_SOURCE_PATH, "utf8"));
          const results = await page.evaluate(
            (options) =>
              (
                window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResults> } }
              ).axe.run(document, options),
            axeRunOptions(),
          );
          assert.deepEqual(
            results.violations.map(
              (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
            ),
            [],
            `${viewport.width}px`,
          );
          assert.ok(
            await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            `fits ${viewport.width}px without scrolling sideways`,
          );
        } finally {
          await page.close();
        }
      }
    });

    it("still finds pages when Pagefind cannot start its worker and runs on the page, which the Content-Security-Policy allows", async () => {
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
      const page = await browser.newPage();
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
      const page = await browser.newPage();
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

    it("without JavaScript, leads from the search form to the A to Z of every page", async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}${GOVERNANCE}`);
        await page.getByRole("search").first().getByLabel("Search this manual").fill("senior responsible officer");
        await page.getByRole("search").first().getByRole("button", { name: "Search" }).click();
        await page.waitForURL((address) => address.pathname === `${prefix}a-to-z/`);
        assert.equal(await page.locator("h1").innerText(), "A to Z");
        assert.equal(
          await page.getByRole("link", { name: "Governance model", exact: true }).getAttribute("href"),
          `${prefix}${GOVERNANCE}`,
        );
      } finally {
        await context.close();
      }
    });

    it("downloads nothing of search's until someone searches", async () => {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on("request", (request) => requested.push(new URL(request.url()).pathname));
      try {
        await page.goto(`${server.url}${GOVERNANCE}`, { waitUntil: "networkidle" });
        assert.deepEqual(
          requested.filter((path) => /pagefind|search-page/.test(path)),
          [],
        );
      } finally {
        await page.close();
      }
    });
  });
}
