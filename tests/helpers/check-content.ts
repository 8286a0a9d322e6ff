import { readFileSync } from "node:fs";
import path from "node:path";
import { printedText } from "../../lib/command-output.ts";
import { projectRoot } from "./built-site.ts";
import type { ScriptRun } from "./content-dir.ts";

/**
 * What `npm run check` prints and how it exits for a content folder, from the command's own body
 * (lib/gates/check-command.ts) run in this process: a child process per case costs a second of start-up
 * and proves nothing more. tests/content/bad-pages.test.ts keeps one case through the real script.
 */
export async function checkContent(contentDir: string, env: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  // Loaded on first use, as in built-site.ts: the model and Markdown come with it.
  const { checkCommand } = await import("../../lib/gates/check-command.ts");
  // The settings are the given environment's alone, not this test process's, so a variable set around the tests changes nothing.
  const result = await checkCommand([], { env: { ...env, CONTENT_DIR: contentDir }, cwd: projectRoot });
  return { code: result.exitCode, stdout: printedText(result, "stdout"), stderr: printedText(result, "stderr") };
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
