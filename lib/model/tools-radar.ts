import type { Diagnostic } from "../diagnostics.ts";
import type { SourcePage } from "../content/load-content.ts";
import type { ToolsData } from "../content/tools-data.ts";

/** The tools radar: every tool page with its status and category, worked out once per build from the content. */
export interface ToolsRadarView {
  rows: { slug: string; title: string; href: string }[];
}

/** One tool page's place on the radar, for `layout: tool`. */
export interface ToolView {
  slug: string;
}

/** The radar from the tool pages (`layout: tool` with `toolSlug`) and content/_data/tools.yaml; undefined when the site has no tools. */
export function toolsRadarFor(
  _sources: SourcePage[],
  _tools: ToolsData | undefined,
  _diagnostics: Diagnostic[],
): ToolsRadarView | undefined {
  return undefined;
}

/** The radar entry of the tool a page describes. */
export function toolViewFor(_radar: ToolsRadarView | undefined, _source: SourcePage): ToolView | undefined {
  return undefined;
}
