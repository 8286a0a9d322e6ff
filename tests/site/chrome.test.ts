import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import { interruptionPageUrl } from "../../lib/model/interruption-pages.ts";
import { buildInProcess, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

// An invented organisation and logo: the header, navigation bars, breadcrumbs, title and footer as the
// Defra service manual's layouts draw them, built the real way under a path prefix.
const INTERNAL = "https://plans.intranet.example/board";
const SITE = {
  brand: "defra",
  organisationName: "Ministry of Examples",
  serviceName: "Example manual",
  url: "https://manual.example",
  logo: { src: "/public/brand/crest.svg", alt: "" },
  navigation: [
    { text: "Guides", href: "/guides" },
    { text: "Help", href: "/help/" },
  ],
  serviceNavigation: [
    { text: "Home", href: "/" },
    { text: "Help", href: "/help/" },
  ],
  breadcrumbTrail: [{ text: "Example hub", href: "/" }],
  footerLinks: [
    { text: "Privacy", href: "https://privacy.example/notice" },
    { text: "Accessibility statement", href: "/help/" },
  ],
  maintainedBy: 'Kept up to date by the examples team. <a href="mailto:team@manual.example">Write to us</a>.',
  internalDomains: ["intranet.example"],
};
const FILES: Record<string, string> = {
  "_data/site.json": JSON.stringify(SITE, null, 2),
  "public/brand/crest.svg":
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123456"/></svg>\n',
  "index.md": "---\ntitle: Example manual\n---\n\nWelcome.\n",
  "guides/index.md": "---\ntitle: Guides\npageTitle: Every guide\n---\n\nGuides.\n",
  "guides/planning.md": `---\ntitle: Planning\n---\n\nSee [the board](${INTERNAL}).\n`,
  "guides/own-links.md":
    "---\ntitle: Own links\nshowMainNavigation: false\ncustomNav:\n  - text: Planning\n    href: /guides/planning\n---\n\nText.\n",
  "help/index.md":
    "---\ntitle: Help\nshowMainNavigation: false\nlayout: section\nsectionTitle: Getting help\n---\n\nText.\n",
  "help/quiet.md":
    "---\ntitle: Quiet\nhideServiceNavigation: true\nheaderServiceName: Quiet corner\nbreadcrumbs:\n  - text: Help\n    href: /help\n---\n\nText.\n",
};

let site: string;
let page: (url: string) => CheerioAPI;
before(async () => {
  const contentDir = makeContentDir("chrome", FILES);
  const outputDir = path.join(testOutputDir, "chrome-site");
  const result = await buildInProcess({ CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir, PATH_PREFIX: "/manual/" });
  assert.equal(result.code, 0, result.stderr);
  site = outputDir;
  page = (url) => readPage(site, url);
});

describe("the header", () => {
  it("shows the organisation's logo, the service name with the organisation before it for screen readers, and search", () => {
    const $ = page("/guides/");
    const header = $("header.govuk-template__header .app-site-header");
    assert.equal(header.attr("aria-label"), "Service information");
    const logo = header.find("img.app-site-header__logo");
    assert.equal(logo.attr("src"), "/manual/public/brand/crest.svg");
    assert.equal(logo.attr("alt"), "");
    assert.ok(existsSync(path.join(site, "public", "brand", "crest.svg")));
    assert.equal(header.find(".app-site-header__logotype").length, 0);
    const name = header.find(".govuk-service-navigation__service-name a");
    assert.equal(name.attr("href"), "/manual/");
    assert.equal(name.text().replace(/\s+/g, " ").trim(), "Ministry of Examples: Example manual");
    assert.equal(name.find(".govuk-visually-hidden").text(), "Ministry of Examples: ");
    const form = header.find("form[role=search]");
    assert.equal(form.attr("method"), "get");
    assert.equal(form.find("input[type=search]").attr("name"), "q");
    assert.ok(form.is("[data-app-site-search]"), "the script points the form at the search page");
    assert.ok(existsSync(path.join(site, "search", "index.html")));
  });

  it("takes a page's own service name, and keeps it when the page hides the navigation bar", () => {
    const $ = page("/help/quiet/");
    assert.match($(".app-site-header .govuk-service-navigation__service-name").text(), /Quiet corner/);
    assert.equal($("nav.govuk-service-navigation__wrapper").length, 0);
  });
});

describe("the navigation bar", () => {
  const bar = ($: CheerioAPI) => $("header nav.govuk-service-navigation__wrapper");
  const links = ($: CheerioAPI) =>
    bar($)
      .find("a")
      .map(
        (_, link) =>
          `${$(link).text().trim()}${$(link).attr("aria-current") ? `[${$(link).attr("aria-current")}]` : ""}`,
      )
      .get();

  it("is the main navigation by default, marking the section of the page and the page itself", () => {
    assert.equal(bar(page("/guides/")).attr("aria-label"), "Main navigation");
    assert.deepEqual(links(page("/guides/")), ["Guides[page]", "Help"]);
    assert.deepEqual(links(page("/guides/planning/")), ["Guides[true]", "Help"]);
  });

  it("is the page's own links when it turns the main navigation off, else the site's service navigation", () => {
    assert.equal(bar(page("/guides/own-links/")).attr("aria-label"), "Service navigation");
    assert.deepEqual(links(page("/guides/own-links/")), ["Planning"]);
    assert.equal(bar(page("/help/")).attr("aria-label"), "Service navigation");
    assert.deepEqual(links(page("/help/")), ["Home", "Help[page]"], "the home link is marked only on the home page");
  });

  it("has a Menu button for small screens that stays hidden until the script shows it, so the links work without it", () => {
    const nav = bar(page("/guides/"));
    const toggle = nav.find("button.govuk-service-navigation__toggle");
    assert.equal(toggle.attr("aria-controls"), nav.find("ul").attr("id"));
    assert.ok(toggle.is("[hidden]"));
    assert.equal(nav.find("ul").is("[hidden]"), false);
  });
});

describe("breadcrumbs and titles", () => {
  const crumbs = ($: CheerioAPI) =>
    $(".govuk-breadcrumbs__list-item")
      .map(
        (_, item) =>
          `${$(item).text().trim()}${$(item).find("a").attr("href") ? ` ${$(item).find("a").attr("href")}` : ""}`,
      )
      .get();

  it("puts the site's trail before the page's title, a section page's sectionTitle, or the page's own", () => {
    assert.deepEqual(crumbs(page("/guides/planning/")), ["Example hub /manual/", "Planning"]);
    assert.deepEqual(crumbs(page("/help/")), ["Example hub /manual/", "Getting help"]);
    assert.deepEqual(crumbs(page("/help/quiet/")), ["Help /manual/help/"]);
  });

  it("titles pages 'page | service', with pageTitle over title, and the home page once", () => {
    assert.equal(page("/guides/")("title").text(), "Every guide | Example manual");
    assert.equal(page("/guides/planning/")("title").text(), "Planning | Example manual");
    assert.equal(page("/help/quiet/")("title").text(), "Quiet | Quiet corner");
    assert.equal(page("/")("title").text(), "Example manual");
  });
});

describe("the footer", () => {
  it("has the site's links, the maintained-by line with its link, and the Open Government Licence", () => {
    const footer = page("/guides/")("footer .govuk-footer.app-footer");
    assert.deepEqual(
      footer
        .find(".govuk-footer__inline-list a")
        .map((_, link) => footer.find(link).attr("href"))
        .get(),
      ["https://privacy.example/notice", "/manual/help/"],
    );
    assert.match(footer.find(".app-footer__maintained-by").text(), /Kept up to date by the examples team/);
    assert.equal(footer.find(".app-footer__maintained-by a").attr("href"), "mailto:team@manual.example");
    assert.match(footer.find(".govuk-footer__licence-description").text(), /Open Government Licence v3\.0/);
    assert.equal(footer.find(".govuk-footer__crown").length, 0, "no crown off GOV.UK");
  });
});

describe("the page before a link to an internal service", () => {
  const url = interruptionPageUrl(INTERNAL);

  it("is where the page's link leads, under the prefix", () => {
    const $ = page("/guides/planning/");
    assert.equal($("main a:contains('the board')").attr("href"), `/manual${url}`);
  });

  it("says where the reader is going, continues to the target and leads back to the linking page", () => {
    const $ = page(url);
    assert.equal($("h1").text().trim(), "You are going to an internal service");
    assert.equal($("title").text(), "You are going to an internal service | Example manual");
    const button = $("a.govuk-button");
    assert.equal(button.text().replace(/\s+/g, " ").trim(), "Continue (opens in new tab)");
    assert.equal(button.attr("href"), INTERNAL);
    assert.equal($(".govuk-back-link").attr("href"), "/manual/guides/planning/");
    assert.equal($('meta[name="robots"]').attr("content"), "noindex");
    assert.equal($("script:not([src])").length, 1, "only GOV.UK's js-enabled line, as on every page");
  });

  it("is left out of the sitemap, the feed and the search index", () => {
    const sitemap = readFileSync(path.join(site, "sitemap.xml"), "utf8");
    assert.match(sitemap, /guides\/planning\//);
    assert.doesNotMatch(sitemap, /interruption/);
    assert.doesNotMatch(readFileSync(path.join(site, "feed.xml"), "utf8"), /interruption/);
    const entry = JSON.parse(readFileSync(path.join(site, "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    assert.equal(entry.languages.en.page_count, 6, "the index holds the six content pages only");
  });
});

describe("a site without a logo or header search", () => {
  it("shows the organisation's name as a text logotype and no search box", async () => {
    const contentDir = makeContentDir("chrome-plain", {
      "_data/site.json": JSON.stringify({ ...SITE, logo: undefined, headerSearch: false }),
      "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
    });
    const outputDir = path.join(testOutputDir, "chrome-plain-site");
    const result = await buildInProcess({ CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir });
    assert.equal(result.code, 0, result.stderr);
    const $ = readPage(outputDir, "/");
    assert.equal($(".app-site-header img").length, 0);
    assert.equal($(".app-site-header .app-site-header__logotype").text(), "Ministry of Examples");
    assert.equal($("header form").length, 0);
  });

  it("refuses a logo that is not in content/public, naming site.json's line and field", async () => {
    const contentDir = makeContentDir("chrome-missing-logo", {
      "_data/site.json": JSON.stringify({ ...SITE, logo: { src: "/public/brand/gone.svg" } }, null, 2),
      "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
    });
    const result = await buildInProcess({
      CONTENT_DIR: contentDir,
      OUTPUT_DIR: path.join(testOutputDir, "chrome-missing-logo-site"),
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /_data\/site\.json:7: error: logo\.src: `\/public\/brand\/gone\.svg` is not in content\/public\//,
    );
  });
});
