import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { checkAccessibility } from "../../lib/gates/accessibility.ts";
import { buildDefraApp, type DefraAppBuild } from "../helpers/defra-app.ts";
import { sharedBrowserForThisFile } from "../helpers/shared-browser.ts";

// The 320px pass runs in this process's shared browser rather than one started for each gate run.
const browser = sharedBrowserForThisFile();

// Every page passes axe at the root (defra-app-gates.test.ts). Under a prefix a page differs only in its
// addresses, which check:links follows on every page (tests/site/defra-app.test.ts), so one page of each
// layout is enough to show the stylesheet, scripts and images still arrive and the pages still pass.
const ONE_PAGE_OF_EACH_LAYOUT = [
  "/",
  "/cookies/",
  "/accessibility/",
  "/components/",
  "/working-with-defra/",
  "/service-manual/",
  "/ai-toolkit/",
  "/ai-toolkit/tools/",
  "/ai-toolkit/tools/agent-kit/",
  "/ai-toolkit/tools/diagram/",
  "/ai-toolkit/triage/question-1/",
  "/ai-toolkit/triage/thank-you/",
  "/ai-toolkit/triage/check-your-answers/",
  "/delivery-groups/",
];

describe("accessibility gate on the Defra app's source built under /defra-manual/", () => {
  let build: DefraAppBuild;
  before(async () => {
    build = await buildDefraApp("/defra-manual/");
  });

  it("finds no WCAG 2.2 A or AA violation on a page of each layout, at desktop width or 320px", async () => {
    assert.equal(build.code, 0, build.stderr);
    const result = await checkAccessibility({
      siteDir: build.siteDir,
      pathPrefix: build.pathPrefix,
      only: ONE_PAGE_OF_EACH_LAYOUT,
      browser: browser(),
    });
    assert.equal(formatDiagnostics(result.findings), "", result.summary);
    assert.match(result.summary, new RegExp(`^${ONE_PAGE_OF_EACH_LAYOUT.length} pages from `));
  });
});
