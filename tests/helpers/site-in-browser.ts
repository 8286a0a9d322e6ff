import assert from "node:assert/strict";
import path from "node:path";
import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startStaticServer } from "../../lib/gates/static-server.ts";
import { buildInProcess, testOutputDir } from "./built-site.ts";
import { makeContentDir } from "./content-dir.ts";
import { openSharedBrowser, releaseSharedBrowser } from "./shared-browser.ts";

export interface SiteInBrowser {
  browser: Browser;
  /** The site's address, ending in its path prefix. */
  url: string;
  /** Opens a page of the site in a context of its own, once the network is quiet, and checks no script failed. */
  open(pagePath: string, options?: { javaScriptEnabled?: boolean }): Promise<Page>;
}

/**
 * Builds a small site of these files under a path prefix before the file's tests, serves it as a static
 * host would, and opens the shared Chromium; after the tests, lets both go. Read its fields in tests.
 */
export function siteInBrowser(name: string, files: Record<string, string>, prefix = "/manual/"): SiteInBrowser {
  let server: { url: string; close: () => Promise<void> } | undefined;
  const site: SiteInBrowser = {
    browser: undefined as unknown as Browser,
    url: "",
    async open(pagePath, { javaScriptEnabled = true } = {}) {
      const context = await site.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${site.url}${pagePath}`);
      await page.waitForLoadState("networkidle");
      assert.deepEqual(errors, []);
      return page;
    },
  };
  before(async () => {
    const output = path.join(testOutputDir, `${name}-site`);
    const built = await buildInProcess({
      CONTENT_DIR: makeContentDir(name, files),
      OUTPUT_DIR: output,
      PATH_PREFIX: prefix,
    });
    assert.equal(built.code, 0, built.stderr);
    server = await startStaticServer(output, prefix);
    site.url = server.url;
    site.browser = await openSharedBrowser();
  });
  after(async () => {
    await releaseSharedBrowser();
    await server?.close();
  });
  return site;
}
