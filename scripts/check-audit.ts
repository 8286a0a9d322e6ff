import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { BLOCKING_SEVERITIES, readAuditOutput } from "../lib/gates/npm-audit.ts";

// Audits only what the published site and its build depend on (not dev tools), failing on high or
// critical advisories. NPM_AUDIT_UNAVAILABLE=warn lets a machine whose registry has no audit endpoint
// go on, saying loudly that nothing was checked; without it, no report is a failure.
const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const stdout = await run(npm, ["audit", "--omit=dev", "--json"], { maxBuffer: 64 * 1024 * 1024 }).then(
  (result) => result.stdout,
  (error: { stdout?: string }) => error.stdout ?? "",
);
const outcome = readAuditOutput(stdout);
if (outcome.kind === "unavailable") {
  const warnOnly = process.env.NPM_AUDIT_UNAVAILABLE === "warn";
  console.error(`check:audit: NOT CHECKED: the registry gave no audit report (${outcome.reason}).`);
  console.error(
    warnOnly
      ? "check:audit: going on because NPM_AUDIT_UNAVAILABLE=warn; the GitHub workflow audits for real."
      : "check:audit: failing: an audit that could not run has not passed.",
  );
  process.exitCode = warnOnly ? 0 : 2;
} else if (outcome.blocking.length > 0) {
  console.error(
    `check:audit: ${outcome.blocking.length} ${BLOCKING_SEVERITIES.join(" or ")} advisories in production dependencies: ${outcome.blocking.join(", ")}. Run \`npm audit --omit=dev\` for the fixes.`,
  );
  process.exitCode = 1;
} else {
  console.log(
    `check:audit: no ${BLOCKING_SEVERITIES.join(" or ")} advisories in production dependencies (${JSON.stringify(outcome.counts)}).`,
  );
}
