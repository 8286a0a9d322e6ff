import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SiteData } from "../../lib/content/site-data.ts";
import {
  accessibilityStatement,
  checksRun,
  currentGateChecks,
  wcagTargets,
  type GateChecks,
} from "../../lib/model/accessibility-statement.ts";
import { goLiveDataDiagnostics } from "../../lib/model/go-live-pages.ts";
import { AXE_TAGS, MOBILE_VIEWPORT } from "../../lib/gates/axe-rules.ts";
import { HTML_VALIDATE_CONFIG_PATH } from "../../lib/gates/html-validation.ts";
import { directivesWithOrigins, POLICY_DIRECTIVES } from "../../lib/safety/content-security-policy.ts";
import { analyticsFor } from "../../lib/model/cookies.ts";

const site = (extra: object = {}) =>
  SiteData.parse({
    organisationName: "Example agency",
    serviceName: "Example manual",
    url: "https://manual.example",
    ...extra,
  });
const local = { kind: "local" as const, date: new Date("2026-03-02T00:00:00Z") };

describe("the accessibility statement's checks", () => {
  it("come from the gates' own settings", () => {
    const gates = currentGateChecks();
    assert.deepEqual(gates.axe.tags, AXE_TAGS);
    assert.match(gates.axe.widths.join(" "), new RegExp(`${MOBILE_VIEWPORT.width} pixels`));
    assert.ok(HTML_VALIDATE_CONFIG_PATH.endsWith(".htmlvalidate.json"));
    assert.deepEqual(gates.htmlValidate.presets, ["recommended", "document"]);
  });

  it("change when the gates change, and the standard is derived from axe's tags", () => {
    const today = currentGateChecks();
    const narrower: GateChecks = {
      ...today,
      axe: { ...today.axe, tags: ["wcag2a", "wcag21a"], disabledRules: ["color-contrast"] },
    };
    const before = checksRun(today)
      .map((check) => check.description)
      .join("\n");
    const after = checksRun(narrower)
      .map((check) => check.description)
      .join("\n");
    assert.notEqual(before, after);
    assert.match(before, /WCAG 2\.0 level A and AA, WCAG 2\.1 level A and AA and WCAG 2\.2 level AA/);
    assert.match(after, /WCAG 2\.0 level A and WCAG 2\.1 level A \(/);
    assert.match(after, /Rules switched off: `color-contrast`/);
    assert.equal(accessibilityStatement(site(), today, local).standard, "2.2 AA");
    assert.equal(accessibilityStatement(site(), narrower, local).standard, "2.1 A");
  });

  it("leave out tags that name no WCAG level", () => {
    assert.deepEqual(wcagTargets(["best-practice", "wcag2aa"]), {
      covered: [{ version: "2.0", level: "AA" }],
      standard: { version: "2.0", level: "AA" },
    });
    assert.equal(wcagTargets(["best-practice"]).standard, undefined);
  });

  it("sort known problems by the reason the regulations give", () => {
    const view = accessibilityStatement(
      site({
        accessibilityStatement: {
          exceptions: [
            { description: "Diagrams have no text description.", criteria: ["1.1.1"] },
            { description: "Old PDFs are not tagged.", reason: "outside-scope" },
          ],
        },
      }),
      currentGateChecks(),
      local,
    );
    assert.deepEqual(
      view.nonCompliance.map((item) => item.criteria),
      [["1.1.1"]],
    );
    assert.equal(view.outsideScope.length, 1);
    assert.equal(view.disproportionateBurden.length, 0);
  });
});

describe("site.json's go-live fields", () => {
  const file = { file: "content/_data/site.json", lineOf: () => undefined };
  it("are asked for, one warning per missing field, naming site.json and the field", () => {
    const warnings = goLiveDataDiagnostics(site(), new Set(), file);
    assert.deepEqual(
      warnings.map((warning) => [warning.severity, warning.file, warning.field]),
      [
        ["warning", "content/_data/site.json", "accessibilityStatement.contact"],
        ["warning", "content/_data/site.json", "accessibilityStatement.responseDays"],
        ["warning", "content/_data/site.json", "accessibilityStatement.compliance"],
        ["warning", "content/_data/site.json", "accessibilityStatement.prepared"],
        ["warning", "content/_data/site.json", "privacy.controller"],
        ["warning", "content/_data/site.json", "privacy.contactEmail"],
      ],
    );
  });

  it("are not asked for when content pages replace the statement and the notice", () => {
    assert.deepEqual(goLiveDataDiagnostics(site(), new Set(["/accessibility-statement", "/privacy/"]), file), []);
  });

  it("say when `full` compliance contradicts the listed problems", () => {
    const warnings = goLiveDataDiagnostics(
      site({
        accessibilityStatement: {
          contact: { email: "access@manual.example" },
          responseDays: 5,
          compliance: "full",
          prepared: "2026-01-01",
          exceptions: [{ description: "Maps have no text alternative." }],
        },
        privacy: { controller: "Example agency", contactEmail: "dpo@manual.example" },
      }),
      new Set(),
      file,
    );
    assert.deepEqual(
      warnings.map((warning) => warning.field),
      ["accessibilityStatement.compliance"],
    );
  });
});

describe("analytics and the Content-Security-Policy", () => {
  it("leaves the policy as it is without analytics", () => {
    assert.deepEqual(directivesWithOrigins(analyticsFor(undefined)?.origins), POLICY_DIRECTIVES);
  });

  it("adds only the configured script's origin, to script-src and connect-src", () => {
    const widened = directivesWithOrigins(analyticsFor({ script: "https://stats.example/count.js" })?.origins);
    assert.deepEqual(widened["script-src"], [...POLICY_DIRECTIVES["script-src"], "https://stats.example"]);
    assert.deepEqual(widened["connect-src"], ["'self'", "https://stats.example"]);
    assert.deepEqual(widened["img-src"], POLICY_DIRECTIVES["img-src"]);
    assert.deepEqual(POLICY_DIRECTIVES["script-src"], ["'self'", "'wasm-unsafe-eval'"], "the base policy is untouched");
  });

  it("needs nothing more for a script on the site itself", () => {
    assert.deepEqual(directivesWithOrigins(analyticsFor({ script: "/public/count.js" })?.origins), POLICY_DIRECTIVES);
  });

  it("refuses anything but an https origin", () => {
    assert.throws(() => directivesWithOrigins({ "script-src": ["*"] }), /not an https origin/);
    assert.throws(() => directivesWithOrigins({ "script-src": ["http://stats.example"] }), /not an https origin/);
  });

  it("is configured by exactly one of ga4, gtm or script", () => {
    assert.equal(SiteData.safeParse({ ...site(), analytics: { ga4: "G-ABC123", gtm: "GTM-AB12CD3" } }).success, false);
    assert.equal(SiteData.safeParse({ ...site(), analytics: { script: "http://stats.example/x.js" } }).success, false);
    assert.equal(SiteData.safeParse({ ...site(), analytics: { ga4: "G-ABC123" } }).success, true);
  });
});
