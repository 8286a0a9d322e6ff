import { existsSync } from "node:fs";
import path from "node:path";
import { formatDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { readSettings } from "../settings.ts";

/** A built site and the path prefix it was built for. */
export interface SiteUnderTest {
  siteDir: string;
  pathPrefix: string;
}

/** What a gate found, and a line saying what it looked at. */
export interface GateResult {
  /** One per problem, each an error naming the page by its URL path. */
  findings: Diagnostic[];
  summary: string;
}

/**
 * Runs one gate from the command line over the site in OUTPUT_DIR (default _site) under PATH_PREFIX:
 * prints every finding, page first, and exits non-zero when there is any, or when the gate cannot run.
 */
export async function runGate(name: string, gate: (site: SiteUnderTest) => Promise<GateResult>): Promise<void> {
  const { outputDir, pathPrefix } = readSettings();
  const siteDir = path.resolve(outputDir);
  if (!existsSync(path.join(siteDir, "index.html"))) {
    console.error(`${name}: no built site in ${siteDir}: run \`npm run build\` first, with the same PATH_PREFIX.`);
    process.exitCode = 2;
    return;
  }
  try {
    const { findings, summary } = await gate({ siteDir, pathPrefix });
    if (findings.length > 0) {
      console.error(formatDiagnostics(findings));
      console.error(
        `\n${name}: ${findings.length} problem${findings.length === 1 ? "" : "s"} in ${summary} (site ${siteDir}, prefix ${pathPrefix}).`,
      );
      process.exitCode = 1;
    } else {
      console.log(`${name}: no problems in ${summary} (site ${siteDir}, prefix ${pathPrefix}).`);
    }
  } catch (error) {
    console.error(`${name} could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
