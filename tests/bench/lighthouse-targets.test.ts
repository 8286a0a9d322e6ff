import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PageTypeFirstView } from "../../bench/first-view.ts";
import type { LighthousePage } from "../../bench/lighthouse.ts";
import { evaluateTargets } from "../../bench/targets.ts";

const page = (overrides: Partial<LighthousePage>): LighthousePage => ({
  type: "content page",
  url: "/a/",
  scores: { performance: 100, accessibility: 100, bestPractices: 100, seo: 100 },
  cumulativeLayoutShift: 0,
  shifts: [],
  ...overrides,
});

const judged = (lighthouse: LighthousePage[], firstViewPageTypes: PageTypeFirstView[] = []) =>
  evaluateTargets({
    builds: [],
    devServer: { pages: 20, url: "/a/", savesMs: [1], medianSaveMs: 1, startupMs: 1 },
    lighthouse,
    firstView: {
      url: "/a/",
      htmlGzipBytes: 1,
      cssGzipBytes: 1,
      jsGzipBytes: 1,
      totalGzipBytes: 3,
      webFonts: [],
    } as never,
    firstViewWithComponents: { totalGzipBytes: 3, webFonts: [] } as never,
    firstViewPageTypes,
  });

const weighed = (type: string, totalGzipBytes: number) => ({ type, url: "/a/", totalGzipBytes }) as PageTypeFirstView;

describe("the benchmark's Lighthouse targets", () => {
  it("meets a page that scores full marks and does not move", () => {
    const targets = judged([page({})]).filter((target) => target.target.includes("content page"));
    assert.equal(targets.length, 2);
    assert.ok(targets.every((target) => target.met === true));
  });

  it("reports a missed score and a layout shift with their figures and what moved", () => {
    const targets = judged([
      page({
        scores: { performance: 97, accessibility: 100, bestPractices: 100, seo: 92 },
        cumulativeLayoutShift: 0.0465,
        shifts: ["img.app-site-header__logo (0.047)"],
      }),
    ]);
    const scores = targets.find((target) => target.target.startsWith("Lighthouse on the content page"))!;
    assert.equal(scores.met, false);
    assert.match(scores.measured, /performance 97.*SEO 92/);
    const shift = targets.find((target) => target.target.startsWith("layout shift on the content page"))!;
    assert.equal(shift.met, false);
    assert.match(shift.measured, /^0\.04\d \(img\.app-site-header__logo/);
  });

  it("leaves Lighthouse open when it did not run", () => {
    assert.equal(judged([]).find((target) => target.target.startsWith("Lighthouse"))?.met, null);
  });

  it("judges the first view of every page type, naming those over the limit", () => {
    const pageTypes = (views: PageTypeFirstView[]) =>
      judged([], views).find((target) => target.target.startsWith("first view of every page type"))!;
    const met = pageTypes([weighed("hub", 19_000), weighed("search", 20_000)]);
    assert.equal(met.met, true);
    assert.equal(met.measured, "all 2 at most 20.0 KB (the search)");
    const missed = pageTypes([weighed("hub", 19_000), weighed("search", 25_300), weighed("A to Z", 21_100)]);
    assert.equal(missed.met, false);
    assert.equal(missed.measured, "over on 2 of 3: search 25.3 KB, A to Z 21.1 KB");
    assert.equal(pageTypes([]).met, null);
  });
});
