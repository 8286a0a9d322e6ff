import { formatDiagnostic } from "../lib/diagnostics.ts";
import { explainBuildError } from "../lib/eleventy/run-eleventy.ts";
import { checkSite } from "../lib/gates/source-links.ts";

// Validates every page the way the build reads it (front matter, folder defaults, navigation
// names, HTML in bodies), every internal link, image and #fragment in the source, and each page's
// headings, ids and alt text, without running Eleventy, Sass or the layouts: quick enough to run on
// save, and it names the file and line each problem is written on. Errors are what check:links and
// check:html would fail the built site on.
try {
  const { model, diagnostics } = await checkSite();
  for (const diagnostic of diagnostics) console.log(formatDiagnostic(diagnostic));
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  console.log(
    `\nChecked ${plural(model.pages.length, "page")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
  );
  if (errors) process.exitCode = 1;
} catch (error) {
  console.error(explainBuildError(error));
  process.exitCode = 1;
}
