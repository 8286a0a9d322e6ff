import { readFileSync } from "node:fs";
import type { AxeResults } from "axe-core";
import type { Browser, BrowserContext } from "playwright-core";
import { AXE_SOURCE_PATH, axeRunOptions } from "./axe-rules.ts";
import { launchChromium } from "./chromium.ts";

/**
 * Runs axe-core in Debian's Chromium through Playwright at a given viewport. The axe CLI cannot
 * set one: its --chrome-options list is comma-separated, so "window-size=320,720" splits in two.
 * A caller with a browser open already passes it, to spare starting another: the pages are opened
 * in a context of their own, closed afterwards.
 */
export async function runAxeInBrowser(
  urls: string[],
  viewport: { width: number; height: number },
  openBrowser?: Browser,
): Promise<AxeResults[]> {
  const axeSource = readFileSync(AXE_SOURCE_PATH, "utf8");
  const launched = openBrowser ? undefined : await launchChromium();
  const browser = openBrowser ?? launched!;
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const results: AxeResults[] = [];
    for (const url of urls) {
      await page.goto(url, { waitUntil: "load" });
      // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
      await page.evaluate(axeSource);
      results.push(
        await page.evaluate(
          (options) => (window as unknown as { axe: typeof import("axe-core") }).axe.run(document, options),
          axeRunOptions(),
        ),
      );
    }
    return results;
  } finally {
    await context?.close();
    await launched?.close();
  }
}
