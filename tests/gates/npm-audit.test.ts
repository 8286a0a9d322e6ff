import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readAuditOutput } from "../../lib/gates/npm-audit.ts";

describe("reading npm audit's JSON", () => {
  it("lists high and critical advisories, not lower ones", () => {
    const outcome = readAuditOutput(
      JSON.stringify({
        vulnerabilities: {
          "left-pad": { severity: "critical" },
          nunjucks: { severity: "high" },
          chalk: { severity: "moderate" },
        },
        metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 1, total: 3 } },
      }),
    );
    assert.deepEqual(outcome, {
      kind: "report",
      blocking: ["left-pad (critical)", "nunjucks (high)"],
      counts: { info: 0, low: 0, moderate: 1, high: 1, critical: 1, total: 3 },
    });
  });

  it("passes a clean report", () => {
    const outcome = readAuditOutput(
      JSON.stringify({
        vulnerabilities: {},
        metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } },
      }),
    );
    assert.equal(outcome.kind, "report");
    assert.deepEqual(outcome.kind === "report" && outcome.blocking, []);
  });

  it("never reads an unanswered audit as clean: the registry's error, or no output at all, is 'unavailable'", () => {
    assert.deepEqual(
      readAuditOutput(
        JSON.stringify({
          message: "405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk",
          statusCode: 405,
          error: { summary: "", detail: "" },
        }),
      ),
      {
        kind: "unavailable",
        reason: "405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk",
      },
    );
    assert.deepEqual(
      readAuditOutput(
        JSON.stringify({ error: { code: "ENOTFOUND", summary: "request to the registry failed", detail: "" } }),
      ),
      { kind: "unavailable", reason: "request to the registry failed" },
    );
    assert.equal(readAuditOutput("").kind, "unavailable");
  });
});
