import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkHtml } from "../../lib/gates/html-validation.ts";
import type { GateResult } from "../../lib/gates/gate.ts";

/**
 * The HTML gate over some pages of a built site only. html-validate reads each file on its own, so a page alone
 * gets the findings it gets in the whole site, without validating the pages a test does not look at.
 */
export async function checkHtmlOfPages(siteDir: string, pathPrefix: string, urls: string[]): Promise<GateResult> {
  const pagesAlone = mkdtempSync(path.join(tmpdir(), "html-of-pages-"));
  try {
    for (const url of urls) {
      const file = path.join(url, "index.html");
      mkdirSync(path.join(pagesAlone, url), { recursive: true });
      copyFileSync(path.join(siteDir, file), path.join(pagesAlone, file));
    }
    return await checkHtml({ siteDir: pagesAlone, pathPrefix });
  } finally {
    rmSync(pagesAlone, { recursive: true, force: true });
  }
}
