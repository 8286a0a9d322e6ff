/** One problem a quality gate found, addressed by the page it is on. */
export interface Finding {
  /** The page's (or stylesheet's) URL path on the served site, prefix included, such as /service-manual/roles/. */
  page: string;
  message: string;
}

/** One line per finding, page first, the way the gates print them. */
export function formatFindings(findings: Finding[]): string {
  return findings.map((finding) => `${finding.page}: ${finding.message}`).join("\n");
}
