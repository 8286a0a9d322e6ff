import { createRequire } from "node:module";
import type { RunOptions } from "axe-core";

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, the standard UK public sector sites must meet (axe has no wcag22a rules). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The narrowest screen WCAG 1.4.10 (Reflow) asks content to work at without scrolling sideways: the second pass's width. */
export const MOBILE_VIEWPORT = { width: 320, height: 720 };

/**
 * Rules switched off. None is: each id added here needs a comment above it giving the reason and a
 * link to the axe issue or WCAG understanding document that supports it.
 */
export const AXE_DISABLED_RULES: readonly string[] = [];

/** The one axe-core build both passes inject, so the desktop (CLI) and 320px (Playwright) passes run the same rules. */
export const AXE_SOURCE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe.run options for the in-browser pass, matching the CLI's --tags and --disable. */
export function axeRunOptions(): RunOptions {
  return {
    runOnly: { type: "tag", values: AXE_TAGS },
    rules: Object.fromEntries(AXE_DISABLED_RULES.map((id) => [id, { enabled: false }])),
    resultTypes: ["violations"],
  };
}
