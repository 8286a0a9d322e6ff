import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import { buildInProcess, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

const siteJson = (extra: object) =>
  JSON.stringify({
    organisationName: "Gardens Office",
    serviceName: "Garden manual",
    url: "https://gardens.example",
    repository: { url: "https://github.com/gardens/manual" },
    navigation: [{ text: "Beds", href: "/beds/" }],
    ...extra,
  });

const PAGES = {
  "beds/index.md": "---\ntitle: Beds\n---\n\nAbout beds.\n",
  // A heading whose id would be the banner's, were it not chosen clear of the page's own.
  "beds/raised.md":
    "---\ntitle: Raised beds\n---\n\n## Site notification banner title\n\nThe heading above has the id the banner would want.\n",
  "pots.md": "---\ntitle: Pots\n---\n\nAbout pots.\n",
};

async function build(name: string, extra: object, pathPrefix?: string): Promise<string> {
  const site = path.join(testOutputDir, `${name}-site`);
  const built = await buildInProcess({
    CONTENT_DIR: makeContentDir(name, { ...PAGES, "_data/site.json": siteJson(extra) }),
    OUTPUT_DIR: site,
    ...(pathPrefix ? { PATH_PREFIX: pathPrefix } : {}),
  });
  assert.equal(built.code, 0, built.stderr);
  return site;
}

const ids = ($: CheerioAPI) =>
  $("[id]")
    .map((_, element) => $(element).attr("id"))
    .get();

describe("the phase banner, notification banner and feedback links, under a path prefix", () => {
  let site: string;
  before(async () => {
    site = await build(
      "banners",
      {
        phase: "beta",
        feedback: { pageUseful: true },
        notificationBanner: {
          title: "Planting week",
          html: '<p class="govuk-notification-banner__heading">Beds are being replanted. <a class="govuk-notification-banner__link" href="/pots/">Use pots meanwhile</a>.</p>',
          section: "/beds",
        },
      },
      "/manual/",
    );
  });

  it("puts the beta phase banner inside the header, after the navigation, with a feedback link naming the page", () => {
    const $ = readPage(site, "/pots/");
    const banner = $("header.govuk-template__header > .govuk-phase-banner");
    assert.equal(banner.length, 1);
    assert.ok(banner.prevAll(".govuk-service-navigation").length, "after the navigation bar");
    assert.equal(banner.find(".govuk-tag").text().trim(), "Beta");
    const link = new URL(banner.find("a").attr("href")!);
    assert.equal(link.origin + link.pathname, "https://github.com/gardens/manual/issues/new");
    assert.match(link.searchParams.get("body")!, /Address: https:\/\/gardens\.example\/manual\/pots\/\n/);
    assert.equal(readPage(site, "/search/")(".govuk-phase-banner").length, 1, "on the site's own pages too");
  });

  it("opens the main content with the notification banner on pages under its section only, before the h1", () => {
    const $ = readPage(site, "/beds/");
    const banner = $("main > .govuk-grid-row:first-child .govuk-notification-banner");
    assert.equal(banner.length, 1);
    assert.equal(banner.find(".govuk-notification-banner__title").text().trim(), "Planting week");
    assert.equal(banner.find(".govuk-notification-banner__link").attr("href"), "/manual/pots/");
    assert.equal($("h1").length, 1, "the banner's heading is an h2, so the title stays the only h1");
    assert.equal(banner.find(".govuk-notification-banner__title").prop("tagName"), "H2");
    const all = $("main *").toArray();
    assert.ok(all.indexOf(banner[0]) < all.indexOf($("h1")[0]));
    assert.equal(readPage(site, "/pots/")(".govuk-notification-banner").length, 0);
    assert.equal(readPage(site, "/")(".govuk-notification-banner").length, 0);
  });

  it("names the banner's region by a heading id no other element on the page has", () => {
    const $ = readPage(site, "/beds/raised/");
    const region = $(".govuk-notification-banner");
    const titleId = region.attr("aria-labelledby")!;
    assert.equal($(`#${titleId}`).text().trim(), "Planting week");
    assert.equal($("h2#site-notification-banner-title").text().trim(), "Site notification banner title");
    assert.notEqual(titleId, "site-notification-banner-title");
    const every = ids($);
    assert.deepEqual(
      every.filter((id, index) => every.indexOf(id) !== index),
      [],
      "no id twice",
    );
  });

  it("closes every content page's main content with the useful question and the report link, both naming the page", () => {
    const $ = readPage(site, "/beds/raised/");
    const feedback = $("main > .app-page-feedback");
    assert.equal(feedback.length, 1);
    assert.equal(feedback.find("h2").text().trim(), "Is this page useful?");
    const [yes, no] = feedback
      .find(".app-page-feedback__answers a")
      .toArray()
      .map((a) => new URL($(a).attr("href")!));
    assert.equal(yes.searchParams.get("title"), "Useful: “Raised beds”");
    assert.equal(no.searchParams.get("title"), "Not useful: “Raised beds”");
    const report = feedback.find("a:contains('Report a problem with this page')");
    const url = new URL(report.attr("href")!);
    assert.equal(url.searchParams.get("title"), "Problem with the page “Raised beds”");
    assert.match(url.searchParams.get("body")!, /Address: https:\/\/gardens\.example\/manual\/beds\/raised\/\n/);
    assert.equal(readPage(site, "/search/")(".app-page-feedback").length, 0, "the site's own pages have none");
  });

  it("styles what it draws: the stylesheet has the phase banner's, the notification banner's and the feedback's rules", async () => {
    const { readFileSync } = await import("node:fs");
    const css = readFileSync(path.join(site, "assets", "css", "defra.css"), "utf8");
    for (const selector of [".govuk-phase-banner", ".govuk-notification-banner", ".app-page-feedback"])
      assert.ok(css.includes(selector), selector);
  });
});

describe("the banners a site leaves out, at the root", () => {
  it("draws no phase banner, notification banner or feedback links without their settings, and a mailto with an email", async () => {
    const bare = await build("banners-bare", {});
    const $ = readPage(bare, "/beds/");
    assert.equal($(".govuk-phase-banner, .govuk-notification-banner, .app-page-feedback").length, 0);
    const mailed = await build("banners-mail", { feedback: { email: "beds@gardens.example" }, phase: "alpha" });
    const page = readPage(mailed, "/pots/");
    const report = page(".app-page-feedback a").attr("href")!;
    assert.match(report, /^mailto:beds@gardens\.example\?subject=/);
    assert.match(decodeURIComponent(report), /Address: https:\/\/gardens\.example\/pots\//);
    assert.equal(page(".app-page-feedback h2").length, 0, "no useful question unless asked for");
    assert.equal(page(".govuk-phase-banner .govuk-tag").text().trim(), "Alpha");
    assert.match(page(".govuk-phase-banner a").attr("href")!, /^mailto:beds@gardens\.example\?subject=Feedback/);
  });
});
