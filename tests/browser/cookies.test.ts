import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { openSharedBrowser, releaseSharedBrowser } from "../helpers/shared-browser.ts";
import { startStaticServer } from "../../lib/gates/static-server.ts";
import { buildInProcess, projectRoot, standardSite, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

const siteJson = (extra: object) =>
  JSON.stringify({ ...JSON.parse(readFileSync(path.join(projectRoot, "content/_data/site.json"), "utf8")), ...extra });

// Stands in for Google's servers: the test answers every request to them, and counts them.
const ANALYTICS_HOSTS = /^https:\/\/([a-z0-9-]+\.)*(googletagmanager\.com|google-analytics\.com)\//;

describe("cookies and analytics", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let plain: { url: string; close: () => Promise<void> };
  before(async () => {
    const withAnalytics = path.join(testOutputDir, "cookies-site");
    const built = await buildInProcess({
      CONTENT_DIR: makeContentDir("cookies", { "_data/site.json": siteJson({ analytics: { ga4: "G-TEST12345" } }) }),
      OUTPUT_DIR: withAnalytics,
      PATH_PREFIX: "/manual/",
    });
    assert.equal(built.code, 0, built.stderr);
    // The site's own content sets no analytics, so the standard site built at the root for the whole run serves.
    assert.equal(JSON.parse(siteJson({})).analytics, undefined, "content/_data/site.json configures no analytics");
    const without = await standardSite("root");
    server = await startStaticServer(withAnalytics, "/manual/");
    plain = await startStaticServer(without, "/");
    browser = await openSharedBrowser();
  });
  after(async () => {
    await releaseSharedBrowser();
    await server?.close();
    await plain?.close();
  });

  async function open(
    url: string,
    { javaScriptEnabled = true, context }: { javaScriptEnabled?: boolean; context?: BrowserContext } = {},
  ): Promise<{ page: Page; analytics: string[]; violations: string[] }> {
    const ctx = context ?? (await browser.newContext({ javaScriptEnabled }));
    const analytics: string[] = [];
    await ctx.route(ANALYTICS_HOSTS, (route) => {
      analytics.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/javascript", body: "" });
    });
    const page = await ctx.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    return { page, analytics, violations };
  }

  it("asks before loading analytics, and loads nothing before an answer", async () => {
    const { page, analytics } = await open(`${server.url}`);
    assert.equal(await page.isVisible("[data-app-cookie-banner] [data-app-cookie-question]"), true);
    assert.deepEqual(analytics, []);
    assert.equal((await page.context().cookies()).length, 0, "no cookie before a choice");
    await page.context().close();
  });

  it("loads analytics once accepted, remembers it, and the policy allows Google's origin", async () => {
    const { page, analytics, violations } = await open(`${server.url}`);
    await page.click("[data-app-cookie-choice=accept]");
    assert.equal(await page.isVisible('[data-app-cookie-answer="accept"]'), true);
    await page.waitForLoadState("networkidle");
    assert.equal(analytics.length, 1, analytics.join("\n"));
    assert.match(analytics[0], /^https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-TEST12345$/);
    assert.deepEqual(violations, []);
    const cookie = (await page.context().cookies()).find((entry) => entry.name === "cookies_policy");
    assert.equal(decodeURIComponent(cookie?.value ?? ""), '{"analytics":true}');
    assert.equal(cookie?.path, "/manual/");
    await page.click("[data-app-cookie-hide]");
    assert.equal(await page.isVisible("[data-app-cookie-banner]"), false);
    // The next page remembers the choice: no question, analytics straight away.
    const next = await page.context().newPage();
    await next.goto(`${server.url}cookies/`);
    await next.waitForLoadState("networkidle");
    assert.equal(await next.isVisible("[data-app-cookie-banner]"), false);
    assert.equal(analytics.length, 2);
    assert.equal(await next.isChecked('input[name="analytics"][value="yes"]'), true);
    await page.context().close();
  });

  it("loads nothing once rejected, and the cookies page changes the answer", async () => {
    const { page, analytics } = await open(`${server.url}`);
    await page.click("[data-app-cookie-choice=reject]");
    assert.equal(await page.isVisible('[data-app-cookie-answer="reject"]'), true);
    await page.waitForLoadState("networkidle");
    assert.deepEqual(analytics, []);
    await page.goto(`${server.url}cookies/`);
    assert.equal(await page.isChecked('input[name="analytics"][value="no"]'), true);
    await page.check('input[name="analytics"][value="yes"]');
    await page.click("form[data-app-cookie-settings] button");
    assert.equal(await page.isVisible("[data-app-cookies-saved]"), true);
    await page.waitForLoadState("networkidle");
    assert.equal(analytics.length, 1);
    await page.context().close();
  });

  it("without JavaScript, loads nothing, shows a banner that leads to the cookies page, and that page explains", async () => {
    const { page, analytics } = await open(`${server.url}`, { javaScriptEnabled: false });
    assert.equal(await page.isVisible("[data-app-cookie-banner]"), false, "the question's buttons would do nothing");
    assert.equal(await page.isVisible("[data-app-cookie-banner-no-js]"), true);
    await page.click("[data-app-cookie-banner-no-js] a");
    assert.equal(new URL(page.url()).pathname, "/manual/cookies/");
    assert.match(await page.innerText("main"), /Analytics needs JavaScript, which is turned off/);
    assert.equal(await page.isVisible("form[data-app-cookie-settings]"), false);
    assert.deepEqual(analytics, []);
    await page.context().close();
  });

  it("without analytics configured: no banner, Google's origins not in the policy, and the cookies page says none are set", async () => {
    const { page, analytics } = await open(`${plain.url}cookies/`);
    assert.equal(await page.locator(".govuk-cookie-banner").count(), 0);
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.doesNotMatch(policy ?? "", /google/);
    assert.match(await page.innerText("main"), /This website does not set any cookies/);
    assert.deepEqual(analytics, []);
    assert.deepEqual(await page.context().cookies(), []);
    // And the policy really blocks it: a script from Google's origin is refused.
    const refused = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const script = document.createElement("script");
          script.src = "https://www.googletagmanager.com/gtag/js?id=G-X";
          script.onload = () => resolve(false);
          script.onerror = () => resolve(true);
          document.head.append(script);
        }),
    );
    assert.equal(refused, true);
    assert.deepEqual(analytics, [], "blocked before any request left the page");
    await page.context().close();
  });
});
