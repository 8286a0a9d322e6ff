import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import type { SiteModel } from "../../lib/model/site-model.ts";
import { readSettings } from "../../lib/settings.ts";
import { buildInProcess, projectRoot, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

// A small site using every field the content model adds, built the real way (in this process).
const FILES: Record<string, string> = {
  "_data/navigation.json": JSON.stringify({
    sectionNav: {
      guides: [
        {
          title: "Guides",
          items: [
            { text: "Writing", href: "/guides/writing" },
            { text: "Reviewing", href: "/guides/reviewing" },
          ],
        },
      ],
    },
    customNav: {
      campaign: [
        { text: "Campaign home", href: "/campaign/" },
        { text: "Guides", href: "/guides/" },
      ],
    },
  }),
  "index.md": "---\ntitle: Home\nlayout: full-width\n---\n\nWelcome.\n",
  "guides/guides.11tydata.json":
    '{ "layout": "section", "sectionTitle": "Guides", "sectionNav": "guides", "caption": "Guides" }',
  "guides/index.md":
    "---\ntitle: All guides\ncaption: The manual\n---\n\nRead [[Writing well|the writing guide]] and [[reviewing#Who reviews|who reviews]].\n",
  "guides/writing.md":
    "---\ntitle: Writing well\naliases: [Writing]\ntags: [content, style]\ndescription: How to write for the manual.\ndescriptionInBody: true\n---\n\nFirst paragraph.\n",
  "guides/reviewing.md":
    "---\ntitle: Reviewing\nlayout: two-thirds\nsource: https://www.gov.uk/service-manual\nheaderServiceUrl: /guides/\nsupportBox:\n  title: Ask\n  description: Speak to [[Writing]] first.\n---\n\n## Who reviews\n\nText.\n",
  "campaign/index.md":
    "---\ntitle: Campaign\nshowMainNavigation: false\ncustomNav: campaign\nheaderServiceName: Campaign\n---\n\nText.\n",
  "campaign/quiet.md": "---\ntitle: Quiet page\nhideServiceNavigation: true\n---\n\nText.\n",
};

let site: string;
let model: SiteModel;
const page = (url: string): CheerioAPI => readPage(site, url);

before(async () => {
  const dir = makeContentDir("content-model-site", FILES);
  site = path.join(testOutputDir, "content-model", "content-model-site-output");
  const build = await buildInProcess({ CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: site });
  assert.equal(build.code, 0, build.stderr);
  assert.doesNotMatch(build.stderr, /warning|error/, build.stderr);
  model = (await collectSiteModel(projectRoot, dir, undefined, readSettings({ CONTENT_DIR: shown(dir, "") }))).model;
});

describe("folder defaults and named navigation", () => {
  it("give every page in the folder its layout, caption and the named section navigation", () => {
    const $ = page("/guides/writing/");
    assert.equal($(".govuk-caption-xl").text(), "Guides");
    assert.deepEqual(
      $(".app-sub-navigation a")
        .map((_, a) => $(a).attr("href"))
        .get(),
      ["/guides/writing/", "/guides/reviewing/"],
    );
    assert.equal($('.app-sub-navigation a[aria-current="page"]').text().trim(), "Writing");
  });

  it("let a page's own front matter win over the folder's", () => {
    assert.equal(page("/guides/")(".govuk-caption-xl").text(), "The manual");
    assert.equal(page("/guides/reviewing/")(".app-sub-navigation").length, 0, "two-thirds has no section navigation");
  });
});

describe("service navigation fields", () => {
  it("customNav replaces the main navigation when the page turns it off, and headerServiceName names the service", () => {
    const $ = page("/campaign/");
    assert.deepEqual(
      $(".govuk-service-navigation__item a")
        .map((_, a) => $(a).text().trim())
        .get(),
      ["Campaign home", "Guides"],
    );
    assert.equal(
      $(".govuk-service-navigation__service-name").text().trim(),
      "Defra: Campaign",
      "the organisation read out before the service, as the Defra service manual does",
    );
  });

  it("headerServiceUrl is where the service name leads", () => {
    const $ = page("/guides/reviewing/");
    assert.equal($(".govuk-service-navigation__service-name a").attr("href"), "/guides/");
  });

  it("hideServiceNavigation leaves the navigation bar out", () => {
    assert.equal(page("/campaign/quiet/")(".govuk-service-navigation__wrapper").length, 0);
    assert.equal(page("/campaign/")(".govuk-service-navigation__wrapper").length, 1);
  });
});

describe("page fields", () => {
  it("descriptionInBody leaves the description off the page, as the body has its own lede, and keeps it as the meta description", () => {
    const $ = page("/guides/writing/");
    assert.equal($("p.govuk-body-l").length, 0);
    assert.doesNotMatch($("main").text(), /How to write for the manual/);
    assert.equal($("main .govuk-grid-column-two-thirds p").first().text(), "First paragraph.");
    assert.equal($('meta[name="description"]').attr("content"), "How to write for the manual.");
  });

  it("source is shown as the page's source, with a link", () => {
    const $ = page("/guides/reviewing/");
    assert.equal($(".app-page-source").text().trim().replace(/\s+/g, " "), "Source: https://www.gov.uk/service-manual");
    assert.equal($(".app-page-source a").attr("href"), "https://www.gov.uk/service-manual");
  });

  it("tags and aliases reach the page model", () => {
    assert.deepEqual(model.byUrl.get("/guides/writing/")?.tags, ["content", "style"]);
    assert.deepEqual(model.byUrl.get("/guides/reviewing/")?.tags, []);
  });
});

describe("wiki links", () => {
  it("become links to the page they name, by title or alias, with the heading's fragment", () => {
    const $ = page("/guides/");
    assert.equal($('main p.govuk-body a[href="/guides/writing/"]').text(), "the writing guide");
    assert.equal($('main p.govuk-body a[href="/guides/reviewing/#who-reviews"]').text(), "who reviews");
    assert.equal($('main p.govuk-body a[href="/guides/reviewing/#who-reviews"]').attr("class"), "govuk-link");
  });

  it("in the support box's HTML become links too", () => {
    const $ = page("/guides/reviewing/");
    assert.equal($('.app-support-box a[href="/guides/writing/"]').text(), "Writing");
  });
});
