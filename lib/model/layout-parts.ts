import type { Diagnostic } from "../diagnostics.ts";
import type { SiteData } from "../content/site-data.ts";
import type { PageFrontMatter } from "../content/validate-front-matter.ts";
import type { SourcePage } from "../content/load-content.ts";

/** What the Defra app's layouts draw beyond the parts every page has: hub cards, the triage hero, a question. */
export type LayoutPartsView = Record<string, unknown>;

/** The parts a page's layout draws from its own front matter, with every href on this site made canonical. */
export function layoutPartsFor(
  _source: SourcePage,
  _fm: PageFrontMatter,
  _site: SiteData,
  _canonical: (href: string) => string,
): LayoutPartsView | undefined {
  return undefined;
}

/** One warning listing the pages whose forms a static site cannot send, and what readers are told instead. */
export function formPagesDiagnostics(_sources: SourcePage[], _site: SiteData): Diagnostic[] {
  return [];
}
