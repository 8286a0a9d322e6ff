import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDiagnostics } from "../../lib/diagnostics.ts";
import type { GateResult, SiteUnderTest } from "../../lib/gates/gate.ts";
import { siteSettings } from "../../lib/settings.ts";
import { SITES, standardSite } from "./built-site.ts";

/** Runs a gate over the site built at the root and under the prefix, and asserts it finds nothing, listing what it found if not. */
export function describeGateOnStandardSites(
  gateName: string,
  expectation: string,
  gate: (site: SiteUnderTest) => Promise<GateResult>,
  summary: RegExp,
): void {
  for (const name of ["root", "prefixed"] as const) {
    describe(`${gateName} on the ${name} site`, () => {
      it(expectation, async () => {
        const siteDir = await standardSite(name);
        const result = await gate({ siteDir, pathPrefix: siteSettings(SITES[name]).pathPrefix });
        assert.equal(formatDiagnostics(result.findings), "", result.summary);
        assert.match(result.summary, summary);
      });
    });
  }
}
