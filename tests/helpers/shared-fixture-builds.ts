import path from "node:path";
import { normalisePathPrefix } from "../../lib/settings.ts";
import { buildInProcess, projectRoot, sharedOncePerRun, testOutputDir } from "./built-site.ts";

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
