import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { checkHtml } from "../../lib/gates/html-validation.ts";
import { fixturePage, writeFixtureSite } from "../helpers/fixture-site.ts";
import { describeGateOnStandardSites } from "../helpers/gates.ts";

describeGateOnStandardSites(
  "HTML gate",
  "finds every page valid under .htmlvalidate.json",
  checkHtml,
  /^[1-9]\d* pages$/,
);

describe("HTML gate on deliberately broken pages", () => {
  let siteDir: string;
  let report: string;
  before(async () => {
    siteDir = writeFixtureSite({
      // GOV.UK Frontend's macros leave blank lines and trailing spaces: not a defect.
      "index.html": fixturePage("Fixture home", `<p>Fine.</p>   \n      \n<p>Still fine.</p>`),
      "unclosed/index.html": fixturePage(
        "Unclosed element",
        `<div class="govuk-grid-row"><p>The div is never closed.</p>`,
      ),
    });
    report = formatDiagnostics((await checkHtml({ siteDir, pathPrefix: "/manual/" })).findings);
  });
  after(() => rmSync(siteDir, { recursive: true, force: true }));

  it("fails an unclosed element, naming the page, file, line and rule", () => {
    assert.match(report, /^\/manual\/unclosed\/: error: unclosed\/index\.html:\d+:\d+: close-order: /m);
  });

  it("does not count GOV.UK macro whitespace as a defect", () => {
    assert.doesNotMatch(report, /^\/manual\/: /m);
  });
});
