import Eleventy from "@11ty/eleventy";
import { ContentError, formatDiagnostic } from "../diagnostics.ts";
import type { Settings } from "../settings.ts";
import type { SiteToRender } from "./pages.ts";
import type { UsedStyles } from "./used-components.ts";
import { sitePlugin } from "./site-plugin.ts";
import { TEMPLATES_INPUT_DIR } from "./templates-input.ts";
import type { EleventyConfig } from "./types.ts";

/** A file Eleventy wrote, with what it wrote (after every transform). */
export interface RenderedFile {
  outputPath?: string | false;
  content?: unknown;
}

/**
 * Renders a site into outputDir with Eleventy, configured here rather than by eleventy.config.ts
 * (which reads the environment for the dev server), so each call renders with its own settings.
 * `prerendered` are the styles of pages already in outputDir from an earlier build, which the
 * stylesheet must still hold. Returns what was written, for the build cache to keep.
 */
export async function runEleventy(
  outputDir: string,
  options: {
    settings: Settings;
    projectRoot: string;
    site: SiteToRender;
    quiet?: boolean;
    prerendered?: UsedStyles[];
  },
): Promise<RenderedFile[]> {
  const { settings, projectRoot, site, prerendered } = options;
  const eleventy = new Eleventy(TEMPLATES_INPUT_DIR, outputDir, {
    // No configuration file: everything comes from the plugin.
    configPath: false,
    pathPrefix: settings.pathPrefix,
    quietMode: options.quiet ?? true,
    config: (eleventyConfig: EleventyConfig) => {
      // Here, not in the plugin: Eleventy reads the template formats before it runs any plugin.
      eleventyConfig.setTemplateFormats(["njk"]);
      eleventyConfig.addPlugin(sitePlugin as never, { settings, projectRoot, site, prerendered });
    },
  });
  const [, templates] = (await eleventy.write()) as [unknown, RenderedFile[] | undefined];
  return templates ?? [];
}

/** The message an editor should see for a failed build: the content problems, not Eleventy's stack. */
export function explainBuildError(error: unknown): string {
  for (
    let cause: unknown = error;
    cause;
    cause =
      (cause as { originalError?: unknown; cause?: unknown }).originalError ?? (cause as { cause?: unknown }).cause
  ) {
    if (cause instanceof ContentError || (cause as Error)?.name === "ContentError") {
      const diagnostics = (cause as ContentError).diagnostics;
      return diagnostics
        .filter((d) => d.severity === "error")
        .map(formatDiagnostic)
        .join("\n");
    }
  }
  for (
    let cause: unknown = error;
    cause;
    cause =
      (cause as { originalError?: unknown; cause?: unknown }).originalError ?? (cause as { cause?: unknown }).cause
  ) {
    const code = (cause as NodeJS.ErrnoException).code;
    // Eleventy, Sass and the swap write files too: a full disk is said as such wherever it happens.
    if (code === "ENOSPC" || code === "EDQUOT") {
      // A failed write() names no path; Eleventy's wrapping error does ("Having trouble writing to …").
      const where =
        (cause as NodeJS.ErrnoException).path ??
        /writing to (?:\(second pass\) )?"?([^"\s]+)/.exec(error instanceof Error ? error.message : "")?.[1];
      return `${code === "ENOSPC" ? "the disk is full (ENOSPC)" : "the disk quota is used up (EDQUOT)"}${where ? ` while writing ${where}` : ""}: free some space and build again`;
    }
    // A content folder (CONTENT_DIR) or a folder a setting names that is not there.
    const missing = (cause as NodeJS.ErrnoException).path;
    if (code === "ENOENT" && (cause as NodeJS.ErrnoException).syscall === "scandir" && missing)
      return `${missing} does not exist: CONTENT_DIR, or a folder a setting names, must be a folder that does`;
  }
  return error instanceof Error ? error.message : String(error);
}
