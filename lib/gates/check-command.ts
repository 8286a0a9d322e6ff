import path from "node:path";
import { commandOutput, type CommandContext, type CommandResult } from "../command-output.ts";
import { formatDiagnostic } from "../diagnostics.ts";
import { readSettings } from "../settings.ts";
import { checkSite } from "./source-links.ts";

/**
 * `npm run check`: validates every page the way the build reads it (front matter, folder defaults,
 * navigation names, HTML in bodies), every internal link, image and #fragment in the source, and each
 * page's headings, ids and alt text, without running Eleventy, Sass or the layouts: quick enough to run
 * on save, and it names the file and line each problem is written on. Errors are what check:links and
 * check:html would fail the built site on; the command exits 1 when there is one.
 */
export async function checkCommand(_args: string[], context: CommandContext): Promise<CommandResult> {
  const output = commandOutput(context.print);
  try {
    const settings = readSettings(context.env);
    const { model, diagnostics } = await checkSite(
      context.cwd,
      path.resolve(context.cwd, settings.contentDir),
      settings,
    );
    for (const diagnostic of diagnostics) output.out(formatDiagnostic(diagnostic));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
    const warnings = diagnostics.length - errors;
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
    output.out(
      `\nChecked ${plural(model.pages.length, "page")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
    );
    return output.exit(errors ? 1 : 0);
  } catch (error) {
    // Loaded only here: explaining a failure is the one thing the check needs Eleventy's module for.
    const { explainBuildError } = await import("../eleventy/run-eleventy.ts");
    output.err(explainBuildError(error));
    return output.exit(1);
  }
}
