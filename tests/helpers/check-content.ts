import { readFileSync } from "node:fs";
import path from "node:path";
import { formatDiagnostic } from "../../lib/diagnostics.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "./built-site.ts";
import type { ScriptRun } from "./content-dir.ts";

/**
 * What `npm run check` prints and how it exits for a content folder, worked out in this process as
 * scripts/check.ts does: a child process per case costs a second of start-up and proves nothing more.
 * tests/content/bad-pages.test.ts keeps one case through the real script, so the two cannot drift apart.
 */
export async function checkContent(contentDir: string, env: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  // Loaded on first use, as in built-site.ts: Eleventy comes with them.
  const [{ explainBuildError }, { checkSite }] = await Promise.all([
    import("../../lib/eleventy/run-eleventy.ts"),
    import("../../lib/gates/source-links.ts"),
  ]);
  try {
    // The settings are the given environment's alone, not this test process's, so a variable set around the tests changes nothing.
    const settings = readSettings({ ...env, CONTENT_DIR: contentDir });
    const { model, diagnostics } = await checkSite(projectRoot, path.resolve(projectRoot, contentDir), settings);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
    const warnings = diagnostics.length - errors;
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
    const lines = diagnostics.map(formatDiagnostic);
    lines.push(
      `\nChecked ${plural(model.pages.length, "page")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
    );
    return { code: errors ? 1 : 0, stdout: `${lines.join("\n")}\n`, stderr: "" };
  } catch (error) {
    return { code: 1, stdout: "", stderr: `${explainBuildError(error)}\n` };
  }
}

/**
 * The real site's settings without its main navigation, for content folders made to test the check:
 * that navigation leads to the real site's sections, which a small fixture does not have, so every
 * case would also report those links as dead.
 */
export const CHECK_FIXTURE_DATA: Record<string, string> = {
  "_data/site.json": JSON.stringify(
    { ...JSON.parse(readFileSync(path.join(projectRoot, "content", "_data", "site.json"), "utf8")), navigation: [] },
    null,
    2,
  ),
};
