import type { BenchResults } from "./run-bench.ts";

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  return [line(header), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** The benchmark's results as the short Markdown tables the README quotes. */
export function formatReport(results: BenchResults): string {
  const { machine, firstView, devServer } = results;
  const builds = table(
    [
      "pages",
      "our build",
      "floor",
      "ratio",
      "CPU ours/floor",
      "pages/s",
      "peak RSS (Node alone)",
      "floor peak RSS",
      "HTML/page",
      "output/page",
    ],
    results.builds.map((build) => [
      build.pages.toLocaleString("en-GB"),
      seconds(build.ours.medianWallMs),
      seconds(build.floor.medianWallMs),
      `${build.ratioToFloor.toFixed(2)}×`,
      `${seconds(build.ours.medianCpuMs)} / ${seconds(build.floor.medianCpuMs)}`,
      Math.round(build.ours.pagesPerSecond).toLocaleString("en-GB"),
      `${Math.round(build.ours.peakRssMb)} MB (${Math.round(build.ours.nodePeakRssMb)} MB)`,
      `${Math.round(build.floor.peakRssMb)} MB`,
      kb(build.ours.htmlBytesPerPage),
      kb(build.ours.outputBytesPerPage),
    ]),
  );
  const scaling = results.scaling
    ? `\nFrom ${results.scaling.fromPages.toLocaleString("en-GB")} to ${results.scaling.toPages.toLocaleString("en-GB")} pages our build took ${results.scaling.timeRatio.toFixed(2)}× the time.`
    : "";
  const dev = `Dev server, ${devServer.pages.toLocaleString("en-GB")} pages: saving ${devServer.url} had its HTML rebuilt in ${Math.round(devServer.medianSaveMs)} ms (median of ${devServer.savesMs.map(Math.round).join(", ")} ms; first build ${seconds(devServer.startupMs)}${devServer.restartMs === undefined ? "" : `, ${seconds(devServer.restartMs)} when started again`}).`;
  const withComponents = results.firstViewWithComponents;
  const componentsView = `First view of a page with components (${withComponents.url}): HTML ${kb(withComponents.htmlGzipBytes)} + CSS ${kb(withComponents.cssGzipBytes)} + JS ${kb(withComponents.jsGzipBytes)} = ${kb(withComponents.totalGzipBytes)} gzipped.`;
  const view = `First view of ${firstView.url}: HTML ${kb(firstView.htmlGzipBytes)} + CSS ${kb(firstView.cssGzipBytes)} + JS ${kb(firstView.jsGzipBytes)} = ${kb(firstView.totalGzipBytes)} gzipped; web fonts: ${firstView.webFonts.length ? firstView.webFonts.join(", ") : "none"}.`;
  const pageTypes = results.firstViewPageTypes?.length
    ? `\nFirst view of each page type in the Defra app fixture's site, gzipped:\n\n${table(
        ["page type", "page", "HTML", "CSS", "JS", "total"],
        results.firstViewPageTypes.map((view) => [
          view.type,
          view.url,
          kb(view.htmlGzipBytes),
          kb(view.cssGzipBytes),
          kb(view.jsGzipBytes),
          kb(view.totalGzipBytes),
        ]),
      )}\n`
    : "";
  const targets = table(
    ["target", "measured", "met"],
    results.targets.map((target) => [
      target.target,
      target.measured,
      target.met === null ? "not measured" : target.met ? "yes" : "**no**",
    ]),
  );
  return [
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB memory, Node ${machine.node}, ${machine.platform}.`,
    `Medians of ${results.repetitions} alternating runs each; corpus seed ${results.seed}.`,
    "",
    builds,
    scaling,
    "",
    dev,
    view,
    componentsView,
    pageTypes,
    "",
    targets,
  ].join("\n");
}
