import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { SITES, buildSite, siteBuiltMarker, testOutputDir } from "../tests/helpers/built-site.ts";

const USAGE = `Usage: npm test [-- [--fast] [--concurrency=N] [tests/some.test.ts ...]]
  --fast           leave out the suites that drive Chromium (tests/browser/), for quick runs while working
  --concurrency=N  test files run at once (default: 2, or the number of cores if more)
  files            run only these test files (default: every tests/**/*.test.ts)`;

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        fast: { type: "boolean", default: false },
        concurrency: { type: "string" },
        help: { type: "boolean", default: false },
      },
    });
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
const testFiles = (
  positionals.length
    ? positionals.map((file) => path.normalize(file))
    : readdirSync("tests", { recursive: true, encoding: "utf8" }).map((file) => path.join("tests", file))
)
  .filter((file) => file.endsWith(".test.ts"))
  .filter((file) => !values.fast || !file.startsWith(path.join("tests", "browser") + path.sep))
  .sort();
if (testFiles.length === 0) {
  console.error(
    positionals.length ? `No test files among ${positionals.join(", ")}.` : "No test files found under tests/.",
  );
  process.exit(1);
}

// The shared sites these files read (standardSite in tests/helpers/built-site.ts, and the gates over root and prefixed),
// so a run of a few files builds only what they need. A site missed here is still built, by the first test that asks for it.
const needed = new Set<keyof typeof SITES>();
for (const file of testFiles) {
  const text = readFileSync(file, "utf8");
  if (text.includes("describeGateOnStandardSites("))
    ["root", "prefixed"].forEach((name) => needed.add(name as keyof typeof SITES));
  if (!text.includes("standardSite(")) continue;
  for (const name of Object.keys(SITES) as (keyof typeof SITES)[]) if (text.includes(`"${name}"`)) needed.add(name);
}

// Build the shared sites once, in parallel, instead of once per test file. The test files start at the same
// time: most need no shared site, and those that do wait for its marker (standardSite in tests/helpers/built-site.ts).
for (const name of needed) rmSync(siteBuiltMarker(name), { force: true });
mkdirSync(testOutputDir, { recursive: true });
const builds = Promise.all(
  [...needed].map(async (name) => {
    const build = await buildSite(name, SITES[name]);
    writeFileSync(siteBuiltMarker(name), build.code === 0 ? "ok" : build.stderr || `exit code ${build.code}`);
    return { name, ...build };
  }),
);

const tests = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=spec", `--test-concurrency=${concurrency}`, ...testFiles],
  {
    stdio: "inherit",
    env: { ...process.env, PREBUILT_SITES: [...needed].join(",") },
  },
);
const status = await new Promise<number>((resolve) =>
  tests.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))),
);
let failedBuild = false;
for (const build of await builds) {
  if (build.code !== 0) {
    console.error(`Building the ${build.name} site for the tests failed:\n${build.stderr}`);
    failedBuild = true;
  }
}
process.exit(failedBuild ? 1 : status);
