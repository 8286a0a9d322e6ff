import type { AxeResults } from "axe-core";
import type { Browser } from "playwright-core";
import type { Diagnostic } from "../diagnostics.ts";
import { runAxeCli } from "./axe-cli.ts";
import { runAxeInBrowser } from "./axe-in-browser.ts";
import type { GateResult, SiteUnderTest } from "./gate.ts";
import { listReadablePages } from "./site-pages.ts";
import { startStaticServer } from "./static-server.ts";

import { MOBILE_VIEWPORT } from "./axe-rules.ts";

// Kept beside the axe rules, so the accessibility statement can name the widths without loading the browser.
export { MOBILE_VIEWPORT };

/** One finding per element that breaks a rule, naming page, rule, element and the pass that found it. */
export function violationFindings(results: AxeResults[], pass: string): Diagnostic[] {
  return results.flatMap((result) =>
    result.violations.flatMap((violation) =>
      violation.nodes.map((node) => ({
        severity: "error" as const,
        file: new URL(result.url).pathname,
        message: `${violation.id} (${violation.impact ?? "no impact given"}, ${pass}): ${violation.help}: ${node.target.join(" ")} (${violation.helpUrl})`,
      })),
    ),
  );
}

/**
 * Serves the built site the way GitHub Pages does and runs axe over every page a reader can open
 * (WCAG 2.0-2.2 A and AA): @axe-core/cli at desktop width, then axe-core in Playwright at 320px.
 * Those are the built HTML files, not the sitemap's list, which leaves out on purpose pages readers still
 * reach (search, 404, noindex, print and interruption pages); redirect stubs and dev server pages are left out.
 * `only` narrows it to some of those pages, given as paths under the prefix (such as `/a-to-z/`),
 * for tests about one page: axe takes about a second a page. A caller with a browser open passes it as
 * `browser` for the 320px pass, rather than have another started.
 */
export async function checkAccessibility({
  siteDir,
  pathPrefix,
  only,
  browser,
}: SiteUnderTest & { only?: readonly string[]; browser?: Browser }): Promise<GateResult> {
  const listed = listReadablePages(siteDir, pathPrefix);
  const wanted = only && new Set(only.map((page) => `${pathPrefix.replace(/\/$/, "")}${page}`));
  const missing = only?.filter((page) => !listed.urls.includes(`${pathPrefix.replace(/\/$/, "")}${page}`)) ?? [];
  if (missing.length) throw new Error(`not pages of the site: ${missing.join(", ")}`);
  const pages = wanted ? { ...listed, urls: listed.urls.filter((url) => wanted.has(url)) } : listed;
  const server = await startStaticServer(siteDir, pathPrefix);
  try {
    const origin = new URL(server.url).origin;
    const findings: Diagnostic[] = [...pages.problems];
    const served: string[] = [];
    for (const page of pages.urls) {
      const response = await fetch(origin + page, { redirect: "manual" });
      await response.body?.cancel();
      if (response.status === 200) served.push(origin + page);
      else
        findings.push({
          severity: "error",
          file: page,
          message: `answered HTTP ${response.status}, so it was not checked`,
        });
    }
    findings.push(...violationFindings(await runAxeCli(served), "desktop"));
    findings.push(
      ...violationFindings(await runAxeInBrowser(served, MOBILE_VIEWPORT, browser), `${MOBILE_VIEWPORT.width}px wide`),
    );
    const redirects = wanted ? 0 : listed.leftOut.filter((page) => page.reason === "redirect").length;
    const devPages = wanted ? 0 : listed.leftOut.length - redirects;
    const leftOut = [
      redirects ? `${redirects} redirect${redirects === 1 ? "" : "s"}` : "",
      devPages ? `${devPages} dev server page${devPages === 1 ? "" : "s"}` : "",
    ].filter(Boolean);
    return {
      findings,
      summary: `${served.length} pages from ${pages.source}${leftOut.length ? ` (${leftOut.join(" and ")} left out)` : ""}, at desktop width and ${MOBILE_VIEWPORT.width}px`,
    };
  } finally {
    await server.close();
  }
}
