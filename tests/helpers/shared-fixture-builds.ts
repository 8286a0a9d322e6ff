import path from "node:path";
import type { GateResult } from "../../lib/gates/gate.ts";
import { normalisePathPrefix, siteSettings } from "../../lib/settings.ts";
import { SITES, buildInProcess, projectRoot, sharedOncePerRun, standardSite, testOutputDir } from "./built-site.ts";

/** A build of a fixture site: where it was written, what it printed and how the build script would exit. */
export interface FixtureBuild {
  siteDir: string;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Builds tests/fixtures/<fixture> at the root or under `pathPrefix`, once per test run however many test files read
 * it: the fixture does not change during a run, and those that read the site (its pages, the gates, a browser) never
 * write to it. Only the content folder and the prefix vary, so a file needing other settings builds its own.
 */
export function fixtureBuild(fixture: string, pathPrefix = "/"): Promise<FixtureBuild> {
  const prefix = normalisePathPrefix(pathPrefix);
  const key = `fixture-${fixture}-${prefix === "/" ? "root" : prefix.replace(/\W+/g, "-").replace(/^-|-$/g, "")}`;
  return sharedOncePerRun(key, async () => {
    const siteDir = path.join(testOutputDir, key);
    const result = await buildInProcess({
      CONTENT_DIR: path.join(projectRoot, "tests/fixtures", fixture),
      OUTPUT_DIR: siteDir,
      PATH_PREFIX: prefix,
    });
    return { siteDir, ...result };
  });
}

/**
 * What the HTML or link gate finds on one of the standard sites, run once per test run: the site does not change
 * during a run, so every test file asserting on the gate's findings over it reads the same result.
 */
export function gateOnStandardSite(name: keyof typeof SITES, gate: "html" | "links"): Promise<GateResult> {
  return sharedOncePerRun(`gate-${gate}-${name}`, async () => {
    const siteDir = await standardSite(name);
    const { pathPrefix } = siteSettings(SITES[name]);
    const check =
      gate === "html"
        ? (await import("../../lib/gates/html-validation.ts")).checkHtml
        : (await import("../../lib/gates/links.ts")).checkLinks;
    const { findings, summary } = await check({ siteDir, pathPrefix });
    return { findings, summary };
  });
}
