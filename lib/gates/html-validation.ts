import { readFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate, StaticConfigLoader, type ConfigData, type ResolvedConfig } from "html-validate";
import type { Diagnostic } from "../diagnostics.ts";
import type { GateResult, SiteUnderTest } from "./gate.ts";
import { listSiteFiles, urlPathForFile } from "./built-files.ts";

/** The project's html-validate settings; README's "Checks" section says why each rule differs from the presets. */
export const HTML_VALIDATE_CONFIG_PATH = path.resolve(import.meta.dirname, "../../.htmlvalidate.json");

/**
 * html-validate's loaders resolve the configuration again for every file, building its table of element
 * metadata each time: about a third of the time a page takes. Every page here has the one configuration,
 * and a resolved one is only read while validating, so it is resolved once for all the pages of a check.
 */
class ResolvedOnceConfigLoader extends StaticConfigLoader {
  #resolved?: ResolvedConfig | Promise<ResolvedConfig>;
  override getConfigFor(handle: string, configOverride?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (configOverride) return super.getConfigFor(handle, configOverride);
    return (this.#resolved ??= super.getConfigFor(handle));
  }
}

/** Validates every HTML file of a built site with html-validate and the project's settings, naming page, line and rule. */
export async function checkHtml({ siteDir, pathPrefix }: SiteUnderTest): Promise<GateResult> {
  const config = JSON.parse(readFileSync(HTML_VALIDATE_CONFIG_PATH, "utf8")) as ConfigData;
  const validator = new HtmlValidate(new ResolvedOnceConfigLoader(config));
  const pages = listSiteFiles(siteDir, [".html"]);
  const findings: Diagnostic[] = [];
  for (const file of pages) {
    const report = await validator.validateFile(path.join(siteDir, file));
    for (const message of report.results.flatMap((result) => result.messages)) {
      findings.push({
        severity: "error",
        file: urlPathForFile(file, pathPrefix),
        message: `${file}:${message.line}:${message.column}: ${message.ruleId}: ${message.message}`,
      });
    }
  }
  return { findings, summary: `${pages.length} pages` };
}
