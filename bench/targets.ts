import type { DevServerMeasurement } from "./dev-server.ts";
import type { FirstViewMeasurement, PageTypeFirstView } from "./first-view.ts";
import type { LighthousePage } from "./lighthouse.ts";
import type { SizeResult } from "./run-bench.ts";

/** One of the performance targets (README, Performance), with what this run measured. `met` is null when the run did not measure it. */
export interface TargetResult {
  target: string;
  measured: string;
  met: boolean | null;
}

/** The limits the issue sets: performance is judged here, by the benchmark, never by timed tests. */
export const LIMITS = {
  ratioToFloorAt4000: 1.5,
  peakRssMbAt10000: 1024,
  timeRatio4000To10000: 2.7,
  devSaveMs: 1000,
  firstViewGzipBytes: 20_000,
  ratioToFloorAt120: 1.5,
  warmRebuildToFloorAt4000: 0.3,
  devStartMsAt120: 2000,
  devSaveMsAt120: 300,
  lighthousePerformance: 99,
  lighthouseOthers: 100,
  cumulativeLayoutShift: 0.01,
} as const;

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** The first view of every page type in the Defra app fixture's site, named where one is over the limit. */
function pageTypesTarget(views: PageTypeFirstView[]): TargetResult {
  const target = `first view of every page type in the Defra app fixture's site at most ${kb(LIMITS.firstViewGzipBytes)} gzipped`;
  if (!views.length) return { target, measured: "not run", met: null };
  const over = views.filter((view) => view.totalGzipBytes > LIMITS.firstViewGzipBytes);
  const largest = views.reduce((a, b) => (b.totalGzipBytes > a.totalGzipBytes ? b : a));
  const measured = over.length
    ? `over on ${over.length} of ${views.length}: ${over.map((view) => `${view.type} ${kb(view.totalGzipBytes)}`).join(", ")}`
    : `all ${views.length} at most ${kb(largest.totalGzipBytes)} (the ${largest.type})`;
  return { target, measured, met: over.length === 0 };
}

/** Checks the measurements against the issue's targets. */
export function evaluateTargets(results: {
  builds: SizeResult[];
  scaling?: { fromPages: number; toPages: number; timeRatio: number };
  devServer: DevServerMeasurement;
  devServerSmall?: DevServerMeasurement;
  lighthouse?: LighthousePage[];
  firstView: FirstViewMeasurement;
  firstViewPageTypes?: PageTypeFirstView[];
  firstViewWithComponents: FirstViewMeasurement;
}): TargetResult[] {
  const at = (pages: number) => results.builds.find((build) => build.pages === pages);
  const at4000 = at(4000);
  const at10000 = at(10000);
  const scaling =
    results.scaling?.fromPages === 4000 && results.scaling.toPages === 10000 ? results.scaling : undefined;
  const devOn4000 = results.devServer.pages === 4000;
  const at120 = at(120);
  const small = results.devServerSmall?.pages === 120 ? results.devServerSmall : undefined;
  const lighthouse = results.lighthouse ?? [];
  const lighthouseTargets: TargetResult[] = lighthouse.length
    ? lighthouse.flatMap((page) => [
        {
          target: `Lighthouse on the ${page.type} (${page.url}): performance at least ${LIMITS.lighthousePerformance}, accessibility, best practices and SEO ${LIMITS.lighthouseOthers}`,
          measured: `performance ${page.scores.performance}, accessibility ${page.scores.accessibility}, best practices ${page.scores.bestPractices}, SEO ${page.scores.seo}`,
          met:
            page.scores.performance >= LIMITS.lighthousePerformance &&
            [page.scores.accessibility, page.scores.bestPractices, page.scores.seo].every(
              (score) => score >= LIMITS.lighthouseOthers,
            ),
        },
        {
          target: `layout shift on the ${page.type} at most ${LIMITS.cumulativeLayoutShift}`,
          measured: `${page.cumulativeLayoutShift.toFixed(3)}${page.shifts.length ? ` (${page.shifts.join("; ")})` : ""}`,
          met: page.cumulativeLayoutShift <= LIMITS.cumulativeLayoutShift,
        },
      ])
    : [{ target: "Lighthouse on every page type", measured: "not run", met: null }];
  return [
    {
      target: `120 pages build in at most ${LIMITS.ratioToFloorAt120}× the floor's time`,
      measured: at120
        ? `${at120.ratioToFloor.toFixed(2)}× (${(at120.ours.medianWallMs / 1000).toFixed(2)} s against ${(at120.floor.medianWallMs / 1000).toFixed(2)} s; CPU ${(at120.ours.medianCpuMs / 1000).toFixed(1)} s against ${(at120.floor.medianCpuMs / 1000).toFixed(1)} s)`
        : "not run (add 120 to --sizes)",
      met: at120 ? at120.ratioToFloor <= LIMITS.ratioToFloorAt120 : null,
    },
    {
      target: `4,000 pages rebuild after one page changes in at most ${LIMITS.warmRebuildToFloorAt4000}× the floor's cold build`,
      measured: at4000
        ? `${(at4000.warmRebuild.wallMs / at4000.floor.medianWallMs).toFixed(2)}× (${(at4000.warmRebuild.wallMs / 1000).toFixed(1)} s)`
        : "not run",
      met: at4000 ? at4000.warmRebuild.wallMs <= LIMITS.warmRebuildToFloorAt4000 * at4000.floor.medianWallMs : null,
    },
    {
      target: `the 120-page dev server serves its first page within ${LIMITS.devStartMsAt120 / 1000} s`,
      measured: small
        ? `${Math.round(small.startupMs)} ms with an empty build cache${small.restartMs === undefined ? "" : `; ${Math.round(small.restartMs)} ms started again`}`
        : "not run",
      met: small ? small.startupMs <= LIMITS.devStartMsAt120 : null,
    },
    {
      target: `saving one page in the 120-page dev server rebuilds its HTML within ${LIMITS.devSaveMsAt120} ms`,
      measured: small ? `${Math.round(small.medianSaveMs)} ms (median of ${small.savesMs.length})` : "not run",
      met: small ? small.medianSaveMs <= LIMITS.devSaveMsAt120 : null,
    },
    ...lighthouseTargets,
    {
      target: `4,000 pages build in at most ${LIMITS.ratioToFloorAt4000}× the floor's time`,
      measured: at4000
        ? `${at4000.ratioToFloor.toFixed(2)}× (${(at4000.ours.medianWallMs / 1000).toFixed(1)} s against ${(at4000.floor.medianWallMs / 1000).toFixed(1)} s)`
        : "not run",
      met: at4000 ? at4000.ratioToFloor <= LIMITS.ratioToFloorAt4000 : null,
    },
    {
      target: "10,000 pages build with peak memory under 1 GB",
      measured: at10000 ? `${Math.round(at10000.ours.peakRssMb)} MB` : "not run (add 10000 to --sizes)",
      met: at10000 ? at10000.ours.peakRssMb < LIMITS.peakRssMbAt10000 : null,
    },
    {
      target: `4,000 → 10,000 pages take at most ${LIMITS.timeRatio4000To10000}× the time`,
      measured: scaling ? `${scaling.timeRatio.toFixed(2)}×` : "not run (needs sizes 4000 and 10000)",
      met: scaling ? scaling.timeRatio <= LIMITS.timeRatio4000To10000 : null,
    },
    {
      target: "saving one page in the 4,000-page dev server rebuilds its HTML in under 1 s",
      measured: `${Math.round(results.devServer.medianSaveMs)} ms (median of ${results.devServer.savesMs.length}, ${results.devServer.pages} pages)`,
      met: devOn4000 ? results.devServer.medianSaveMs < LIMITS.devSaveMs : null,
    },
    {
      target: `first view downloads at most ${kb(LIMITS.firstViewGzipBytes)} gzipped HTML, CSS and JS`,
      measured: kb(results.firstView.totalGzipBytes),
      met: results.firstView.totalGzipBytes <= LIMITS.firstViewGzipBytes,
    },
    pageTypesTarget(results.firstViewPageTypes ?? []),
    {
      target: `first view of a page with components downloads at most ${kb(LIMITS.firstViewGzipBytes)} gzipped`,
      measured: kb(results.firstViewWithComponents.totalGzipBytes),
      met: results.firstViewWithComponents.totalGzipBytes <= LIMITS.firstViewGzipBytes,
    },
    {
      target: "first view requests no web fonts",
      measured: results.firstView.webFonts.length ? results.firstView.webFonts.join(", ") : "none",
      met: results.firstView.webFonts.length === 0,
    },
  ];
}
