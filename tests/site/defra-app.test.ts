import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { load, type CheerioAPI } from "cheerio";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { checkHtml } from "../../lib/gates/html-validation.ts";
import { checkLinks } from "../../lib/gates/links.ts";
import { interruptionPageUrl } from "../../lib/model/interruption-pages.ts";
import { buildDefraApp, defraAppFixture, defraAppPages, type DefraAppBuild } from "../helpers/defra-app.ts";

// The Defra service manual app's source tree in miniature (tests/fixtures/defra-app), copied into a content
// folder as the README's "Moving the Defra service manual here" says, built at the root and under a prefix.
const PREFIX = "/defra-manual/";
const SITE = JSON.parse(readFileSync(path.join(defraAppFixture, "site.json"), "utf8")) as {
  serviceName: string;
  description: string;
  formAlternative: { text: string; href: string };
  navigation: { text: string; href: string }[];
  serviceNavigation: { text: string; href: string }[];
};
const SHAREPOINT = "https://defra.sharepoint.com/sites/ai-community/SitePages/data-rules.aspx";
const TEAMS_AI = "https://teams.microsoft.com/l/team/ai-community/General";
const TEAMS_CONTENT = "https://teams.microsoft.com/l/channel/content-community/General";
const AI_TOOLKIT_NAV = ["Home", "Get started with AI", "Find a tool", "Use data safely"];

const builds: Record<"root" | "prefixed", DefraAppBuild> = {} as never;

before(async () => {
  builds.root = await buildDefraApp("/");
  builds.prefixed = await buildDefraApp(PREFIX);
});

/** A built page, by its URL path without the prefix. */
function page(build: DefraAppBuild, url: string): CheerioAPI {
  const file = path.join(build.siteDir, url, "index.html");
  assert.ok(existsSync(file), `${url} was not built`);
  return load(readFileSync(file, "utf8"));
}

/** A site path as it appears in the build's HTML: under the prefix, and with or without the trailing slash. */
function isSitePath(build: DefraAppBuild, href: string | undefined, sitePath: string): boolean {
  const bare = (value: string) => (value.length > 1 ? value.replace(/\/+(?=$|#)/, "") : value);
  return href !== undefined && bare(href) === bare(build.pathPrefix + sitePath.replace(/^\//, ""));
}

function assertSitePath(build: DefraAppBuild, href: string | undefined, sitePath: string, what: string): void {
  assert.ok(
    isSitePath(build, href, sitePath),
    `${what}: expected a link to ${build.pathPrefix}${sitePath.slice(1)}, found ${href}`,
  );
}

/** The text of each crumb, in order. */
function crumbs($: CheerioAPI): { text: string; href?: string }[] {
  return $(".govuk-breadcrumbs__list-item")
    .map((_, item) => ({ text: $(item).text().trim(), href: $(item).find("a").attr("href") }))
    .get();
}

const text = ($: CheerioAPI, selector: string) => $(selector).text().replace(/\s+/g, " ").trim();

/** Every HTML file of a build, relative to it. */
const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));

for (const name of ["root", "prefixed"] as const) {
  describe(`the Defra app's source copied in as the README says, built ${name === "root" ? "at the root" : `under ${PREFIX}`}`, () => {
    it("builds with no errors", () => {
      const build = builds[name];
      assert.equal(build.code, 0, build.stderr);
      assert.deepEqual(
        build.diagnostics.filter((diagnostic) => diagnostic.severity === "error"),
        [],
      );
    });

    it("reads every front matter field, setting and navigation list the app's source uses", () => {
      const unknown = builds[name].diagnostics.filter((diagnostic) =>
        /is not a (?:field|setting|kind of navigation)\b/.test(diagnostic.message),
      );
      assert.deepEqual(unknown, []);
    });

    it("warns once that the form pages cannot be sent, naming each of them", () => {
      const forms = builds[name].diagnostics.filter((diagnostic) => /cannot send/.test(diagnostic.message));
      assert.equal(forms.length, 1, forms.map((d) => d.message).join("\n"));
      for (const file of ["question-1.md", "question-2.md", "question-3.md", "check-your-answers.md"])
        assert.match(forms[0].message, new RegExp(file.replace(".", "\\.")));
    });

    it("warns once that there is no home page", () => {
      const home = builds[name].diagnostics.filter((diagnostic) => /home page/i.test(diagnostic.message));
      assert.equal(home.length, 1, home.map((d) => d.message).join("\n"));
      assert.match(home[0].file, /index\.md$/);
    });

    it("builds every page of the app's content, and a home page", () => {
      const build = builds[name];
      const missing = defraAppPages().filter(({ url }) => !existsSync(path.join(build.siteDir, url, "index.html")));
      assert.deepEqual(missing, []);
      assert.ok(existsSync(path.join(build.siteDir, "index.html")), "no home page");
    });

    it("gives every page a meta description: its own, or site.json's for a page without one", () => {
      const build = builds[name];
      const descriptionOf = (url: string) =>
        load(readFileSync(path.join(build.siteDir, url, "index.html"), "utf8"))('meta[name="description"]').attr(
          "content",
        );
      for (const { url } of defraAppPages()) assert.ok(descriptionOf(url), `${url} has no meta description`);
      // The made home page and a question page have no description of their own.
      assert.equal(descriptionOf("/"), SITE.description);
      assert.equal(descriptionOf("/ai-toolkit/triage/question-1/"), SITE.description);
      const own = readFileSync(path.join(defraAppFixture, "src/content/ai-toolkit.md"), "utf8").match(
        /^description: (.+)$/m,
      )?.[1];
      assert.ok(own && descriptionOf("/ai-toolkit/") === own.replace(/^(["'])(.*)\1$/, "$2"), "its own description");
    });

    it("passes the link gate", async () => {
      const build = builds[name];
      const result = await checkLinks({ siteDir: build.siteDir, pathPrefix: build.pathPrefix });
      assert.equal(formatDiagnostics(result.findings), "", result.summary);
    });

    it("passes the HTML gate", async () => {
      const build = builds[name];
      const result = await checkHtml({ siteDir: build.siteDir, pathPrefix: build.pathPrefix });
      assert.equal(formatDiagnostics(result.findings), "", result.summary);
    });

    it("gives no two elements on any page the same id", () => {
      const build = builds[name];
      const duplicates: string[] = [];
      for (const file of htmlFiles(build.siteDir)) {
        const $ = load(readFileSync(path.join(build.siteDir, file), "utf8"));
        const seen = new Set<string>();
        $("[id]").each((_, element) => {
          const id = $(element).attr("id") ?? "";
          if (seen.has(id)) duplicates.push(`${file}: #${id}`);
          seen.add(id);
        });
      }
      assert.deepEqual(duplicates, []);
    });

    it("sends each link to a Defra-only host through an interruption page with a Continue button to it", () => {
      const build = builds[name];
      const cases: [string, string, string][] = [
        ["/ai-toolkit/guidance/using-data-with-ai/", "data handling rules on SharePoint", SHAREPOINT],
        ["/ai-toolkit/guidance/using-data-with-ai/", "AI community on Teams", TEAMS_AI],
        ["/content/write-in-plain-english/", "content community channel", TEAMS_CONTENT],
      ];
      for (const [url, linkText, target] of cases) {
        const $ = page(build, url);
        const link = $("main a").filter((_, a) => $(a).text().trim() === linkText);
        assert.equal(link.length, 1, `${url}: the link "${linkText}"`);
        assertSitePath(build, link.attr("href"), interruptionPageUrl(target), `${url}: "${linkText}"`);
        assert.equal($(`main a[href="${target}"]`).length, 0, `${url} links straight to ${target}`);
        const interruption = page(build, interruptionPageUrl(target));
        const button = interruption("main a.govuk-button").filter((_, a) =>
          /^Continue\b/.test(interruption(a).text().trim()),
        );
        assert.equal(button.length, 1, `the interruption page for ${target} has one Continue button`);
        assert.equal(button.attr("href"), target);
        assert.equal(interruption("h1").length, 1);
      }
    });

    it("opens links to other sites in the same tab", () => {
      const $ = page(builds[name], "/ai-toolkit/guidance/using-data-with-ai/");
      const govuk = $('main a[href="https://www.gov.uk/service-manual"]');
      assert.equal(govuk.length, 1);
      assert.equal(govuk.attr("target"), undefined);
      assert.equal($("main a[target]").length, 0);
    });

    it("shows site.json's breadcrumb trail on pages that set no breadcrumbs", () => {
      const build = builds[name];
      for (const url of ["/accessibility/", "/accessibility/plan-for-accessibility/", "/content/", "/security/"]) {
        const trail = crumbs(page(build, url));
        assert.deepEqual(
          trail.slice(0, 2).map((crumb) => crumb.text),
          ["Digital Defra", "Digital service manual"],
          url,
        );
        assertSitePath(build, trail[0].href, "/", `${url}: Digital Defra`);
        assertSitePath(build, trail[1].href, "/service-manual", `${url}: Digital service manual`);
      }
    });

    it("shows a page's own breadcrumbItems or breadcrumbs instead of the trail", () => {
      const build = builds[name];
      const items = crumbs(page(build, "/accessibility/test-your-service/"));
      assert.deepEqual(
        items.map((crumb) => crumb.text),
        ["Digital Defra", "Accessibility", "Test your service"],
      );
      assertSitePath(build, items[1].href, "/accessibility", "breadcrumbItems");
      const own = crumbs(page(build, "/delivery-groups/run-a-delivery-group/"));
      assert.deepEqual(
        own.map((crumb) => crumb.text),
        ["Home", "Delivery groups", "Run a delivery group"],
      );
      assertSitePath(build, own[1].href, "/delivery-groups", "breadcrumbs");
    });

    it("shows the main navigation on pages with showMainNavigation", () => {
      const build = builds[name];
      for (const url of ["/service-manual/", "/delivery-groups/", "/delivery-groups/run-a-delivery-group/"]) {
        const $ = page(build, url);
        const nav = $('nav[aria-label="Main navigation"]');
        assert.equal(nav.length, 1, `${url} has the main navigation`);
        const links = nav.find("a");
        assert.deepEqual(
          links.map((_, a) => $(a).text().trim()).get(),
          SITE.navigation.map((item) => item.text),
          url,
        );
        links.each((index, a) => assertSitePath(build, $(a).attr("href"), SITE.navigation[index].href, url));
        assert.equal($('nav[aria-label="Service navigation"]').length, 0, `${url} has no service navigation`);
      }
      const current = page(
        build,
        "/delivery-groups/run-a-delivery-group/",
      )('nav[aria-label="Main navigation"] [aria-current]');
      assert.match(current.text(), /Delivery groups/);
    });

    it("shows the page's customNav, named in navigation.yaml or written inline, instead of the main navigation", () => {
      const build = builds[name];
      for (const url of [
        "/ai-toolkit/",
        "/ai-toolkit/tools/",
        "/ai-toolkit/triage/question-1/",
        "/ai-toolkit/triage/thank-you/",
      ]) {
        const $ = page(build, url);
        assert.equal($('nav[aria-label="Main navigation"]').length, 0, `${url} has no main navigation`);
        const nav = $("header nav").filter((_, element) => $(element).find("a").length === AI_TOOLKIT_NAV.length);
        assert.equal(nav.length, 1, `${url} has the AI toolkit's navigation`);
        assert.deepEqual(
          nav
            .find("a")
            .map((_, a) => $(a).text().trim())
            .get(),
          AI_TOOLKIT_NAV,
          url,
        );
        assert.match(text($, "header"), /AI digital toolkit/, `${url} shows headerServiceName`);
        const service = $("header a").filter((_, a) => /AI digital toolkit$/.test($(a).text().trim()));
        assert.equal(service.length, 1, `${url}: the service name links somewhere`);
        assertSitePath(build, service.attr("href"), "/ai-toolkit", `${url}: headerServiceUrl`);
      }
    });

    it("shows site.json's serviceNavigation on pages with neither", () => {
      const build = builds[name];
      for (const url of ["/accessibility/", "/security/", "/performance-analysis/"]) {
        const $ = page(build, url);
        assert.equal($('nav[aria-label="Main navigation"]').length, 0, url);
        const nav = $("header nav").filter((_, element) =>
          $(element)
            .find("a")
            .get()
            .some((a) => $(a).text().trim() === "Service assessments"),
        );
        assert.equal(nav.length, 1, `${url} has the service navigation`);
        assert.deepEqual(
          nav
            .find("a")
            .map((_, a) => $(a).text().trim())
            .get(),
          SITE.serviceNavigation.map((item) => item.text),
        );
      }
      const here = page(build, "/accessibility/")("header nav [aria-current]");
      assert.match(here.text(), /Accessibility/);
    });

    it("gives service manual pages the site's service name in the header and the title", () => {
      const $ = page(builds[name], "/security/");
      assert.match(text($, "header"), /Digital service manual/);
      assert.equal($("title").text().trim(), "Security | Digital service manual");
      const ai = page(builds[name], "/ai-toolkit/tools/");
      assert.equal(ai("title").text().trim(), "Tools | AI digital toolkit");
    });

    it("prefixes every root-relative URL in every page", () => {
      const build = builds[name];
      if (build.pathPrefix === "/") return;
      const escapes: string[] = [];
      for (const file of htmlFiles(build.siteDir)) {
        const $ = load(readFileSync(path.join(build.siteDir, file), "utf8"));
        $("[href], [src], [action]").each((_, element) => {
          for (const attribute of ["href", "src", "action"]) {
            const value = $(element).attr(attribute);
            if (value?.startsWith("/") && !value.startsWith("//") && !value.startsWith(build.pathPrefix))
              escapes.push(`${file}: <${element.tagName} ${attribute}="${value}">`);
          }
        });
      }
      assert.deepEqual(escapes, []);
    });
  });
}

describe("the Defra app's Markdown, rendered as the app renders it", () => {
  it("sizes ## as a medium heading and ### as a small one", () => {
    const $ = page(builds.root, "/accessibility/");
    const h2 = $("main h2").filter((_, h) => $(h).text().trim() === "What you need to do");
    assert.equal(h2.length, 1);
    assert.ok(h2.hasClass("govuk-heading-m"), h2.attr("class"));
    const h3 = $("main h3").filter((_, h) => $(h).text().trim() === "Before you start");
    assert.equal(h3.length, 1);
    assert.ok(h3.hasClass("govuk-heading-s"), h3.attr("class"));
  });

  it("renders govspeak callouts as inset text and warning text", () => {
    const $ = page(builds.root, "/accessibility/");
    assert.match(text($, "main .govuk-inset-text"), /^Start early\./);
    const warning = $("main .govuk-warning-text");
    assert.equal(warning.length, 1);
    assert.match(text($, "main .govuk-warning-text .govuk-warning-text__text"), /You must not launch a public beta/);
    assert.equal(warning.find(".govuk-warning-text__icon").length, 1);
    assert.doesNotMatch(text($, "main"), /\^ Start early|% You must not/);
    assert.match(text(page(builds.root, "/security/"), "main .govuk-warning-text"), /Never put real personal data/);
  });

  it("keeps a single line break inside a list item as a line break", () => {
    const $ = page(builds.root, "/accessibility/test-your-service/");
    const first = $("main ol > li").first();
    assert.equal(first.find("br").length, 1, first.html() ?? "");
    assert.match(first.text(), /Run automated checks\s+Add an automated checker/);
  });

  it("keeps raw HTML details, radios and the app's own components, and styles them", () => {
    const plan = page(builds.root, "/accessibility/plan-for-accessibility/");
    assert.equal(plan("main details.govuk-details").length, 2);
    const patterns = page(builds.root, "/patterns/");
    assert.equal(patterns("main .govuk-radios input.govuk-radios__input").length, 2);
    const analysis = page(builds.root, "/performance-analysis/");
    assert.equal(
      analysis("main .defra-callout a.defra-callout__button").attr("href"),
      "mailto:performance-analytics@defra.gov.uk?subject=Analytics",
    );
    assert.equal(page(builds.root, "/components/")("main button.defra-button").length, 1);
    assert.equal(
      page(builds.root, "/service-manual/")("main .defra-version-banner .defra-version-banner__label").text(),
      "Version 1",
    );
  });

  it("leaves no style attribute in the page, which the Content Security Policy would block and check:html refuses", () => {
    const $ = page(builds.root, "/accessibility/test-your-service/");
    assert.equal($("main th").first().text(), "Rating");
    assert.equal($("[style]").length, 0, $("[style]").toString());
  });

  it("keeps an author's anchor beside a heading of the same words without giving the id twice", () => {
    const $ = page(builds.root, "/delivery-groups/run-a-delivery-group/");
    for (const id of ["what-a-delivery-group-does", "who-is-in-a-delivery-group", "how-decisions-are-made"])
      assert.equal($(`[id="${id}"]`).length, 1, id);
    const hub = page(builds.root, "/service-manual/");
    assert.equal(hub('[id="your-role"]').length, 1, "the service navigation's #your-role target");
  });

  it("keeps a page's own Contents list and adds no second one; every link in it leads to a heading on the page", () => {
    const $ = page(builds.root, "/delivery-groups/run-a-delivery-group/");
    assert.equal(
      $("main")
        .find("h2")
        .filter((_, h) => $(h).text().trim() === "Contents").length,
      1,
    );
    assert.equal($(".app-contents-list").length, 0);
    const links = $("main a[href^='#']").not(".app-linked-heading__link");
    assert.equal(links.length, 3);
    links.each((_, a) => {
      assert.equal($(`[id="${($(a).attr("href") ?? "").slice(1)}"]`).length, 1, $(a).attr("href"));
    });
  });

  it("with descriptionInBody, leaves the description to the body, which opens with it, as the app does", () => {
    const $ = page(builds.root, "/delivery-groups/run-a-delivery-group/");
    const description = "Use this guide to set up a delivery group and agree how it makes decisions.";
    const shown = $("main p").filter((_, p) => $(p).text().trim() === description);
    assert.equal(shown.length, 1, "the description is shown once, by the body");
    assert.ok(shown.prev().hasClass("defra-version-banner"), "after the banner, where the body puts it");
    assert.equal($('meta[name="description"]').attr("content"), description);
  });

  it("leaves out empty captions and descriptions", () => {
    for (const url of ["/components/", "/performance-analysis/", "/working-with-defra/"])
      assert.equal(page(builds.root, url)("main [class*='govuk-caption']").length, 0, url);
    for (const url of ["/content/", "/content/translate-into-welsh/"]) {
      const $ = page(builds.root, url);
      assert.equal(
        $("main h1 ~ .govuk-body-l, main .govuk-body-l").filter((_, p) => $(p).text().trim() === "").length,
        0,
        url,
      );
      assert.doesNotMatch($("main").text(), /\bnull\b/, url);
    }
  });

  it("publishes the app's images from src/client/images at /public/images", () => {
    const build = builds.prefixed;
    const $ = page(build, "/delivery-groups/run-a-delivery-group/");
    const src = $("main img").attr("src");
    assert.equal(src, `${PREFIX}public/images/delivery-groups/levels-diagram.png`);
    assert.ok(existsSync(path.join(build.siteDir, "public/images/delivery-groups/levels-diagram.png")));
  });

  it("puts the CSS of the GOV.UK components the pages use in the stylesheet, and not the ones no page uses", () => {
    const cssDir = path.join(builds.root.siteDir, "assets", "css");
    const css = readdirSync(cssDir)
      .filter((file) => file.endsWith(".css"))
      .map((file) => readFileSync(path.join(cssDir, file), "utf8"))
      .join("\n");
    for (const used of [
      ".govuk-details__summary",
      ".govuk-radios__input",
      ".govuk-inset-text",
      ".govuk-warning-text",
      ".govuk-table",
    ])
      assert.ok(css.includes(used), `${used} is used but not styled`);
    for (const used of [".defra-callout", ".defra-version-banner"])
      assert.ok(css.includes(used), `the app's own ${used} is used but not styled`);
    for (const unused of [".govuk-accordion__section", ".govuk-tabs__list", ".govuk-character-count"])
      assert.ok(!css.includes(unused), `${unused} is styled but no page uses it`);
  });
});

describe("the Defra app's layouts", () => {
  it("section: the h1 in the two-thirds column, the section navigation beside it with group titles that are not headings", () => {
    for (const [url, groups] of [
      ["/accessibility/", ["In this section", "Doing the work"]],
      ["/content/write-in-plain-english/", ["In this section", "Writing for users"]],
      ["/sustainability/", ["In this section", "Related guidance"]],
      ["/ai-toolkit/guidance/using-data-with-ai/", ["Guidance", "Tools"]],
    ] as const) {
      const $ = page(builds.root, url);
      assert.equal($("h1").length, 1, url);
      assert.equal($("h1").closest(".govuk-grid-column-two-thirds").length, 1, `${url}: h1 in the two-thirds column`);
      const nav = $('main nav[aria-label="Pages in this section"], main nav.app-sub-navigation').first();
      assert.equal(nav.length, 1, `${url}: section navigation`);
      assert.equal(nav.closest(".govuk-grid-column-two-thirds").length, 0, `${url}: navigation beside the content`);
      assert.equal(nav.find("h1, h2, h3, h4, h5, h6").length, 0, `${url}: group titles are not headings`);
      for (const group of groups) assert.match(nav.text(), new RegExp(group), url);
      const current = nav.find('[aria-current="page"]');
      assert.equal(current.length, 1, `${url}: the current page is marked`);
    }
  });

  it("two-thirds: the h1, caption and lede in the two-thirds column", () => {
    const $ = page(builds.root, "/security/");
    const column = $("h1").closest(".govuk-grid-column-two-thirds");
    assert.equal(column.length, 1);
    assert.equal(column.find(".govuk-caption-xl").text().trim(), "Security");
    assert.equal(column.find(".govuk-body-l").first().text().trim(), "Keep your service and its users' data safe.");
  });

  it("side-nav: the page beside the manual's navigation", () => {
    for (const url of ["/components/", "/patterns/"]) {
      const $ = page(builds.root, url);
      assert.equal($("h1").length, 1, url);
      const nav = $("main nav").filter((_, element) => $(element).closest(".govuk-grid-row").length === 1);
      assert.ok(nav.length >= 1, `${url}: navigation beside the page`);
      assert.equal(nav.find("h1").length, 0);
      assert.match(text($, "main"), /Get support/, `${url}: support box`);
    }
  });

  it("article: the h1 and lede in the two-thirds column, with the trail", () => {
    const $ = page(builds.root, "/working-with-defra/");
    assert.equal($("h1").closest(".govuk-grid-column-two-thirds").length, 1);
    assert.match(text($, ".govuk-body-l"), /What suppliers and new starters need to know/);
    assert.equal(crumbs($)[0].text, "Digital Defra");
  });

  it("hub: stat cards and titled sections of cards with tags", () => {
    const $ = page(builds.root, "/service-manual/");
    assert.equal($("h1").text().trim(), "Design and build digital services for Defra");
    assert.equal($("title").text().trim(), "Digital service manual");
    const stat = $("main a").filter((_, a) => /accessibility guides/.test($(a).text()));
    assert.equal(stat.length, 1, "the accessibility stat card");
    assert.match(stat.text(), /3/);
    assert.match(stat.text(), /From planning to testing/);
    assertSitePath(builds.root, stat.attr("href"), "/accessibility", "stat card");
    assert.equal($("main a").filter((_, a) => /tools on the radar/.test($(a).text())).length, 1);
    const sections = $("main h2")
      .map((_, h) => $(h).text().trim())
      .get();
    assert.ok(sections.includes("How we do things at Defra") && sections.includes("Design"), sections.join(", "));
    assert.match(text($, "main"), /Standards every team meets\./);
    const card = $("main h3 a").filter((_, a) => $(a).text().trim() === "Components");
    assert.equal(card.length, 1);
    assertSitePath(builds.root, card.attr("href"), "/components", "hub card");
    // Blue is GOV.UK Frontend's own tag colour, so a blue tag may carry no colour class at all.
    const blue = $("main strong.govuk-tag").filter((_, tag) => $(tag).text().trim() === "New");
    assert.equal(blue.length, 1);
    assert.match(blue.attr("class") ?? "", /^govuk-tag(?: govuk-tag--blue)?$/);
    assert.ok(
      $("main strong.govuk-tag")
        .filter((_, tag) => $(tag).text().trim() === "Updated")
        .hasClass("govuk-tag--green"),
    );
  });

  it("triage: the hero with its start button and secondary link, then the cards and the support box", () => {
    const build = builds.prefixed;
    const $ = page(build, "/ai-toolkit/");
    assert.equal($("h1").text().trim(), "Find out if AI could help with your idea");
    assert.match(text($, "main"), /Answer three short questions/);
    const start = $("main a.govuk-button--start");
    assert.equal(start.length, 1);
    assert.match(start.text(), /Start now/);
    assertSitePath(build, start.attr("href"), "/ai-toolkit/triage/question-1", "start button");
    const browse = $("main a").filter((_, a) => $(a).text().trim() === "Browse the tools");
    assertSitePath(build, browse.attr("href"), "/ai-toolkit/tools", "secondary link");
    assert.match(text($, "main"), /Already know what you need\?/);
    assert.equal($("main h2").filter((_, h) => $(h).text().trim() === "What would you like to do?").length, 1);
    assert.match(text($, "main"), /Pick the part of the toolkit that fits your task\./);
    const card = $("main h3 a").filter((_, a) => $(a).text().trim() === "Use data safely");
    assertSitePath(build, card.attr("href"), "/ai-toolkit/guidance/using-data-with-ai", "primary card");
    assert.match(text($, "main"), /Contact the AI Capability and Enablement team/);
  });

  it("tool: the tool's status tag and category from tools.yaml, beside the radar's navigation", () => {
    const cases = [
      ["/ai-toolkit/tools/pair-coder/", "Using", "green", "Assistant"],
      ["/ai-toolkit/tools/model-garden/", "Trialling", "blue", "Platform"],
      ["/ai-toolkit/tools/agent-kit/", "Exploring", "grey", "Framework"],
      ["/ai-toolkit/tools/prompt-lens/", "Exploring", "grey", "Extension"],
    ];
    for (const [url, status, colour, category] of cases) {
      const $ = page(builds.root, url);
      const column = $("h1").closest(".govuk-grid-column-two-thirds");
      assert.equal(column.length, 1, url);
      const tag = column.find("strong.govuk-tag").first();
      assert.equal(tag.text().trim(), status, url);
      assert.ok(tag.hasClass(`govuk-tag--${colour}`), `${url}: ${tag.attr("class")}`);
      assert.match(column.text(), new RegExp(category), url);
      const nav = $("main nav");
      assert.equal(nav.find('[aria-current="page"]').length, 1, `${url}: the tool is marked in the navigation`);
      for (const slug of ["pair-coder", "model-garden", "agent-kit", "prompt-lens"])
        assert.equal(
          nav.find("a").filter((_, a) => isSitePath(builds.root, $(a).attr("href"), `/ai-toolkit/tools/${slug}`))
            .length,
          1,
          `${url} links ${slug}`,
        );
    }
  });

  it("radar-table: a row per tool in tools.yaml with its category and status, and a link to the diagram", () => {
    const $ = page(builds.root, "/ai-toolkit/tools/");
    const rows = $("main table tbody tr");
    assert.equal(rows.length, 4);
    const byTitle = new Map(
      rows.map((_, row) => [[$(row).find("a").text().trim(), $(row)]]).get() as [string, ReturnType<typeof $>][],
    );
    for (const [title, slug, category, status] of [
      ["Pair Coder", "pair-coder", "Assistant", "Using"],
      ["Model Garden", "model-garden", "Platform", "Trialling"],
      ["Agent Kit", "agent-kit", "Framework", "Exploring"],
      ["Prompt Lens", "prompt-lens", "Extension", "Exploring"],
    ]) {
      const row = byTitle.get(title);
      assert.ok(row, `a row for ${title}`);
      assertSitePath(builds.root, row.find("a").attr("href"), `/ai-toolkit/tools/${slug}`, title);
      assert.match(row.text(), new RegExp(category));
      assert.equal(row.find(".govuk-tag").text().trim(), status);
    }
    const diagram = $("main a").filter((_, a) =>
      isSitePath(builds.root, $(a).attr("href"), "/ai-toolkit/tools/diagram"),
    );
    assert.ok(diagram.length >= 1, "a link to the radar diagram");
    assert.match(text($, "main"), /Suggest a tool/);
  });

  it("radar-diagram: every tool drawn and named, each leading to its page", () => {
    const $ = page(builds.root, "/ai-toolkit/tools/diagram/");
    assert.equal($("main svg").length >= 1, true, "the radar is drawn");
    for (const [title, slug] of [
      ["Pair Coder", "pair-coder"],
      ["Model Garden", "model-garden"],
      ["Agent Kit", "agent-kit"],
      ["Prompt Lens", "prompt-lens"],
    ]) {
      assert.match(text($, "main"), new RegExp(title));
      assert.ok(
        $("main a").filter((_, a) => isSitePath(builds.root, $(a).attr("href"), `/ai-toolkit/tools/${slug}`)).length >=
          1,
        `${title} leads to its page`,
      );
    }
  });

  it("question: the caption, question, hint and answers, a back link and a link on to the next page", () => {
    const build = builds.prefixed;
    const cases = [
      [
        "/ai-toolkit/triage/question-1/",
        "Question 1 of 3",
        "What is your email address?",
        "We will only use it to reply to you.",
        "/ai-toolkit",
        "/ai-toolkit/triage/question-2",
      ],
      [
        "/ai-toolkit/triage/question-2/",
        "Question 2 of 3",
        "What problem are you trying to solve?",
        "Describe it in your own words, as you would to a colleague.",
        "/ai-toolkit/triage/question-1",
        "/ai-toolkit/triage/question-3",
      ],
      [
        "/ai-toolkit/triage/question-3/",
        "Question 3 of 3",
        "How often does the task come up?",
        "Choose the closest answer.",
        "/ai-toolkit/triage/question-2",
        "/ai-toolkit/triage/check-your-answers",
      ],
    ];
    for (const [url, caption, question, hint, back, next] of cases) {
      const $ = page(build, url);
      assert.equal($("h1").length, 1, url);
      assert.equal($("h1").text().trim(), question, url);
      assert.match(text($, "main [class*='govuk-caption']"), new RegExp(`^${caption}$`), url);
      assert.equal(text($, "main .govuk-hint"), hint, url);
      assertSitePath(build, $(".govuk-back-link").attr("href"), back, `${url}: back link`);
      const onward = $("main a").filter((_, a) => isSitePath(build, $(a).attr("href"), next));
      assert.ok(onward.length >= 1, `${url} leads on to ${next}`);
      assert.equal(crumbs($).length, 0, `${url}: a back link instead of breadcrumbs, as in the app's form`);
    }
    const radios = page(build, "/ai-toolkit/triage/question-3/");
    for (const option of ["Every day", "Every week", "Less often"])
      assert.equal(
        radios("main li, main label").filter((_, item) => radios(item).text().trim() === option).length,
        1,
        option,
      );
  });

  it("question and a page with only question hrefs: each form page says it cannot be sent, and how to send it instead", () => {
    const build = builds.root;
    for (const url of [
      "/ai-toolkit/triage/question-1/",
      "/ai-toolkit/triage/question-2/",
      "/ai-toolkit/triage/question-3/",
      "/ai-toolkit/triage/check-your-answers/",
    ]) {
      const $ = page(build, url);
      assert.match(text($, "main"), new RegExp(SITE.formAlternative.text), url);
      assert.equal(
        $(`main a[href="${SITE.formAlternative.href}"]`).length >= 1,
        true,
        `${url}: the alternative's link`,
      );
      assert.equal(
        $("main form[method=post]").length,
        0,
        `${url}: no form that posts to a site that cannot receive it`,
      );
    }
    const check = page(build, "/ai-toolkit/triage/check-your-answers/");
    assertSitePath(
      build,
      check(".govuk-back-link").attr("href"),
      "/ai-toolkit/triage/question-3",
      "check your answers' back link",
    );
  });

  it("question with isResult: the page's body, no question", () => {
    const $ = page(builds.root, "/ai-toolkit/triage/thank-you/");
    assert.equal($("h1").text().trim(), "We have your answers");
    assert.equal($("main h2").filter((_, h) => $(h).text().trim() === "What happens next").length, 1);
    assert.equal($("main input, main textarea").length, 0);
    assertSitePath(builds.root, $(".govuk-back-link").attr("href"), "/ai-toolkit", "back link");
  });

  it("delivery-groups: the main navigation and links to the pages below it", () => {
    const build = builds.root;
    const $ = page(build, "/delivery-groups/");
    assert.equal($("h1").text().trim(), "Delivery groups");
    assert.equal($('nav[aria-label="Main navigation"]').length, 1);
    for (const child of ["/delivery-groups/run-a-delivery-group", "/delivery-groups/delivery-standards"])
      assert.equal($("main a").filter((_, a) => isSitePath(build, $(a).attr("href"), child)).length >= 1, true, child);
    assert.match(text($, "main"), /Delivery groups bring together the teams/);
  });

  it("the made home page lists the top-level pages, titled with the service name", () => {
    const build = builds.root;
    const $ = load(readFileSync(path.join(build.siteDir, "index.html"), "utf8"));
    assert.equal($("h1").text().trim(), SITE.serviceName);
    assert.ok($("main a").filter((_, a) => isSitePath(build, $(a).attr("href"), "/accessibility")).length >= 1);
  });
});
