import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { load, type CheerioAPI } from "cheerio";
import type { Browser } from "playwright-core";
import { openSharedBrowser, releaseSharedBrowser } from "../helpers/shared-browser.ts";
import { listSiteFiles, urlPathForFile } from "../../lib/gates/built-files.ts";
import { browserReadUrl } from "../../lib/safety/url-safety.ts";
import { inlineScripts, scriptHashSource } from "../../lib/safety/content-security-policy.ts";
import { siteSettings } from "../../lib/settings.ts";
import { startStaticServer } from "../../lib/gates/static-server.ts";
import { SITES, standardSite } from "../helpers/built-site.ts";

const policyOf = ($: CheerioAPI) => {
  const content = $('meta[http-equiv="Content-Security-Policy"]').attr("content") ?? "";
  return new Map(
    content
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
};

for (const name of ["root", "prefixed"] as const) {
  describe(`what the ${name} site publishes`, () => {
    let siteDir: string;
    let pages: { file: string; $: CheerioAPI; html: string }[];
    before(async () => {
      siteDir = await standardSite(name);
      pages = listSiteFiles(siteDir, [".html"]).map((file) => {
        const html = readFileSync(path.join(siteDir, file), "utf8");
        return { file, html, $: load(html) };
      });
      assert.ok(pages.length > 0);
    });

    it("has a Content-Security-Policy meta tag before any script or stylesheet on every page, allowing only the site's own files", () => {
      for (const { file, $ } of pages) {
        const meta = $('meta[http-equiv="Content-Security-Policy"]');
        assert.equal(meta.length, 1, `${file}: one CSP meta tag`);
        const first = $("head")
          .children('meta[http-equiv="Content-Security-Policy"], script, link[rel="stylesheet"], style')
          .first();
        assert.ok(first.is(meta), `${file}: the policy comes before the scripts and stylesheets it governs`);
        const policy = policyOf($);
        assert.deepEqual(policy.get("default-src"), ["'self'"], file);
        assert.deepEqual(policy.get("style-src"), ["'self'"], file);
        assert.deepEqual(policy.get("object-src"), ["'none'"], file);
        assert.equal(policy.get("script-src")?.[0], "'self'", file);
        for (const source of [...policy.values()].flat()) {
          assert.doesNotMatch(
            source,
            /^('unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|https?:|data:|blob:)$/,
            `${file}: ${source}`,
          );
        }
      }
    });

    it("runs no inline script but GOV.UK Frontend's govuk-frontend-supported snippet, whose hash the policy allows", () => {
      for (const { file, $, html } of pages) {
        const scripts = inlineScripts(html);
        assert.equal(scripts.length, 1, `${file}: inline scripts: ${scripts.join(" | ")}`);
        assert.match(scripts[0], /govuk-frontend-supported/, file);
        for (const script of scripts)
          assert.ok(policyOf($).get("script-src")?.includes(scriptHashSource(script)), `${file}: hash of ${script}`);
      }
    });

    it("has no inline event handlers or inline styles, which the policy would block", () => {
      for (const { file, $ } of pages) {
        $("*").each((_, element) => {
          for (const attribute of Object.keys($(element).attr() ?? {})) {
            assert.doesNotMatch(attribute, /^on|^style$/i, `${file}: <${$(element).prop("tagName")} ${attribute}>`);
          }
        });
        assert.equal($("style").length, 0, `${file}: <style>`);
      }
    });

    it("has no javascript: URL anywhere in its HTML, SVG or XML", () => {
      const found: string[] = [];
      for (const file of listSiteFiles(siteDir, [".html", ".svg", ".xml"])) {
        const $ = load(readFileSync(path.join(siteDir, file), "utf8"), { xml: !file.endsWith(".html") });
        $("*").each((_, element) => {
          const values = [
            ...Object.values($(element).attr() ?? {}),
            ...(/^(loc|id|uri|link|icon|logo)$/i.test($(element).prop("tagName") ?? "") ? [$(element).text()] : []),
          ];
          for (const value of values) if (/^javascript:/i.test(browserReadUrl(value))) found.push(`${file}: ${value}`);
        });
      }
      assert.deepEqual(found, []);
    });
  });
}

describe("the policy in a browser", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let siteDir: string;
  before(async () => {
    siteDir = await standardSite("prefixed");
    server = await startStaticServer(siteDir, siteSettings(SITES.prefixed).pathPrefix);
    browser = await openSharedBrowser();
  });
  after(async () => {
    await releaseSharedBrowser();
    await server?.close();
  });

  it("blocks nothing the site needs: no violation on any page, and GOV.UK Frontend's scripts run", async () => {
    const page = await browser.newPage();
    // Listens from before the first script, so no violation goes unseen.
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
      document.addEventListener("securitypolicyviolation", (event) =>
        seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`),
      );
    });
    const origin = new URL(server.url).origin;
    for (const file of listSiteFiles(siteDir, [".html"])) {
      const url = urlPathForFile(file, siteSettings(SITES.prefixed).pathPrefix);
      await page.goto(origin + url, { waitUntil: "load" });
      await page
        .waitForFunction(
          () => document.querySelector("[data-module='govuk-skip-link'][data-govuk-skip-link-init]"),
          undefined,
          { timeout: 20_000 },
        )
        .catch(() => undefined);
      const state = await page.evaluate(() => ({
        violations: (window as unknown as { cspViolations: string[] }).cspViolations,
        supported: document.body.classList.contains("govuk-frontend-supported"),
        initialised:
          document.querySelector("[data-module='govuk-skip-link']")?.hasAttribute("data-govuk-skip-link-init") ?? false,
      }));
      assert.deepEqual(state.violations, [], url);
      assert.ok(state.supported, `${url}: the inline snippet ran`);
      assert.ok(state.initialised, `${url}: application.js started GOV.UK Frontend`);
    }
  });
});
