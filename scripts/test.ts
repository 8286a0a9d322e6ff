import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { SITES, buildSite } from "../tests/helpers/built-site.ts";

const USAGE = `Usage: npm test [-- [--fast] [--concurrency=N] [tests/some.test.ts ...]]
  --fast           leave out the suites that drive Chromium (tests/browser/), for quick runs while working
  --concurrency=N  test files run at once (default: 2, or the number of cores if more)
  files            run only these test files (default: every tests/**/*.test.ts)`;

const { values, positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { fast: { type: "boolean", default: false }, concurrency: { type: "string" }, help: { type: "boolean", default: false } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

// Each test file writes under its own folder and asks the system for free ports, so files can run side by side;
// two at once keeps both cores busy while one file waits on a child process or a server.
const concurrency = Number(values.concurrency ?? Math.max(2, availableParallelism()));
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`--concurrency must be a whole number, at least 1, found "${values.concurrency}"\n\n${USAGE}`);
  process.exit(2);
}

// node --test needs the file list spelled out; a glob left to the shell matches nothing on some shells.
const testFiles = (positionals.length ? positionals.map((file) => path.normalize(file)) : readdirSync("tests", { recursive: true, encoding: "utf8" }).map((file) => path.join("tests", file)))
  .filter((file) => file.endsWith(".test.ts"))
  .filter((file) => !values.fast || !file.startsWith(path.join("tests", "browser") + path.sep))
  .sort();
if (testFiles.length === 0) {
  console.error(positionals.length ? `No test files among ${positionals.join(", ")}.` : "No test files found under tests/.");
  process.exit(1);
}

// The shared sites these files read (standardSite in tests/helpers/built-site.ts, and the gates over root and prefixed),
// so a run of a few files builds only what they need. A site missed here is still built, by the first test that asks for it.
const needed = new Set<keyof typeof SITES>();
for (const file of testFiles) {
  const text = readFileSync(file, "utf8");
  if (text.includes("describeGateOnStandardSites(")) ["root", "prefixed"].forEach((name) => needed.add(name as keyof typeof SITES));
  if (!text.includes("standardSite(")) continue;
  for (const name of Object.keys(SITES) as (keyof typeof SITES)[]) if (text.includes(`"${name}"`)) needed.add(name);
}

// Build the shared sites once, in parallel, instead of once per test file.
const builds = await Promise.all([...needed].map(async (name) => ({ name, ...(await buildSite(name, SITES[name])) })));
for (const build of builds) {
  if (build.code !== 0) {
    console.error(`Building the ${build.name} site for the tests failed:\n${build.stderr}`);
    process.exit(1);
  }
}

const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", `--test-concurrency=${concurrency}`, ...testFiles], {
  stdio: "inherit",
  env: { ...process.env, PREBUILT_SITES: builds.map((build) => build.name).join(",") },
});
process.exit(result.status ?? 1);
