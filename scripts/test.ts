import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { SITES, buildSite } from "../tests/helpers/built-site.ts";

// `--fast` leaves out the suites that drive Chromium (tests/browser/), for quick runs while working.
const fast = process.argv.includes("--fast");

// node --test needs the file list spelled out; a glob left to the shell matches nothing on some shells.
const testFiles = readdirSync("tests", { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".test.ts"))
  .filter((file) => !fast || !file.startsWith(`browser${path.sep}`))
  .map((file) => path.join("tests", file))
  .sort();
if (testFiles.length === 0) {
  console.error("No test files found under tests/.");
  process.exit(1);
}

// Build the shared sites once, in parallel, instead of once per test file.
const builds = await Promise.all(Object.entries(SITES).map(async ([name, env]) => ({ name, ...(await buildSite(name, env)) })));
for (const build of builds) {
  if (build.code !== 0) {
    console.error(`Building the ${build.name} site for the tests failed:\n${build.stderr}`);
    process.exit(1);
  }
}

const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...testFiles], {
  stdio: "inherit",
  env: { ...process.env, PREBUILT_SITES: builds.map((build) => build.name).join(",") },
});
process.exit(result.status ?? 1);
