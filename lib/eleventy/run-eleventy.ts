import { setTimeout as wait } from "node:timers/promises";
import Eleventy from "@11ty/eleventy";
import { ContentError, formatDiagnostic } from "../diagnostics.ts";
import type { Settings } from "../settings.ts";
import type { SiteToRender } from "./pages.ts";
import type { UsedStyles } from "./used-components.ts";
import { sitePlugin } from "./site-plugin.ts";
import { TEMPLATES_INPUT_DIR } from "./templates-input.ts";
import type { EleventyConfig } from "./types.ts";

/** How long a failed render waits for Eleventy's copy of the assets, which tells only when all of it worked. */
const COPY_WAIT_MS = 10_000;

/** A file Eleventy wrote, with what it wrote (after every transform) and, for a page, the styles it uses. */
export interface RenderedFile {
  outputPath?: string | false;
  content?: unknown;
  styles?: UsedStyles;
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
  let copied!: () => void;
  const copiedAll = new Promise<void>((resolve) => (copied = resolve));
  let config: EleventyConfig | undefined;
  const stylesByOutput = new Map<string, UsedStyles>();
  const eleventy = new Eleventy(TEMPLATES_INPUT_DIR, outputDir, {
    // No configuration file: everything comes from the plugin.
    configPath: false,
    pathPrefix: settings.pathPrefix,
    quietMode: options.quiet ?? true,
    config: (eleventyConfig: EleventyConfig) => {
      // Here, not in the plugin: Eleventy reads the template formats before it runs any plugin.
      eleventyConfig.setTemplateFormats(["njk"]);
      const onPageStyles = (outputPath: string, styles: UsedStyles) => stylesByOutput.set(outputPath, styles);
      eleventyConfig.addPlugin(sitePlugin as never, { settings, projectRoot, site, prerendered, onPageStyles });
      eleventyConfig.on("eleventy.passthrough", () => copied());
      config = eleventyConfig;
    },
  });
  // Eleventy prints a failure itself, stack trace and all; the build says it once, without the stack
  // (explainBuildError). Its other messages still go to the console.
  (
    eleventy as unknown as {
      logger: { overrideLogger(logger: Pick<Console, "log" | "info" | "warn" | "error">): void };
    }
  ).logger.overrideLogger({
    log: (message: string) => held.push(() => console.log(message)),
    info: (message: string) => held.push(() => console.info(message)),
    warn: (message: string) => console.warn(message),
    error: () => {},
  });
  // Eleventy's progress is said once the run is over, and its "Wrote 0 files" not at all when it failed:
  // an editor reading that before the error could take the build for done.
  const held: (() => void)[] = [];
  const sayHeld = () => {
    for (const say of held.splice(0)) say();
  };
  try {
    const [, templates] = (await eleventy.write()) as [unknown, RenderedFile[] | undefined];
    sayHeld();
    return (templates ?? []).map((file) => {
      const styles = typeof file.outputPath === "string" ? stylesByOutput.get(file.outputPath) : undefined;
      return styles ? { ...file, styles } : file;
    });
  } catch (error) {
    held.length = 0;
    // Eleventy gives up at the first page that fails to render while it is still copying the assets
    // into outputDir. The copy is let finish, so removing the folder does not race it, which said
    // ENOTEMPTY instead of the page's error. Eleventy's copy also waits for its internal
    // "eleventy#render" event, which a failed render never sends, before saying it is done: it is sent
    // here. A copy that failed itself has stopped; one that never says so is waited for a while only.
    if (![...causes(error)].some((cause) => (cause as Error).name === "EleventyPassthroughCopyError")) {
      config?.emit("eleventy#render");
      await Promise.race([copiedAll, wait(COPY_WAIT_MS)]);
    }
    throw error;
  }
}

/** An error and those it wraps, outermost first: Eleventy keeps the wrapped one as `originalError`, others as `cause`. */
function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  for (let cause = error; cause && !seen.has(cause);) {
    seen.add(cause);
    yield cause;
    cause = (cause as { originalError?: unknown }).originalError ?? (cause as { cause?: unknown }).cause;
  }
}

/** The message an editor should see for a failed build: the content problems, not Eleventy's stack. */
export function explainBuildError(error: unknown): string {
  for (const cause of causes(error)) {
    if (cause instanceof ContentError || (cause as Error)?.name === "ContentError") {
      const diagnostics = (cause as ContentError).diagnostics;
      return diagnostics
        .filter((d) => d.severity === "error")
        .map(formatDiagnostic)
        .join("\n");
    }
  }
  for (const cause of causes(error)) {
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
  // Eleventy wraps what went wrong: "Having trouble rendering …" names only its own template, and the
  // error inside it names the layout, line and column. Each message is said once, outermost first.
  const messages: string[] = [];
  for (const cause of causes(error)) {
    const message = (cause instanceof Error ? cause.message : String(cause)).trim();
    if (message && !messages.some((said) => said.includes(message))) messages.push(message);
  }
  return messages.join("\n");
}
