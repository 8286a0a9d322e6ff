/** What `npm audit --json` said: either a report, or why there is none. */
export type AuditOutcome =
  { kind: "report"; blocking: string[]; counts: Record<string, number> } | { kind: "unavailable"; reason: string };

/** Severities that fail the build: GOV.UK's service standard asks for known serious vulnerabilities to be fixed before release. */
export const BLOCKING_SEVERITIES = ["high", "critical"];

/**
 * Reads `npm audit --json` output. A registry that does not answer the audit endpoint (offline, a
 * mirror without it, an outage) gives no report, and that is said, never read as "no vulnerabilities".
 */
export function readAuditOutput(stdout: string): AuditOutcome {
  let parsed: {
    error?: { summary?: string; detail?: string };
    message?: string;
    metadata?: { vulnerabilities?: Record<string, number> };
    vulnerabilities?: Record<string, { severity: string }>;
  };
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return {
      kind: "unavailable",
      reason: `npm audit printed no JSON report: ${stdout.trim().slice(0, 300) || "(nothing)"}`,
    };
  }
  const counts = parsed.metadata?.vulnerabilities;
  if (parsed.error || !counts) {
    const reason =
      [parsed.message, parsed.error?.summary, parsed.error?.detail].filter(Boolean).join(": ") ||
      "no vulnerability counts in the report";
    return { kind: "unavailable", reason };
  }
  const blocking = Object.entries(parsed.vulnerabilities ?? {})
    .filter(([, vulnerability]) => BLOCKING_SEVERITIES.includes(vulnerability.severity))
    .map(([name, vulnerability]) => `${name} (${vulnerability.severity})`);
  return { kind: "report", blocking, counts };
}
