import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { load, type CheerioAPI } from "cheerio";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { pageScript, projectRoot, readPage, standardSite } from "../helpers/built-site.ts";
import { gateOnStandardSite } from "../helpers/shared-fixture-builds.ts";

// The findability fixture site is built under PATH_PREFIX=/manual/ with SITE_TODAY=2026-01-15.
const PREFIX = "/manual/";
const ORIGIN = "https://manual.example.gov.uk";

let site: string;
const page = (url: string) => readPage(site, url);
const text = ($: CheerioAPI, selector: string) => $(selector).text().replace(/\s+/g, " ").trim();
const crumbs = ($: CheerioAPI) =>
  $(".govuk-breadcrumbs__list-item")
    .map((_, item) => [[$(item).text().trim(), $(item).find("a").attr("href") ?? null]])
    .get();

before(async () => {
  site = await standardSite("findability");
});

describe("breadcrumbs from the content tree", () => {
  it("follow the URL's ancestry, titled from each ancestor page, when front matter gives none", () => {
    assert.deepEqual(crumbs(page("/guides/advanced/deep-dive/")), [
      ["Home", PREFIX],
      ["Guides", `${PREFIX}guides/`],
      ["Advanced guides", `${PREFIX}guides/advanced/`],
    ]);
  });

  it("give way to breadcrumbs written in front matter", () => {
    assert.deepEqual(crumbs(page("/reference/")), [
      ["Home", PREFIX],
      ["Everything we know", `${PREFIX}guides/`],
    ]);
  });
});

describe("child listings", () => {
  it("list a section's pages by order, then title, and leave drafts out", () => {
    const $ = page("/guides/");
    assert.deepEqual(
      $(".app-child-list__item a")
        .map((_, a) => $(a).text())
        .get(),
      ["Zebra crossings", "Writing guidance", "Accessibility basics", "Advanced guides", "Budgets"],
    );
  });
});

describe("previous and next links", () => {
  const links = ($: CheerioAPI) => ({
    previous: $(".govuk-pagination__prev a").attr("href") ?? null,
    next: $(".govuk-pagination__next a").attr("href") ?? null,
    labels: $(".govuk-pagination__link-label")
      .map((_, label) => $(label).text().trim())
      .get(),
  });

  it("run through a section that asks for them, from its index page in listing order", () => {
    assert.deepEqual(links(page("/guides/")), {
      previous: null,
      next: `${PREFIX}guides/zebra-crossings/`,
      labels: ["Zebra crossings"],
    });
    assert.deepEqual(links(page("/guides/zebra-crossings/")), {
      previous: `${PREFIX}guides/`,
      next: `${PREFIX}guides/writing-guidance/`,
      labels: ["Guides", "Writing guidance"],
    });
    assert.deepEqual(links(page("/guides/writing-guidance/")), {
      previous: `${PREFIX}guides/zebra-crossings/`,
      next: `${PREFIX}guides/accessibility-basics/`,
      labels: ["Zebra crossings", "Accessibility basics"],
    });
    assert.deepEqual(links(page("/guides/budgets/")), {
      previous: `${PREFIX}guides/advanced/`,
      next: null,
      labels: ["Advanced guides"],
    });
  });

  it("use GOV.UK Frontend's pagination component", () => {
    const $ = page("/guides/writing-guidance/");
    assert.equal($("nav.govuk-pagination.govuk-pagination--block").length, 1);
    assert.equal($(".govuk-pagination__prev a").attr("rel"), "prev");
  });

  it("are absent where the section does not ask for them", () => {
    for (const url of ["/reference/", "/reference/long-page/", "/guides/advanced/deep-dive/", "/"]) {
      assert.equal(page(url)(".govuk-pagination").length, 0, url);
    }
  });
});

describe("contents lists", () => {
  const contents = (url: string) => {
    const $ = page(url);
    return $("nav.app-contents-list a")
      .map((_, a) => [[$(a).text(), $(a).attr("href")]])
      .get();
  };

  it("open a page with 3 or more h2s, listing only the h2s, linked to their ids", () => {
    const $ = page("/reference/long-page/");
    assert.equal(text($, ".app-contents-list__title"), "Contents");
    assert.equal($("nav.app-contents-list").attr("aria-label"), "Contents");
    assert.deepEqual(contents("/reference/long-page/"), [
      ["First part", "#first-part"],
      ["Second part", "#second-part"],
      ["Third part", "#third-part"],
      ["Fourth part", "#fourth-part"],
    ]);
    for (const id of ["first-part", "second-part", "third-part", "fourth-part"])
      assert.equal($(`main h2#${id}`).length, 1, id);
    assert.ok(
      $("main *").index($("nav.app-contents-list")) < $("main *").index($("main h2#first-part")),
      "the list comes before the first section",
    );
  });

  it("are left out of shorter pages, unless front matter turns them on", () => {
    assert.deepEqual(contents("/reference/short-page/"), []);
    assert.deepEqual(contents("/reference/contents-on/"), [
      ["Alpha", "#alpha"],
      ["Beta", "#beta"],
    ]);
  });

  it("are left out of long pages whose front matter turns them off", () => {
    assert.deepEqual(contents("/reference/contents-off/"), []);
  });
});

describe("review dates (today is 15 January 2026)", () => {
  const note = (url: string) => text(page(url), ".app-page-meta p:not(:has(a))");

  it("say when the page was reviewed, when it is due and by whom, as static text", () => {
    assert.equal(
      note("/reference/current-page/"),
      "This page was last reviewed on 1 December 2025. It needs to be reviewed again on 1 December 2026 by Head of Product.",
    );
    assert.equal(
      note("/reference/due-today-page/"),
      "This page was last reviewed on 1 January 2026. It needs to be reviewed again on 15 January 2026.",
    );
    assert.equal(page("/reference/current-page/")(".app-page-meta time").first().attr("datetime"), "2025-12-01");
  });

  it("warn with GOV.UK's warning text when a review is overdue, and not before", () => {
    const $ = page("/reference/overdue-page/");
    assert.equal(
      text($, "main .govuk-warning-text__text"),
      "Warning This page was due to be reviewed on 10 July 2025. Some of it may be out of date.",
    );
    assert.equal(
      note("/reference/overdue-page/"),
      "This page was last reviewed on 10 January 2025. It was due to be reviewed again on 10 July 2025 by Content design team.",
    );
    for (const url of [
      "/reference/current-page/",
      "/reference/due-soon-page/",
      "/reference/due-today-page/",
      "/reference/long-page/",
    ]) {
      assert.equal(page(url)(".govuk-warning-text").length, 0, url);
    }
  });

  it("are left out of pages that give no review date", () => {
    assert.equal(note("/reference/long-page/"), "");
  });
});

describe("edit links", () => {
  it("lead to the page's source on GitHub, from the site's repository setting", () => {
    const $ = page("/guides/budgets/");
    const link = $('.app-page-meta a[href^="https://github.com/"]');
    assert.equal(
      link.attr("href"),
      "https://github.com/DEFRA/service-manual/edit/main/tests/fixtures/findability/guides/budgets.md",
    );
    assert.equal(text($, '.app-page-meta a[href^="https://github.com/"]'), "Edit this page (Budgets) on GitHub");
  });
});

describe("drafts", () => {
  it("are not published by a production build", () => {
    assert.equal(existsSync(path.join(site, "guides/secret-plans")), false);
    assert.doesNotMatch(readFileSync(path.join(site, "sitemap.xml"), "utf8"), /secret-plans/);
    assert.doesNotMatch(readFileSync(path.join(site, "a-to-z/index.html"), "utf8"), /Secret plans/);
  });
});

describe("sitemap.xml", () => {
  const locs = () =>
    load(readFileSync(path.join(site, "sitemap.xml"), "utf8"), { xml: true })("url > loc")
      .map((_, loc) => load(loc).text())
      .get();

  it("has one absolute URL, with the prefix, for every page, and none for redirects or drafts", () => {
    const urls = locs();
    assert.equal(new Set(urls).size, urls.length, "no duplicates");
    for (const url of [
      "",
      "guides/",
      "guides/zebra-crossings/",
      "guides/advanced/deep-dive/",
      "reference/",
      "reference/moved-page/",
      "a-to-z/",
      "tags/",
      "tags/money/",
    ]) {
      assert.ok(urls.includes(`${ORIGIN}${PREFIX}${url}`), url);
    }
    assert.equal(
      urls.filter((url) => !/\/(a-to-z|tags|accessibility-statement|cookies|privacy|content-health)\//.test(url))
        .length,
      18,
      "one per content page",
    );
    for (const url of urls) assert.ok(url.startsWith(`${ORIGIN}${PREFIX}`), url);
    assert.deepEqual(
      urls.filter((url) => /old|legacy|secret|search|404/.test(url)),
      [],
    );
  });

  it("gives the date a page last changed, where it says", () => {
    const xml = load(readFileSync(path.join(site, "sitemap.xml"), "utf8"), { xml: true });
    const entry = xml("url").filter(
      (_, url) => xml(url).find("loc").text() === `${ORIGIN}${PREFIX}guides/zebra-crossings/`,
    );
    assert.equal(entry.find("lastmod").text(), "2025-09-15");
  });
});

describe("robots.txt", () => {
  it("points at the sitemap's absolute URL", () => {
    assert.match(
      readFileSync(path.join(site, "robots.txt"), "utf8"),
      new RegExp(`^Sitemap: ${ORIGIN}${PREFIX}sitemap\\.xml$`, "m"),
    );
  });
});

describe("the Atom feed", () => {
  const feed = () => load(readFileSync(path.join(site, "feed.xml"), "utf8"), { xml: true });

  it("lists the dated pages, newest change first, with absolute links", () => {
    const $ = feed();
    assert.deepEqual(
      $("entry > title")
        .map((_, title) => $(title).text())
        .get(),
      ["Zebra crossings", "Writing guidance", "Fixture manual"],
    );
    const first = $("entry").first();
    assert.equal(first.find("link").attr("href"), `${ORIGIN}${PREFIX}guides/zebra-crossings/`);
    assert.equal(first.find("updated").text(), "2025-09-15T00:00:00.000Z");
    assert.equal(first.find("published").text(), "2025-03-01T00:00:00.000Z");
    assert.equal(first.find("summary").text(), "Comes first because its order is 1.");
    assert.equal($("feed > updated").text(), "2025-09-15T00:00:00.000Z");
    assert.equal($('feed > link[rel="self"]').attr("href"), `${ORIGIN}${PREFIX}feed.xml`);
  });

  it("is linked from every page's head", () => {
    assert.equal(
      page("/guides/")('link[rel="alternate"][type="application/atom+xml"]').attr("href"),
      `${PREFIX}feed.xml`,
    );
  });
});

describe("redirects for moved pages", () => {
  for (const [oldPath, file] of [
    ["/old/moved-page/", "old/moved-page/index.html"],
    ["/legacy", "legacy/index.html"],
    ["/old-page.html", "old-page.html"],
  ]) {
    it(`send ${oldPath} on with a meta refresh and a link, kept out of search engines`, () => {
      const $ = load(readFileSync(path.join(site, file), "utf8"));
      assert.equal($('meta[http-equiv="refresh"]').attr("content"), `0; url=${PREFIX}reference/moved-page/`);
      assert.equal(
        $("main a[href]")
          .filter((_, a) => $(a).attr("href") === `${PREFIX}reference/moved-page/`)
          .text(),
        "Moved page",
      );
      assert.equal($('meta[name="robots"]').attr("content"), "noindex");
      assert.equal($('link[rel="canonical"]').attr("href"), `${ORIGIN}${PREFIX}reference/moved-page/`);
    });
  }
});

describe("tag pages", () => {
  it("list each tag's pages by title, merging tags written differently", () => {
    const $ = page("/tags/planning/");
    assert.equal(text($, "h1"), "Pages tagged ‘Planning’");
    assert.deepEqual(
      $(".app-child-list a")
        .map((_, a) => $(a).attr("href"))
        .get(),
      [`${PREFIX}guides/budgets/`, `${PREFIX}guides/zebra-crossings/`],
    );
  });

  it("are listed on /tags/ with their page counts", () => {
    const $ = page("/tags/");
    assert.deepEqual(
      $("main li")
        .map((_, li) => $(li).text().replace(/\s+/g, " ").trim())
        .get(),
      ["Money (2 pages)", "Planning (2 pages)"],
    );
  });

  it("are linked from the pages that carry the tag", () => {
    const $ = page("/guides/budgets/");
    assert.deepEqual(
      $(".app-page-meta a[href*='/tags/']")
        .map((_, a) => $(a).attr("href"))
        .get(),
      [`${PREFIX}tags/money/`, `${PREFIX}tags/planning/`],
    );
  });
});

describe("the A to Z", () => {
  it("lists every page with its title and description, under its first letter", () => {
    const $ = page("/a-to-z/");
    const items = $(".app-a-to-z__item");
    assert.equal(items.length, 18);
    const budgets = items.filter((_, item) => $(item).find("a").text() === "Budgets");
    assert.equal(budgets.find("a").attr("href"), `${PREFIX}guides/budgets/`);
    assert.equal(budgets.find("p").text(), "No order; last by title.");
    assert.deepEqual(
      $("h2.app-a-to-z__letter")
        .map((_, h) => $(h).text())
        .get(),
      ["A", "B", "C", "D", "F", "G", "L", "M", "O", "R", "S", "W", "Z"],
    );
  });
});

describe("the 404 page under a prefix", () => {
  it("is GOV.UK's 'Page not found' pattern, with absolute prefixed URLs so it works at any depth", () => {
    const $ = load(readFileSync(path.join(site, "404.html"), "utf8"));
    assert.equal(text($, "h1"), "Page not found");
    assert.equal($("title").text(), "Page not found | Findability fixture manual");
    assert.match(text($, "main"), /If you typed the web address, check it is correct\./);
    assert.equal($('link[rel="stylesheet"]').attr("href"), `${PREFIX}assets/css/defra.css`);
    assert.match(
      $('script[type="module"]').attr("src")!,
      new RegExp(`^${PREFIX}assets/js/application-[0-9a-f]+\\.js$`),
    );
    $("[href], [src], [action]").each((_, element) => {
      const url = $(element).attr("href") ?? $(element).attr("src") ?? $(element).attr("action")!;
      assert.ok(url.startsWith(PREFIX) || url.startsWith("#") || /^https:\/\//.test(url), url);
    });
    assert.equal($('meta[name="robots"]').attr("content"), "noindex");
  });
});

describe("the search form", () => {
  it("is in the header on every page, leading to the search page with or without JavaScript", () => {
    for (const url of ["/", "/guides/budgets/", "/a-to-z/"]) {
      const form = page(url)("header .app-site-header form.app-site-search");
      assert.equal(form.length, 1, url);
      assert.equal(form.attr("action"), `${PREFIX}search/`);
      assert.equal(form.attr("method"), "get");
      assert.equal(form.find('input[type="search"][name="q"]').attr("id"), form.find("label").attr("for"));
      assert.equal(form.find("label").text().trim(), "Search this manual");
      assert.equal(form.find("button.govuk-button").text().trim(), "Search");
    }
  });

  it("leaves the search page open to search engines, with one canonical address for every query", () => {
    const $ = page("/search/");
    assert.equal($('meta[name="robots"]').length, 0);
    assert.equal($('link[rel="canonical"]').attr("href"), `${ORIGIN}${PREFIX}search/`);
    assert.equal($('meta[name="description"]').attr("content"), "Search the pages of this manual.");
  });

  it("sends search's results code only to the search page, in that page's one script", () => {
    const searchPage = pageScript(site, page("/search/"), PREFIX);
    assert.equal(searchPage.tags, 1, "one script, not a second beside the page's bundle");
    assert.match(searchPage.src, new RegExp(`^${PREFIX}assets/js/application-[0-9a-f]+\\.js$`));
    assert.match(searchPage.code, /data-app-search-results/);
    assert.match(searchPage.code, /pagefind\.js/, "the results code loads Pagefind when it searches");
    // The stylesheet holds the place of the script's first words, wrapped as they will be, so nothing moves when they come.
    const prompt = /"(Enter a word or phrase to search this manual\.)"/.exec(searchPage.code)?.[1];
    assert.ok(prompt, "the script's first words");
    assert.ok(
      readFileSync(path.join(site, "assets", "css", "defra.css"), "utf8").includes(`content:"${prompt}"`),
      "the stylesheet reserves the same words",
    );
    const otherPage = pageScript(site, page("/guides/budgets/"), PREFIX);
    assert.ok(otherPage.code, "the guide page has a script");
    assert.doesNotMatch(otherPage.code, /data-app-search-results/);
  });
});

describe("'Last updated' without a date in front matter", () => {
  it("falls back to the page's last commit, read from git for the whole content folder at once", async (t) => {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: projectRoot, encoding: "utf8" }).trim();
    if (git("rev-parse", "--is-shallow-repository") === "true")
      return t.skip("a shallow clone has no history to read the date from");
    const committed = git("log", "-1", "--format=%cI", "--", "content/delivery-groups/index.md");
    assert.ok(committed, "the page is committed");
    const $ = readPage(await standardSite("root"), "/delivery-groups/");
    const expected = new Date(committed).toISOString().slice(0, 10);
    assert.equal($(".app-page-history time").attr("datetime"), expected);
    assert.match(text($, ".app-page-history"), /^Last updated \d{1,2} \w+ \d{4}$/);
  });
});

describe("the generated pages (redirects, tags, A to Z, search, 404) under a prefix", () => {
  it("pass the HTML and link gates, as the content pages do", async () => {
    // tests/model/content-health.test.ts reads the same link gate run.
    for (const gate of ["html", "links"] as const) {
      const { findings, summary } = await gateOnStandardSite("findability", gate);
      assert.equal(formatDiagnostics(findings), "", summary);
    }
  });
});
