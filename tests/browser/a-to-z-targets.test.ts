import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { checkAccessibility } from "../../lib/gates/accessibility.ts";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { buildInProcess, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";
import { sharedBrowserForThisFile } from "../helpers/shared-browser.ts";

// The 320px pass runs in this process's shared browser rather than one started for each gate run.
const browser = sharedBrowserForThisFile();

const page = (title: string) => `---\ntitle: ${title}\ndescription: A page for the A to Z.\n---\n\nSome text.\n`;

/** A content folder whose pages have the given titles, one file each. */
function siteWithTitles(name: string, titles: string[]): string {
  const files: Record<string, string> = { "index.md": page("Home") };
  titles.forEach((title, index) => (files[`page-${index}.md`] = page(title)));
  return makeContentDir(name, files);
}

// WCAG 2.2's target size (2.5.8) fails side-by-side links narrower than 24px, such as the letters I and L.
const CASES = {
  "the narrow letters H, I and L side by side": ["Help for editors", "Images and alt text", "Links that make sense"],
  "every letter and a digit": [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    .map((letter) => `${letter}${letter.toLowerCase()} guidance`)
    .concat("2025 changes"),
};

describe("the A to Z letter navigation meets WCAG 2.2 target size", () => {
  for (const [name, titles] of Object.entries(CASES)) {
    it(`with ${name}`, async () => {
      const contentDir = siteWithTitles(`a-to-z-${titles.length}`, titles);
      const siteDir = path.join(testOutputDir, `a-to-z-${titles.length}`);
      const built = await buildInProcess({ CONTENT_DIR: contentDir, OUTPUT_DIR: siteDir });
      assert.equal(built.code, 0, built.stderr);
      const result = await checkAccessibility({ siteDir, pathPrefix: "/", only: ["/a-to-z/"], browser: browser() });
      assert.equal(formatDiagnostics(result.findings), "");
      assert.match(result.summary, /^1 pages from /);
    });
  }
});
