import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import { checkLinks } from "../../lib/gates/links.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { fixturePage, writeFixtureSite } from "../helpers/fixture-site.ts";
import { describeGateOnStandardSites } from "../helpers/gates.ts";

describeGateOnStandardSites(
  "link gate",
  "finds every internal link, fragment, asset and CSS url() resolves, and every external URL is safe",
  checkLinks,
  /^[1-9]\d* URLs in [1-9]\d* pages and [1-9]\d* stylesheets$/,
);

/** A small site with one good page and deliberately broken ones, written for a path prefix. */
function brokenSite(prefix: string): string {
  return writeFixtureSite({
    "index.html": fixturePage(
      "Fixture home",
      `<p id="intro">Fine: <a href="${prefix}guide/#steps">steps</a>, <a href="guide/">relative</a>, <a href="#intro">here</a>, <a href="#top">top</a>, <a href="https://www.gov.uk/service-manual">GOV.UK</a>, <a href="mailto:team@example.gov.uk">email</a>.</p>`,
      `<link rel="stylesheet" href="${prefix}site.css">`,
    ),
    "site.css": `body { background: url("images/dot.svg"); }`,
    "images/dot.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
    "guide/index.html": fixturePage("Guide", `<h2 id="steps">Steps</h2><p><a href="${prefix}">Home</a></p>`),
    "dead-link/index.html": fixturePage(
      "Dead link",
      `<p><a href="${prefix}no-such-page/">Gone</a> <img src="${prefix}images/missing.png" alt="Missing"></p>`,
    ),
    "dead-fragment/index.html": fixturePage(
      "Dead fragment",
      `<p><a href="${prefix}guide/#no-such-heading">Gone</a> <a href="#nowhere">Nowhere</a></p>`,
    ),
    "escapes-prefix/index.html": fixturePage("Escapes prefix", `<p><a href="/guide/">Forgot the prefix</a></p>`),
    "unsafe/index.html": fixturePage(
      "Unsafe",
      `<p><a href="javascript:alert(1)">Run</a> <a href="https://exa mple.com/">Space</a></p>`,
    ),
    "broken-css.css": `.icon { background: url(../missing.svg); }`,
  });
}

for (const prefix of ["/", "/service-manual/"]) {
  describe(`link gate on deliberately broken pages under ${prefix}`, () => {
    let siteDir: string;
    let report: string;
    before(async () => {
      siteDir = brokenSite(prefix);
      report = formatDiagnostics((await checkLinks({ siteDir, pathPrefix: prefix })).findings);
    });
    after(() => rmSync(siteDir, { recursive: true, force: true }));

    it("fails a dead internal link and a missing image, naming the page and the target", () => {
      assert.ok(
        report.includes(
          `${prefix}dead-link/: error: <a href="${prefix}no-such-page/"> points to ${prefix}no-such-page/, which does not exist`,
        ),
        report,
      );
      assert.ok(
        report.includes(
          `${prefix}dead-link/: error: <img src="${prefix}images/missing.png"> points to ${prefix}images/missing.png, which does not exist`,
        ),
        report,
      );
    });

    it("fails a dead #fragment on another page and on the same page, naming both pages", () => {
      assert.ok(
        report.includes(
          `${prefix}dead-fragment/: error: <a href="${prefix}guide/#no-such-heading"> points to #no-such-heading on ${prefix}guide/, which has no element with that id`,
        ),
        report,
      );
      assert.ok(
        report.includes(
          `${prefix}dead-fragment/: error: <a href="#nowhere"> points to #nowhere on ${prefix}dead-fragment/`,
        ),
        report,
      );
    });

    it("fails a dead CSS url(), naming the stylesheet", () => {
      assert.ok(
        report.includes(
          `${prefix}broken-css.css: error: CSS url(../missing.svg) points to /missing.svg, which does not exist`,
        ),
        report,
      );
    });

    it("fails javascript: and malformed external URLs without fetching them", () => {
      assert.ok(
        report.includes(
          `${prefix}unsafe/: error: <a href="javascript:alert(1)"> uses a javascript: URL, which runs script`,
        ),
        report,
      );
      assert.ok(
        report.includes(`${prefix}unsafe/: error: <a href="https://exa mple.com/"> is not a well-formed URL`),
        report,
      );
    });

    it(
      prefix === "/" ? "accepts root-relative links at the root" : "fails a root-relative link that leaves the prefix",
      () => {
        const escape = `${prefix}escapes-prefix/: error: <a href="/guide/"> points to /guide/, which does not exist (outside the path prefix ${prefix})`;
        assert.equal(report.includes(escape), prefix !== "/", report);
      },
    );

    it("reports nothing against the pages that are fine", () => {
      assert.doesNotMatch(report, new RegExp(`^(${prefix}|${prefix}guide/|${prefix}site\\.css): `, "m"));
    });
  });
}

describe("npm run check:links", () => {
  it("exits non-zero and prints the page and target when a link is dead", () => {
    const siteDir = brokenSite("/");
    try {
      const run = spawnSync(process.execPath, ["scripts/run.mjs", "check-links"], {
        cwd: projectRoot,
        encoding: "utf8",
        env: { ...process.env, OUTPUT_DIR: siteDir, PATH_PREFIX: "" },
      });
      assert.equal(run.status, 1, run.stderr);
      assert.match(
        run.stderr,
        /^\/dead-link\/: error: <a href="\/no-such-page\/"> points to \/no-such-page\/, which does not exist$/m,
      );
      assert.match(run.stderr, /check:links: \d+ problems in /);
    } finally {
      rmSync(siteDir, { recursive: true, force: true });
    }
  });

  it("says to build first when there is no built site", () => {
    const run = spawnSync(process.execPath, ["scripts/run.mjs", "check-links"], {
      cwd: projectRoot,
      encoding: "utf8",
      env: { ...process.env, OUTPUT_DIR: "/nonexistent/site" },
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no built site in \/nonexistent\/site: run `npm run build` first/);
  });
});
