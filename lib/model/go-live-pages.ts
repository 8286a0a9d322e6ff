import type { SiteData } from "../content/site-data.ts";
import type { PositionedData } from "../content/positioned-yaml.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { missingStatementFields } from "./accessibility-statement.ts";
import { missingPrivacyFields } from "./privacy.ts";

/** The pages every public sector site must have, which the site makes from site.json unless a content page takes the address. */
export const GO_LIVE_URLS = {
  accessibilityStatement: "/accessibility-statement/",
  cookies: "/cookies/",
  privacy: "/privacy/",
} as const;

/** Whether a content page is at a go-live page's address (with or without the trailing slash), and so replaces it. */
export const replacedByContent = (url: string, contentUrls: ReadonlySet<string>): boolean =>
  contentUrls.has(url) || contentUrls.has(url.replace(/\/$/, ""));

/**
 * What site.json must say for the accessibility statement and privacy notice, one warning per missing
 * field. Warnings, not errors: a site being drafted, or a test site, still builds, but a site about to
 * go live sees exactly what its editors have still to fill in. A page content replaces needs nothing.
 */
export function goLiveDataDiagnostics(
  site: SiteData,
  contentUrls: ReadonlySet<string>,
  siteFile: { file: string; lineOf: PositionedData["lineOf"] },
): Diagnostic[] {
  const warning = (field: string, message: string): Diagnostic => {
    const parts = field.split(".");
    // A missing field has no line; the block it belongs in may.
    const line = siteFile.lineOf(parts) ?? siteFile.lineOf(parts.slice(0, 1));
    return { severity: "warning", file: siteFile.file, line, field, message };
  };
  const diagnostics: Diagnostic[] = [];
  if (!replacedByContent(GO_LIVE_URLS.accessibilityStatement, contentUrls)) {
    const why: Record<string, string> = {
      "accessibilityStatement.contact":
        "the accessibility statement needs an `email` or `phone` for readers to ask for another format or report a problem",
      "accessibilityStatement.responseDays": "the accessibility statement must say how many working days a reply takes",
      "accessibilityStatement.compliance":
        "the accessibility statement must say whether the site is `full`, `partial` or `not` compliant, as decided by the people who tested it",
      "accessibilityStatement.prepared": "the accessibility statement must say when it was prepared (YYYY-MM-DD)",
    };
    for (const field of missingStatementFields(site)) diagnostics.push(warning(field, `is missing: ${why[field]}`));
    const statement = site.accessibilityStatement;
    if (
      statement?.compliance === "full" &&
      statement.exceptions.some((exception) => exception.reason === "non-compliance")
    )
      diagnostics.push(
        warning(
          "accessibilityStatement.compliance",
          "is `full`, but `exceptions` lists problems that fail WCAG: say `partial`, or move those that are fixed out of the list",
        ),
      );
  }
  if (!replacedByContent(GO_LIVE_URLS.privacy, contentUrls)) {
    const why: Record<string, string> = {
      "privacy.controller": "the privacy notice must name who controls readers' personal data",
      "privacy.contactEmail": "the privacy notice must give the data protection officer's email address",
    };
    for (const field of missingPrivacyFields(site)) diagnostics.push(warning(field, `is missing: ${why[field]}`));
  }
  return diagnostics;
}
