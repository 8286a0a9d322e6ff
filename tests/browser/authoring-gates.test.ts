import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { checkAccessibility } from "../../lib/gates/accessibility.ts";
import { fixtureBuild } from "../helpers/shared-fixture-builds.ts";
import { sharedBrowserForThisFile } from "../helpers/shared-browser.ts";

// The 320px pass runs in this process's shared browser rather than one started for each gate run.
const browser = sharedBrowserForThisFile();

// The page using every Markdown construct (tests/site/authoring.test.ts) with the accordion and tabs
// started, the copy button added and each component at both widths, as readers get it.
describe("accessibility gate on the page using every Markdown construct", () => {
  let siteDir: string;
  before(async () => {
    // The build tests/site/authoring.test.ts reads at the root, made once per run.
    const build = await fixtureBuild("authoring");
    assert.equal(build.code, 0, build.stderr);
    siteDir = build.siteDir;
  });

  it("finds no WCAG 2.2 A or AA violation on the guides, at desktop width or 320px", async () => {
    const result = await checkAccessibility({
      siteDir,
      pathPrefix: "/",
      only: ["/guides/everything/", "/guides/", "/"],
      browser: browser(),
    });
    assert.equal(formatDiagnostics(result.findings), "", result.summary);
  });
});
