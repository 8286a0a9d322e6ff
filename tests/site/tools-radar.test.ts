import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import { buildInProcess, pageScript, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";
import { TOOLKIT_FILES } from "../helpers/toolkit-fixture.ts";

// Built the real way under a path prefix, so every radar link must carry it.
const PREFIX = "/manual/";

let site: string;
const page = (url: string): CheerioAPI => readPage(site, url);
const hrefs = ($: CheerioAPI, selector: string) =>
  $(selector)
    .map((_, a) => $(a).attr("href"))
    .get();
const texts = ($: CheerioAPI, selector: string) =>
  $(selector)
    .map((_, element) => $(element).text().trim())
    .get();

before(async () => {
  const dir = makeContentDir("tools-radar-site", TOOLKIT_FILES);
  site = path.join(testOutputDir, "content-model", "tools-radar-site-output");
  const build = await buildInProcess({ CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: site, PATH_PREFIX: PREFIX });
  assert.equal(build.code, 0, build.stderr);
  assert.doesNotMatch(build.stderr, /tools|toolSlug/, build.stderr);
});

describe("the tool layout", () => {
  it("has the caption, h1 and the status tag and category the radar gives", () => {
    const $ = page("/kit/tools/quill-writer/");
    const main = $("main");
    assert.equal(main.find("h1").text(), "Quill Writer");
    assert.equal(main.find(".govuk-caption-xl").text(), "Tools", "the site's caption size, xl by default");
    assert.equal(main.find(".app-tool-status .govuk-tag.govuk-tag--green").text().trim(), "Using");
    assert.equal(main.find(".app-tool-status__category").text(), "Assistant");
    assert.match(main.text(), /Quill Writer is made up for this test\./);
    assert.equal(main.find(".app-support-box h2").text(), "Get help");
  });

  it("keeps the description for the meta description and search, not as a lede, as the Defra app's tool page", () => {
    const $ = page("/kit/tools/quill-writer/");
    assert.equal($('meta[name="description"]').attr("content"), "Drafts letters for you.");
    assert.equal($("main .govuk-body-l").length, 0);
    assert.doesNotMatch($("main").text(), /Drafts letters for you/);
  });

  it("lists every tool by status in the radar's navigation, marking this one as the current page", () => {
    const $ = page("/kit/tools/harbour-cloud/");
    const nav = $('nav[aria-label="Tools radar"]');
    assert.deepEqual(texts($, 'nav[aria-label="Tools radar"] .app-sub-navigation__group-title'), [
      "Tools radar",
      "Using",
      "Trialling",
      "Exploring",
    ]);
    assert.deepEqual(hrefs($, 'nav[aria-label="Tools radar"] a'), [
      `${PREFIX}kit/tools/`,
      `${PREFIX}kit/tools/quill-writer/`,
      `${PREFIX}kit/tools/harbour-cloud/`,
      `${PREFIX}kit/tools/lantern-trace/`,
      `${PREFIX}kit/tools/paper-kite/`,
    ]);
    assert.deepEqual(texts($, 'nav[aria-label="Tools radar"] a[aria-current="page"]'), ["Harbour Cloud"]);
    assert.equal(nav.length, 1);
  });

  it("places a tool that only its page describes with the page's own status and category", () => {
    const $ = page("/kit/tools/paper-kite/");
    assert.equal($(".app-tool-status .govuk-tag--grey").text().trim(), "Exploring");
    assert.equal($(".app-tool-status__category").text(), "Extension");
  });
});

describe("the radar-table layout", () => {
  it("shows the body, then what each status means", () => {
    const $ = page("/kit/tools/");
    assert.equal($("main h1").text(), "Find a tool");
    assert.equal($("main .govuk-caption-xl").text(), "Toolkit");
    assert.equal($("main .govuk-body-l").text(), "Which tools teams use, trial and explore.");
    assert.match($("main").text(), /An invented list\./);
    assert.equal($("main h2").first().text(), "What the statuses mean");
    const key = $(".govuk-summary-list .govuk-summary-list__row")
      .map((_, row) => [[$(row).find(".govuk-tag").text().trim(), $(row).find("dd").text().trim()]])
      .get();
    assert.deepEqual(key, [
      ["Using", "Used by teams across Defra today."],
      ["Trialling", "Being trialled with some teams before wider use."],
      ["Exploring", "Being looked at. Not yet a recommendation either way."],
    ]);
  });

  it("links to the diagram page the content has, wherever it is", () => {
    const $ = page("/kit/tools/");
    const link = $("main a").filter((_, a) => $(a).text() === "View as a radar diagram");
    assert.equal(link.attr("href"), `${PREFIX}kit/tools/picture/`);
  });

  it("tabulates every tool by status, then title, in a focusable region that scrolls when it is too wide", () => {
    const $ = page("/kit/tools/");
    const region = $('[role="region"].app-tools-radar-table');
    assert.equal(region.attr("tabindex"), "0");
    assert.ok(region.attr("aria-label"));
    assert.deepEqual(texts($, ".govuk-table thead th"), ["Tool", "Category", "Status"]);
    const rows = region
      .find("tbody tr")
      .map((_, row) => [
        [
          $(row).find('th[scope="row"] a').text(),
          $(row).find('th[scope="row"] a').attr("href"),
          $(row).find("td").first().text().trim(),
          $(row).find("td .govuk-tag").text().trim(),
        ],
      ])
      .get();
    assert.deepEqual(rows, [
      ["Quill Writer", `${PREFIX}kit/tools/quill-writer/`, "Assistant", "Using"],
      ["Harbour Cloud", `${PREFIX}kit/tools/harbour-cloud/`, "Platform", "Trialling"],
      ["Lantern Trace", `${PREFIX}kit/tools/lantern-trace/`, "Platform", "Exploring"],
      ["Paper Kite", `${PREFIX}kit/tools/paper-kite/`, "Extension", "Exploring"],
    ]);
  });

  it("hides the search box until its script runs, and loads the script from the site", () => {
    const $ = page("/kit/tools/");
    const filter = $("[data-tools-radar-filter]");
    assert.ok(filter.is("[hidden]"), "hidden without JavaScript");
    assert.equal(filter.find('input[type="search"]').attr("id"), filter.find("label.govuk-label").attr("for"));
    const script = pageScript(site, $, PREFIX);
    assert.equal(script.tags, 1, "the filter is in the page's one script");
    assert.match(script.code, /data-tools-radar-filter/);
    assert.doesNotMatch(pageScript(site, page("/kit/tools/picture/"), PREFIX).code, /data-tools-radar-filter/);
    assert.equal($("[style]").length, 0, "no inline styles, which the Content-Security-Policy forbids");
  });
});

describe("the radar-diagram layout", () => {
  it("draws an SVG that scales, named and described for screen readers", () => {
    const $ = page("/kit/tools/picture/");
    assert.match($("main").text(), /The same tools, drawn\./);
    const svg = $("svg.app-tools-radar__diagram");
    assert.equal(svg.attr("viewBox"), "0 0 600 600");
    assert.equal(svg.attr("width"), undefined, "no fixed width: the stylesheet fits it to its column");
    assert.equal(svg.attr("role"), "group");
    const [titleId, descriptionId] = svg.attr("aria-labelledby")!.split(" ");
    assert.equal(svg.find(`title#${titleId}`).text(), "Tools radar diagram");
    assert.match(svg.find(`desc#${descriptionId}`).text(), /four quadrants .* three rings/);
    assert.equal(svg.find("circle[r='285'], circle[r='200'], circle[r='110']").length, 3);
    assert.equal($("[style]").length, 0);
  });

  it("has a numbered blip linking to each tool page, where the Defra app puts it", () => {
    const $ = page("/kit/tools/picture/");
    const blips = $("a.app-tools-radar__blip")
      .map((_, a) => [
        [
          $(a).attr("href"),
          $(a).attr("aria-label"),
          $(a).find("text").text(),
          $(a).find("circle").attr("cx"),
          $(a).find("circle").attr("cy"),
        ],
      ])
      .get();
    assert.deepEqual(blips, [
      [`${PREFIX}kit/tools/quill-writer/`, "1. Quill Writer. Assistant, Using.", "1", "349.5", "250.5"],
      [`${PREFIX}kit/tools/harbour-cloud/`, "2. Harbour Cloud. Platform, Trialling.", "2", "409.6", "409.6"],
      [`${PREFIX}kit/tools/lantern-trace/`, "3. Lantern Trace. Platform, Exploring.", "3", "471.1", "471.1"],
      [`${PREFIX}kit/tools/paper-kite/`, "4. Paper Kite. Extension, Exploring.", "4", "128.9", "128.9"],
    ]);
  });

  it("lists every tool by status, numbered as on the diagram", () => {
    const $ = page("/kit/tools/picture/");
    const column = $(".govuk-grid-column-one-third").filter(
      (_, element) => $(element).find("h2").text() === "All tools",
    );
    assert.deepEqual(texts($, ".govuk-grid-column-one-third h3"), ["Using", "Trialling", "Exploring"]);
    const lists = column
      .find("ol.govuk-list--number")
      .map((_, ol) => [[$(ol).attr("start"), $(ol).find("a").length]])
      .get();
    assert.deepEqual(lists, [
      ["1", 1],
      ["2", 1],
      ["3", 2],
    ]);
    assert.deepEqual(hrefs($, ".govuk-grid-column-one-third ol a").slice(-1), [`${PREFIX}kit/tools/paper-kite/`]);
  });
});
