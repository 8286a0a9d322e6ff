import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { checkAccessibility } from "../../lib/gates/accessibility.ts";
import { buildInProcess, testOutputDir } from "../helpers/built-site.ts";

// The page using every Markdown construct (tests/site/authoring.test.ts) with the accordion and tabs
// started, the copy button added and each component at both widths, as readers get it.
describe("accessibility gate on the page using every Markdown construct", () => {
  const siteDir = path.join(testOutputDir, "authoring-a11y");
  before(async () => {
    const build = await buildInProcess({ CONTENT_DIR: "tests/fixtures/authoring", OUTPUT_DIR: siteDir });
    assert.equal(build.code, 0, build.stderr);
  });

  it("finds no WCAG 2.2 A or AA violation on the guides, at desktop width or 320px", async () => {
    const result = await checkAccessibility({
      siteDir,
      pathPrefix: "/",
      only: ["/guides/everything/", "/guides/", "/"],
    });
    assert.equal(formatDiagnostics(result.findings), "", result.summary);
  });
});
