import Eleventy from "@11ty/eleventy";
import { ContentError, formatDiagnostic } from "../diagnostics.ts";
import { TEMPLATES_INPUT_DIR } from "./templates-input.ts";

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
  for (let cause: unknown = error; cause; cause = (cause as { originalError?: unknown; cause?: unknown }).originalError ?? (cause as { cause?: unknown }).cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    // Eleventy, Sass and the swap write files too: a full disk is said as such wherever it happens.
    if (code === "ENOSPC" || code === "EDQUOT") {
      // A failed write() names no path; Eleventy's wrapping error does ("Having trouble writing to …").
      const where = (cause as NodeJS.ErrnoException).path ?? /writing to (?:\(second pass\) )?"?([^"\s]+)/.exec(error instanceof Error ? error.message : "")?.[1];
      return `${code === "ENOSPC" ? "the disk is full (ENOSPC)" : "the disk quota is used up (EDQUOT)"}${where ? ` while writing ${where}` : ""}: free some space and build again`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
