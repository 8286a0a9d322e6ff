import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { checkAccessibility } from "../../lib/gates/accessibility.ts";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { fixturePage, writeFixtureSite } from "../helpers/fixture-site.ts";
import { SITES, standardSite } from "../helpers/built-site.ts";
import { siteSettings } from "../../lib/settings.ts";
import { sharedBrowserForThisFile } from "../helpers/shared-browser.ts";

// The 320px pass runs in this process's shared browser rather than one started for each gate run.
const browser = sharedBrowserForThisFile();

// A 1×1 transparent PNG, so the image loads and only its missing alt text is wrong.
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

// Every page passes axe at the root. Under the prefix a page differs only in its addresses, which the link
// gate follows on every page of both sites (tests/gates/links.test.ts), so one page of each kind is enough to
// show the stylesheet, scripts and images still arrive and the pages still pass: the home page, a hub with
// section navigation, a full-width page, a content page with a sidebar, a long guide, and each page the site makes.
const ONE_PAGE_OF_EACH_KIND = [
  "/",
  "/product-and-delivery/",
  "/content-health/",
  "/roles/service-owner/",
  "/playbooks/technology-procurement/organize-government-for-digital-services/",
  "/search/",
  "/a-to-z/",
  "/tags/",
  "/tags/clippings/",
  "/cookies/",
  "/404.html",
];

describe("accessibility gate on the root site", () => {
  it("finds no WCAG 2.2 A or AA violation on any page, at desktop width or 320px", async () => {
    const result = await checkAccessibility({
      siteDir: await standardSite("root"),
      pathPrefix: "/",
      browser: browser(),
    });
    assert.equal(formatDiagnostics(result.findings), "", result.summary);
    assert.match(result.summary, /^[1-9]\d* pages from /);
  });
});

describe("accessibility gate on the prefixed site", () => {
  it("finds no WCAG 2.2 A or AA violation on a page of each kind, at desktop width or 320px", async () => {
    const result = await checkAccessibility({
      siteDir: await standardSite("prefixed"),
      pathPrefix: siteSettings(SITES.prefixed).pathPrefix,
      only: ONE_PAGE_OF_EACH_KIND,
      browser: browser(),
    });
    assert.equal(formatDiagnostics(result.findings), "", result.summary);
    assert.match(result.summary, new RegExp(`^${ONE_PAGE_OF_EACH_KIND.length} pages from `));
  });
});

describe("accessibility gate on deliberately broken pages", () => {
  const prefix = "/broken-site/";
  let siteDir: string;
  let report: string;

  before(async () => {
    siteDir = writeFixtureSite({
      "index.html": fixturePage("Fixture home", `<p>Nothing wrong here.</p>`),
      "pixel.png": PIXEL as unknown as string,
      "missing-alt/index.html": fixturePage(
        "Missing alt text",
        `<img src="${prefix}pixel.png" width="10" height="10">`,
      ),
      "low-contrast/index.html": fixturePage(
        "Low contrast",
        `<p class="faint">Pale grey text on white.</p>`,
        `<style>.faint { color: #c8c8c8; background: #ffffff; }</style>`,
      ),
    });
    report = formatDiagnostics(
      (await checkAccessibility({ siteDir, pathPrefix: prefix, browser: browser() })).findings,
    );
  });
  after(() => rmSync(siteDir, { recursive: true, force: true }));

  it("fails a missing alt text, naming the page, the rule and the element, in both passes", () => {
    assert.match(
      report,
      /^\/broken-site\/missing-alt\/: error: image-alt \(critical, desktop\): Images must have alternative text: img \(/m,
    );
    assert.match(
      report,
      /^\/broken-site\/missing-alt\/: error: image-alt \(critical, 320px wide\): Images must have alternative text: img \(/m,
    );
  });

  it("fails low-contrast text, naming the page, the rule and the element", () => {
    assert.match(
      report,
      /^\/broken-site\/low-contrast\/: error: color-contrast \(serious, desktop\): .*contrast.*: p \(/m,
    );
  });

  it("reports nothing against the page that is fine", () => {
    assert.doesNotMatch(report, /^\/broken-site\/: /m);
  });
});
