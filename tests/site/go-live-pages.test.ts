import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "yaml";
import { buildInProcess, projectRoot, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, printedDiagnostics, shown } from "../helpers/content-dir.ts";

const realSite = () => JSON.parse(readFileSync(path.join(projectRoot, "content/_data/site.json"), "utf8"));

describe("the accessibility statement, cookies and privacy pages", () => {
  let site: string;
  let published: string;
  before(async () => {
    site = path.join(testOutputDir, "go-live", "local");
    const local = await buildInProcess({
      CONTENT_DIR: makeContentDir("go-live-local", {}),
      OUTPUT_DIR: site,
      SITE_TODAY: "2026-03-02",
    });
    assert.equal(local.code, 0, local.stderr);
    assert.doesNotMatch(local.stderr, /warning/, "the site's own site.json fills in every field");
    published = path.join(testOutputDir, "go-live", "published");
    const run = await buildInProcess({
      CONTENT_DIR: makeContentDir("go-live-published", {}),
      OUTPUT_DIR: published,
      SITE_TODAY: "2026-03-04",
      GITHUB_ACTIONS: "true",
      GITHUB_JOB: "deploy",
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_REPOSITORY: "DEFRA/service-manual",
      GITHUB_RUN_ID: "42",
    });
    assert.equal(run.code, 0, run.stderr);
  });

  it("are linked from every page's footer by default", () => {
    const $ = readPage(site, "/");
    assert.deepEqual(
      $(".govuk-footer__meta .govuk-footer__inline-list a")
        .map((_, link) => $(link).attr("href"))
        .get(),
      ["/accessibility-statement/", "/cookies/", "/privacy/"],
    );
  });

  it("are in the sitemap, so the accessibility gate checks them", () => {
    const sitemap = readFileSync(path.join(site, "sitemap.xml"), "utf8");
    for (const url of ["accessibility-statement/", "cookies/", "privacy/"])
      assert.match(sitemap, new RegExp(`/${url}<`));
  });

  it("give the statement GOV.UK's sections, site.json's contact and the checks the gates run", () => {
    const $ = readPage(site, "/accessibility-statement/");
    assert.deepEqual(
      $("main h2")
        .map((_, heading) => $(heading).text().trim())
        .get(),
      [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Non-accessible content",
        "What we’re doing to improve accessibility",
        "Preparation of this accessibility statement",
      ],
    );
    const text = $("main").text().replace(/\s+/g, " ");
    assert.match(text, new RegExp(realSite().accessibilityStatement.contact.email));
    assert.match(text, /Equality and Human Rights Commission/);
    assert.match(text, /version 2\.2 AA standard/);
    assert.match($("[data-statement-checks]").text(), /wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa/);
    assert.match($("[data-statement-checks]").text(), /320 pixels wide/);
    assert.match($("[data-checks-passed]").text(), /built on 2 March 2026 outside the publishing workflow/);
  });

  it("say the checks passed on the build's date only when the publishing workflow built it", () => {
    const $ = readPage(published, "/accessibility-statement/");
    const passed = $("[data-checks-passed]");
    assert.match(passed.text().replace(/\s+/g, " "), /published on 4 March 2026 .* so it passed them on that date/);
    assert.equal(passed.find("a").attr("href"), "https://github.com/DEFRA/service-manual/actions/runs/42");
  });

  it("are only true of the workflow: deploy runs after the job that runs every gate", () => {
    const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/pages.yml"), "utf8"));
    assert.equal(workflow.jobs.deploy.needs, "checks");
    const checks = workflow.jobs.checks.steps.map((step: { run?: string }) => step.run ?? "").join("\n");
    for (const gate of ["check:a11y", "check:html", "check:links"]) assert.match(checks, new RegExp(gate));
  });

  it("say the site sets no cookies when it has no analytics, and the privacy notice names the controller", () => {
    assert.match(readPage(site, "/cookies/")("[data-no-cookies]").text(), /does not set any cookies/);
    assert.equal(readPage(site, "/").root().find(".govuk-cookie-banner").length, 0);
    assert.match(readPage(site, "/privacy/")("main").text(), new RegExp(realSite().privacy.contactEmail));
  });
});

describe("site.json without the go-live fields", () => {
  it("builds, warning once per missing field, and a content page replaces the generated one", async () => {
    const bare = { ...realSite() };
    delete bare.accessibilityStatement;
    delete bare.privacy;
    const dir = makeContentDir("go-live-bare", {
      "_data/site.json": JSON.stringify(bare, null, 2),
      "privacy.md": "---\ntitle: Our privacy notice\n---\n\nWritten by hand.\n",
    });
    const output = path.join(testOutputDir, "go-live", "bare");
    const build = await buildInProcess({ CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: output });
    assert.equal(build.code, 0, build.stderr);
    const warnings = printedDiagnostics(build.stdout + build.stderr).filter((line) => line.severity === "warning");
    assert.deepEqual(
      warnings.map((warning) => [warning.file, warning.field]),
      [
        "accessibilityStatement.contact",
        "accessibilityStatement.responseDays",
        "accessibilityStatement.compliance",
        "accessibilityStatement.prepared",
      ].map((field) => [shown(dir, "_data/site.json"), field]),
    );
    assert.equal(readPage(output, "/privacy/")("h1").text().trim(), "Our privacy notice");
  });
});
