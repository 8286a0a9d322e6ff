import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { checkAccessibility } from "../../lib/gates/accessibility.ts";
import { buildDefraApp, type DefraAppBuild } from "../helpers/defra-app.ts";
import { sharedBrowserForThisFile } from "../helpers/shared-browser.ts";

// The 320px pass runs in this process's shared browser rather than one started for each gate run.
const browser = sharedBrowserForThisFile();

// The Defra app's source, copied in as the README says (tests/site/defra-app.test.ts reads its pages):
// every page, the made home page and the interruption pages pass axe at both widths, at the root and under a prefix.
// The prefixed build is checked in defra-app-gates-prefixed.test.ts, so the two runs can go side by side.
for (const pathPrefix of ["/"]) {
  describe(`accessibility gate on the Defra app's source built ${pathPrefix === "/" ? "at the root" : `under ${pathPrefix}`}`, () => {
    let build: DefraAppBuild;
    before(async () => {
      build = await buildDefraApp(pathPrefix);
    });

    it("finds no WCAG 2.2 A or AA violation on any page, at desktop width or 320px", async () => {
      assert.equal(build.code, 0, build.stderr);
      const result = await checkAccessibility({
        siteDir: build.siteDir,
        pathPrefix: build.pathPrefix,
        browser: browser(),
      });
      assert.equal(formatDiagnostics(result.findings), "", result.summary);
      assert.match(result.summary, /^[1-9]\d* pages from /);
    });
  });
}
