import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { printedText } from "../../lib/command-output.ts";
import { checkHtml } from "../../lib/gates/html-validation.ts";
import { contentHealth, type ContentHealthView } from "../../lib/model/content-health.ts";
import { loadSiteModel } from "../../lib/model/load-site-model.ts";
import { reportReviewCommand } from "../../lib/model/report-review-command.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot, readPage, SITES, standardSite } from "../helpers/built-site.ts";
import { gateOnStandardSite } from "../helpers/shared-fixture-builds.ts";

const FIXTURE = SITES.findability.CONTENT_DIR;
const PREFIX = SITES.findability.PATH_PREFIX;
const TODAY = SITES.findability.SITE_TODAY;

let siteDir: string;
let api: ContentHealthView;
let report: {
  today: string;
  pages: {
    status: string;
    url: string;
    owner: string | null;
    lastReviewed: string;
    reviewDue: string;
    daysUntilDue: number;
  }[];
};

before(async () => {
  const [dir, printed] = await Promise.all([
    standardSite("findability"),
    // The command's body in this process; tests/model/report-review.test.ts runs the command itself.
    reportReviewCommand(["--json"], {
      env: { ...process.env, CONTENT_DIR: FIXTURE, SITE_TODAY: TODAY },
      cwd: projectRoot,
    }),
  ]);
  siteDir = dir;
  api = JSON.parse(readFileSync(path.join(siteDir, "api/pages.json"), "utf8"));
  assert.equal(printed.exitCode, 0, printedText(printed, "stderr"));
  report = JSON.parse(printedText(printed, "stdout"));
});

describe("content health", () => {
  it("lists every page in /api/pages.json with its owner, review dates and state", async () => {
    const settings = readSettings({ ...SITES.findability });
    const { model } = await loadSiteModel(projectRoot, undefined, undefined, settings);
    assert.equal(api.today, TODAY);
    assert.deepEqual(api.pages.map((row) => row.url).sort(), model.pages.map((page) => page.url).sort());
    const byUrl = new Map(api.pages.map((row) => [row.url, row]));
    assert.deepEqual(byUrl.get("/reference/overdue-page/"), {
      url: "/reference/overdue-page/",
      absoluteUrl: "https://manual.example.gov.uk/manual/reference/overdue-page/",
      title: "Overdue page",
      file: "tests/fixtures/findability/reference/overdue-page.md",
      owner: "Content design team",
      lastReviewed: "2025-01-10",
      reviewDue: "2025-07-10",
      daysUntilDue: -189,
      state: "overdue",
    });
    assert.equal(byUrl.get("/reference/current-page/")?.state, "ok");
    assert.equal(byUrl.get("/reference/due-today-page/")?.state, "due soon");
    assert.equal(byUrl.get("/reference/due-today-page/")?.owner, null);
    assert.equal(byUrl.get("/guides/budgets/")?.state, "no owner");
    assert.deepEqual(
      api.counts.map(({ state, count }) => [state, count]),
      ["overdue", "due soon", "no owner", "no review date", "ok"].map((state) => [
        state,
        api.pages.filter((row) => row.state === state).length,
      ]),
    );
  });

  it("agrees with npm run report:review --json on every overdue and due-soon page", () => {
    assert.equal(report.today, api.today);
    const due = api.pages
      .filter((row) => row.state === "overdue" || row.state === "due soon")
      .map((row) => ({
        status: row.state,
        url: row.url,
        owner: row.owner,
        lastReviewed: row.lastReviewed,
        reviewDue: row.reviewDue,
        daysUntilDue: row.daysUntilDue,
      }));
    assert.deepEqual(
      due,
      report.pages.map(({ status, url, owner, lastReviewed, reviewDue, daysUntilDue }) => ({
        status,
        url,
        owner,
        lastReviewed,
        reviewDue,
        daysUntilDue,
      })),
    );
    assert.ok(due.length >= 3, "the fixture has overdue and due-soon pages to compare");
  });

  it("publishes the same rows as a page at /content-health/, in the same order", () => {
    const $ = readPage(siteDir, "content-health");
    assert.equal($("h1").text(), "Content health");
    const rows = $("table tbody tr")
      .toArray()
      .map((row) => {
        const cells = $(row).children();
        return {
          href: cells.eq(0).find("a").attr("href"),
          owner: cells.eq(1).text().trim(),
          lastReviewed: cells.eq(2).find("time").attr("datetime") ?? null,
          reviewDue: cells.eq(3).find("time").attr("datetime") ?? null,
          state: cells.eq(4).text().trim().toLowerCase(),
        };
      });
    assert.deepEqual(
      rows,
      api.pages.map((row) => ({
        href: `${PREFIX.replace(/\/$/, "")}${row.url}`,
        owner: row.owner ?? "No owner",
        lastReviewed: row.lastReviewed,
        reviewDue: row.reviewDue,
        state: row.state,
      })),
    );
    assert.match($("main").text(), /15 January 2026/);
    assert.ok(
      readFileSync(path.join(siteDir, "sitemap.xml"), "utf8").includes("/manual/content-health/"),
      "in the sitemap, so the accessibility gate visits it",
    );
  });

  it("passes the HTML and link gates", async () => {
    const page = `${PREFIX}content-health/`;
    // html-validate reads each file on its own, so the page alone gives the findings it has in the whole site;
    // the links need the whole site, as the pages they point at.
    const pageAlone = mkdtempSync(path.join(tmpdir(), "content-health-page-"));
    mkdirSync(path.join(pageAlone, "content-health"));
    copyFileSync(path.join(siteDir, "content-health/index.html"), path.join(pageAlone, "content-health/index.html"));
    const [html, links] = await Promise.all([
      checkHtml({ siteDir: pageAlone, pathPrefix: PREFIX }),
      gateOnStandardSite("findability", "links"),
    ]);
    rmSync(pageAlone, { recursive: true });
    assert.match(html.summary, /^1 pages$/, "html-validate read the page");
    const onPage = (findings: { file: string }[]) => findings.filter((finding) => finding.file.startsWith(page));
    assert.deepEqual(onPage(html.findings), []);
    assert.deepEqual(onPage(links.findings), []);
  });

  it("ranks states most urgent first, and a page never reviewed is not ok", () => {
    const today = new Date("2026-01-15T00:00:00Z");
    const view = contentHealth(
      [
        { url: "/b/", title: "B", file: "b.md", owner: "Team" },
        { url: "/a/", title: "A", file: "a.md" },
        {
          url: "/c/",
          title: "C",
          file: "c.md",
          owner: "Team",
          review: {
            lastReviewed: new Date("2025-01-01T00:00:00Z"),
            reviewDue: new Date("2025-07-01T00:00:00Z"),
            owner: "Team",
            overdue: true,
            dueSoon: false,
          },
        },
      ],
      today,
      { url: "https://example.gov.uk", pathPrefix: "/" },
    );
    assert.deepEqual(
      view.pages.map((row) => [row.url, row.state]),
      [
        ["/c/", "overdue"],
        ["/a/", "no owner"],
        ["/b/", "no review date"],
      ],
    );
  });
});
