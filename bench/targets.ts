import type { DevServerMeasurement } from "./dev-server.ts";
import type { FirstViewMeasurement } from "./first-view.ts";
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
  firstViewGzipBytes: 30_000,
} as const;

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** Checks the measurements against the targets. */
export function evaluateTargets(results: {
  builds: SizeResult[];
  scaling?: { fromPages: number; toPages: number; timeRatio: number };
  devServer: DevServerMeasurement;
  firstView: FirstViewMeasurement;
  firstViewWithComponents: FirstViewMeasurement;
}): TargetResult[] {
  const at = (pages: number) => results.builds.find((build) => build.pages === pages);
  const at4000 = at(4000);
  const at10000 = at(10000);
  const scaling =
    results.scaling?.fromPages === 4000 && results.scaling.toPages === 10000 ? results.scaling : undefined;
  const devOn4000 = results.devServer.pages === 4000;
  return [
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
