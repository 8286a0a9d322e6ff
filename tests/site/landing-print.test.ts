import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildInProcess, projectRoot, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, printedDiagnostics } from "../helpers/content-dir.ts";
import { fixtureBuild } from "../helpers/shared-fixture-builds.ts";

/** A small garden manual: a landing home page, a section that asks to print, and related links. */
export const LANDING_PRINT_CONTENT = path.join(projectRoot, "tests/fixtures/landing-print");

// tests/browser/print.test.ts reads the same build under the prefix.
async function build(pathPrefix: string): Promise<string> {
  const built = await fixtureBuild(path.basename(LANDING_PRINT_CONTENT), pathPrefix);
  assert.equal(built.code, 0, built.stderr);
  return built.siteDir;
}

for (const [label, prefix] of [
  ["at the root", "/"],
  ["under a path prefix", "/manual/"],
] as const) {
  describe(`landing cards, related links and a section's print page, ${label}`, () => {
    let site: string;
    const at = (url: string) => `${prefix.replace(/\/$/, "")}${url}`;
    before(async () => {
      site = await build(prefix);
    });

    it("makes the hub home page a landing page: a card per top-level page, in listing order, each one link under an h2", () => {
      const $ = readPage(site, "/");
      const cards = $("#main-content .app-link-cards__card");
      assert.deepEqual(cards.map((_, card) => $(card).find("h2 a").text()).get(), ["Beds", "Pots"]);
      cards.each((_, card) => assert.equal($(card).find("a").length, 1, "each card is one link"));
      assert.deepEqual(
        cards
          .find("a")
          .map((_, a) => $(a).attr("href"))
          .get(),
        [at("/beds/"), at("/pots/")],
      );
      assert.equal(cards.first().find(".app-link-cards__description").text(), "Planting and keeping beds.");
      assert.equal($(".app-child-list").length, 0, "the cards are not listed a second time");
      assert.equal($(".app-hub-cards").length, 0);
      const levels = $("#main-content :header")
        .map((_, heading) => Number(heading.tagName.slice(1)))
        .get();
      assert.equal(levels[0], 1);
      levels.forEach((level, index) => index && assert.ok(level <= levels[index - 1] + 1, "headings in order"));
    });

    it("draws related links in a one-third column beside a two-thirds page, as real links with the prefix", () => {
      const $ = readPage(site, "/beds/");
      const aside = $(".govuk-grid-column-one-third > aside.app-related-links");
      assert.equal(aside.length, 1);
      assert.equal(aside.attr("aria-labelledby"), aside.find("h2").attr("id"));
      assert.equal(aside.find("h2").text(), "Related content");
      assert.deepEqual(
        aside
          .find("a.govuk-link")
          .map((_, a) => $(a).attr("href"))
          .get(),
        [at("/pots/"), "https://www.rhs.org.uk/"],
      );
      assert.ok(aside.closest(".govuk-grid-row").find(".govuk-grid-column-two-thirds h1").length, "beside the content");
    });

    it("groups related links under their titles, and draws them after the content on a section page", () => {
      const sunken = readPage(site, "/beds/sunken/");
      assert.equal(sunken(".app-related-links h3").text(), "Elsewhere in the manual");
      assert.equal(sunken(".app-related-links a").attr("href"), at("/beds/raised/"), "written without its slash");
      const pots = readPage(site, "/pots/");
      const all = pots("h1, .app-related-links").toArray();
      assert.equal(all[0].tagName, "h1", "the aside's h2 follows the h1");
      assert.equal(pots(".govuk-grid-column-one-third .app-related-links").length, 1);
    });

    it("links every page of the section to its print page, and no page outside it", () => {
      for (const url of ["/beds/", "/beds/raised/", "/beds/herbs/", "/beds/herbs/mint/"]) {
        const link = readPage(site, url)(".app-print-link a");
        assert.equal(link.attr("href"), at("/beds/print/"), url);
        assert.equal(link.text(), "View a printable version of the whole section");
      }
      assert.equal(readPage(site, "/pots/")(".app-print-link").length, 0);
    });

    it("prints the whole section on one page, each page in listing order under its title as an h2", () => {
      const $ = readPage(site, "/beds/print/");
      assert.equal($("h1").text(), "Beds");
      assert.deepEqual(
        $(".app-print-section__title")
          .map((_, heading) => $(heading).text())
          .get(),
        ["Beds", "Raised beds", "Sunken beds", "Herb beds", "Mint"],
      );
      assert.ok(
        $(".app-print-section__title")
          .toArray()
          .every((heading) => heading.tagName === "h2"),
      );
      assert.deepEqual(
        $(".app-contents-list a")
          .map((_, a) => $(a).attr("href"))
          .get(),
        $(".app-print-section__title")
          .map((_, heading) => `#${$(heading).attr("id")}`)
          .get(),
      );
      const raised = $(".app-print-section__part").eq(1);
      assert.deepEqual(
        raised
          .find(":header")
          .map((_, heading) => heading.tagName)
          .get(),
        ["h2", "h3", "h4", "h3"],
      );
      assert.equal(raised.find(".app-print-section__online a").attr("href"), at("/beds/raised/"));
      assert.equal(raised.find(".app-print-section__online a").text(), `https://gardens.example${at("/beds/raised/")}`);
      assert.match(raised.find(".app-page-history").text(), /Published\s+1 May 2024/);
      const beds = $(".app-print-section__part").eq(0);
      assert.match(beds.find(".app-page-history").text(), /Added raised beds/);
      assert.equal(beds.find(".app-page-history h3").text(), "Updates to this page");
    });

    it("keeps every id unique across the print page, and every fragment link pointing at one", () => {
      const $ = readPage(site, "/beds/print/");
      const ids = $("[id]")
        .map((_, element) => $(element).attr("id"))
        .get();
      assert.deepEqual(ids, [...new Set(ids)]);
      for (const id of ["beds-soil", "raised-soil", "sunken-soil", "herbs-soil"]) assert.ok(ids.includes(id), id);
      const fragments = $("#main-content a[href^='#']")
        .map((_, a) => $(a).attr("href")!.slice(1))
        .get();
      assert.ok(fragments.length > 10);
      for (const fragment of fragments) assert.ok(ids.includes(fragment), `#${fragment} has a target`);
      assert.equal($("p a[href='#beds-watering']").text(), "watering", "a link within the page follows its heading");
    });

    it("keeps the print page out of search engines, the sitemap and the site's search", () => {
      const $ = readPage(site, "/beds/print/");
      assert.equal($('meta[name="robots"]').attr("content"), "noindex");
      const sitemap = readFileSync(path.join(site, "sitemap.xml"), "utf8");
      assert.ok(sitemap.includes(`https://gardens.example${at("/beds/raised/")}`));
      assert.ok(!sitemap.includes("/print/"));
      assert.equal($("[data-pagefind-body]").length, 0);
    });
  });
}

describe("asking for a print page where a page already is", () => {
  it("is an error naming the index page, its line and the field", async () => {
    const dir = makeContentDir("landing-print-taken", {
      "beds/index.md": "---\ntitle: Beds\nprintSection: true\n---\n\nBeds.\n",
      "beds/print.md": "---\ntitle: Printing labels\n---\n\nLabels.\n",
    });
    const built = await buildInProcess({
      CONTENT_DIR: dir,
      OUTPUT_DIR: path.join(testOutputDir, "landing-print-taken"),
    });
    assert.equal(built.code, 1);
    const problem = printedDiagnostics(built.stderr + built.stdout).find((found) => found.field === "printSection");
    assert.ok(problem, built.stderr);
    assert.equal(problem.severity, "error");
    assert.match(problem.file, /beds[\\/]index\.md$/);
    assert.equal(problem.line, 3);
  });
});
