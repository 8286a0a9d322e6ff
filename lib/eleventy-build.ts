import Eleventy from "@11ty/eleventy";
import { ContentError, formatDiagnostic } from "./content/diagnostics.ts";
import { TEMPLATES_INPUT_DIR } from "./config/templates-input.ts";

/** Runs the Eleventy build into outputDir with the project's configuration. */
export async function runEleventy(outputDir: string, options: { quiet?: boolean } = {}): Promise<void> {
  const eleventy = new Eleventy(TEMPLATES_INPUT_DIR, outputDir, { configPath: "eleventy.config.ts", quietMode: options.quiet ?? true });
  await eleventy.write();
}

/** The message an editor should see for a failed build: the content problems, not Eleventy's stack. */
export function explainBuildError(error: unknown): string {
  for (let cause: unknown = error; cause; cause = (cause as { originalError?: unknown; cause?: unknown }).originalError ?? (cause as { cause?: unknown }).cause) {
    if (cause instanceof ContentError || (cause as Error)?.name === "ContentError") {
      const diagnostics = (cause as ContentError).diagnostics;
      return diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n");
    }
  }
  return error instanceof Error ? error.message : String(error);
}
