import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { checkHtml } from "../../lib/gates/html-validation.ts";
import { checkLinks } from "../../lib/gates/links.ts";
import { checkSite } from "../../lib/gates/source-links.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot, readPage } from "../helpers/built-site.ts";
import { fixtureBuild, type FixtureBuild } from "../helpers/shared-fixture-builds.ts";

// A manual whose guide uses every construct the README's Markdown reference lists, as an editor would
// write them together on one page: what each renders to is pinned in tests/markdown/; this proves they
// sit together on a page that the check, the build and the gates all pass, at the root and under a prefix.
const CONTENT_DIR = "tests/fixtures/authoring";
const GUIDE = "/guides/everything/";

for (const pathPrefix of ["/", "/orchard/"]) {
  describe(`a page using every Markdown construct, built ${pathPrefix === "/" ? "at the root" : `under ${pathPrefix}`}`, () => {
    let siteDir: string;
    let build: FixtureBuild;
    let $: CheerioAPI;
    before(async () => {
      // tests/browser/authoring-gates.test.ts reads the same build at the root.
      build = await fixtureBuild("authoring", pathPrefix);
      siteDir = build.siteDir;
      $ = readPage(siteDir, GUIDE);
    });

    it("builds with no error or warning", () => {
      assert.equal(build.code, 0, build.stderr);
      assert.doesNotMatch(build.stderr + build.stdout, /warning|error/, "no diagnostics");
    });

    it("draws each construct as its component, with none left as raw syntax", () => {
      for (const selector of [
        ".govuk-inset-text",
        ".govuk-warning-text",
        ".govuk-notification-banner",
        "details.govuk-details",
        ".govuk-tabs",
        ".govuk-accordion",
        ".govuk-summary-list",
        ".govuk-panel",
        "a.govuk-button--start",
        "dl.app-definition-list",
        "abbr[title='Hypertext Markup Language']",
        "figure.app-figure figcaption",
        ".app-footnotes",
        ".app-code-block .hljs-string",
        ".app-linked-heading__link",
        "img[alt='The same plan, shown through an Obsidian embed']",
      ])
        assert.ok($(selector).length > 0, selector);
      const text = $("main").text();
      for (const raw of ["[!NOTE]", "[!tip]", ":::", "![[", "[^1]", "*[HTML]", "[x]", "^ Pick", "% Wear"])
        assert.ok(!text.includes(raw), `no raw ${raw}`);
      assert.match(text, /“Little and often” – that’s the rule for feeding trees…/);
    });

    it("passes the source check, and html-validate and the link check on the built site", async () => {
      const settings = readSettings({ CONTENT_DIR, PATH_PREFIX: pathPrefix });
      const checked = await checkSite(projectRoot, undefined, settings);
      assert.equal(formatDiagnostics(checked.diagnostics), "");
      const html = await checkHtml({ siteDir, pathPrefix });
      assert.equal(formatDiagnostics(html.findings), "", html.summary);
      const links = await checkLinks({ siteDir, pathPrefix });
      assert.equal(formatDiagnostics(links.findings), "", links.summary);
    });
  });
}
