import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { SITES, buildStandardSite, siteBuiltMarker, testOutputDir } from "../tests/helpers/built-site.ts";
import { parseCommandLine } from "../lib/command-line.ts";

const USAGE = `Usage: npm test [-- [--fast] [--isolate] [--concurrency=N] [tests/some.test.ts ...]]
  --fast           leave out the suites that drive Chromium (tests/browser/) and the few long end-to-end
                   suites that \`npm test\` runs (each counted as skipped, with its reason), for quick runs while working
  --isolate        run each test file in a process of its own, rather than several files one after another in each
  --concurrency=N  test processes run at once (default: one more than the number of cores)
  --save-durations write how long each file took to tests/durations.json, which a fresh clone groups the files by
  files            run only these test files (default: every tests/**/*.test.ts)`;

const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      fast: { type: "boolean", default: false },
      isolate: { type: "boolean", default: false },
      "save-durations": { type: "boolean", default: false },
      concurrency: { type: "string" },
    },
  },
  USAGE,
);

// Each test file writes under its own folder and asks the system for free ports, so files can run side by side.
// One process more than there are cores keeps every core busy while a process waits on Chromium, a child
// process or a server; more than that only makes them take turns.
const concurrency = Number(values.concurrency ?? availableParallelism() + 1);
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
const missingFiles = testFiles.filter((file) => !existsSync(file));
if (missingFiles.length) {
  console.error(`No such test file: ${missingFiles.join(", ")}`);
  process.exit(2);
}
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
// What the test files of this run make once and share (sharedOncePerRun in tests/helpers/built-site.ts), never a past run's.
const testRunId = `${Date.now()}-${process.pid}`;
rmSync(path.join(testOutputDir, "shared"), { recursive: true, force: true });
// In this process, which has nothing else to do while the tests run: a build process each would load
// Eleventy and warm up its code three times over, on the cores the tests need.
const builds = Promise.all(
  [...needed].map(async (name) => {
    const build = await buildStandardSite(name);
    writeFileSync(siteBuiltMarker(name), build.code === 0 ? "ok" : build.stderr || `exit code ${build.code}`);
    return { name, ...build };
  }),
);

// A process per test file spends most of a small file's time starting Node and loading the same modules
// (Eleventy, Sass, cheerio) again. Instead each process runs a group of files one after another, each file
// in a suite of its own named after it, so its hooks, its failures and its skips stay its own. There are as
// many groups as processes run at once, of about equal length by what each file took last time: a process
// also pays for its first build more than for the rest (modules compiled, code not yet optimised), and more,
// shorter groups paid that again for each, which cost more than the better balance they gave.
const durationsFile = path.join(testOutputDir, "test-durations.json");
// What a whole run measured, kept in the repository: without it a fresh clone (as in CI) has only guesses from
// each file's text, which can put the two longest browser files in one group, one after the other.
const committedDurationsFile = path.join("tests", "durations.json");
const groups =
  values.isolate || testFiles.length <= concurrency
    ? testFiles.map((file) => [file])
    : groupFiles(testFiles, concurrency);
const entries = await bundleEntries(groups.map((group, index) => writeGroup(group, index)));

const thisRunsDurations = path.join(testOutputDir, `test-durations-${testRunId}.json`);
const tests = spawn(
  process.execPath,
  [
    // Stack traces name the TypeScript files and lines, not the bundle's.
    "--enable-source-maps",
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=./tests/helpers/durations-reporter.mjs",
    `--test-reporter-destination=${thisRunsDurations}`,
    `--test-concurrency=${concurrency}`,
    ...entries,
  ],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      TEST_RUN_ID: testRunId,
      PREBUILT_SITES: [...needed].join(","),
      ...(values.fast ? { TEST_FAST: "1" } : {}),
    },
  },
);
const status = await new Promise<number>((resolve) =>
  tests.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))),
);
// Kept for the next run's groups, beside what earlier runs measured of the files this run left out.
try {
  const measured = JSON.parse(readFileSync(thisRunsDurations, "utf8")) as Record<string, number>;
  writeFileSync(durationsFile, JSON.stringify({ ...readDurations(durationsFile), ...measured }, null, 2));
  if (values["save-durations"] && status === 0) {
    const rounded = Object.fromEntries(
      Object.entries({ ...readDurations(committedDurationsFile), ...measured })
        .filter(([file]) => existsSync(file))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([file, seconds]) => [file, Math.round(seconds * 10) / 10]),
    );
    writeFileSync(committedDurationsFile, `${JSON.stringify(rounded, null, 2)}\n`);
  }
} catch {
  // A run stopped before the reporter wrote its file measured nothing to keep.
}
rmSync(thisRunsDurations, { force: true });
let failedBuild = false;
for (const build of await builds) {
  if (build.code !== 0) {
    console.error(`Building the ${build.name} site for the tests failed:\n${build.stderr}`);
    failedBuild = true;
  }
}
process.exit(failedBuild ? 1 : status);

/** How long each test file took when last run here, in seconds, or else in the run kept in the repository. */
function recordedDurations(): Record<string, number> {
  return { ...readDurations(committedDurationsFile), ...readDurations(durationsFile) };
}

/** A file of seconds by test file, as the durations reporter writes it; nothing if there is none. */
function readDurations(file: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

/**
 * How long a file is likely to take, in seconds, to spread the files evenly: what it took last time, or,
 * for a file not run before, a guess from its length, and much more for each site it builds, script or
 * server it starts, or property it checks many times.
 */
function weight(file: string, recorded: Record<string, number>): number {
  if (recorded[file] !== undefined) return recorded[file];
  const text = readFileSync(file, "utf8");
  const slow = text.match(
    /buildInProcess\(|buildDefraApp\(|runScript\(|spawn(Sync)?\(|execFile\(|startDevServer\(|numRuns/g,
  );
  // axe over every page of a site, at two widths, is the longest single step of the suite.
  const accessibilityGates = text.match(/checkAccessibility\(|describeGateOnStandardSites\(/g);
  return text.length / 4000 + 5 * (slow?.length ?? 0) + 50 * (accessibilityGates?.length ?? 0);
}

/** The files in `count` groups of about equal weight, heaviest group first (each file to the lightest group so far). */
function groupFiles(files: string[], count: number): string[][] {
  const groups = Array.from({ length: Math.min(count, files.length) }, () => ({ files: [] as string[], weight: 0 }));
  const recorded = recordedDurations();
  for (const [file, fileWeight] of files
    .map((file) => [file, weight(file, recorded)] as const)
    .sort((a, b) => b[1] - a[1])) {
    const lightest = groups.reduce((least, group) => (group.weight < least.weight ? group : least));
    lightest.files.push(file);
    lightest.weight += fileWeight;
  }
  return groups.sort((a, b) => b.weight - a.weight).map((group) => group.files.sort());
}

/** A test file that runs the group's files in turn, each in a suite named after it. */
function writeGroup(files: string[], index: number): string {
  const entry = path.join(testOutputDir, "test-groups", `group-${index + 1}.test.mjs`);
  mkdirSync(path.dirname(entry), { recursive: true });
  const suites = files.map((file) => {
    const specifier = path.relative(path.dirname(entry), path.resolve(file)).split(path.sep).join("/");
    return `describe(${JSON.stringify(file)}, { concurrency: 1 }, async () => {\n  await import(${JSON.stringify(specifier.startsWith(".") ? specifier : `./${specifier}`)});\n});\n`;
  });
  writeFileSync(entry, `import { describe } from "node:test";\n\n${suites.join("")}`);
  return entry;
}

/**
 * The groups bundled by esbuild into JavaScript Node runs without a loader (packages stay imports, and
 * code the groups share goes into chunks of its own). Through tsx every module a test process loads,
 * Eleventy's included, passes tsx's hooks: about three CPU-seconds of each process's start, against under
 * one for the bundle. Each source file keeps its own location (scripts/esbuild-own-location.mjs).
 */
async function bundleEntries(groupEntries: string[]): Promise<string[]> {
  const { build, stop } = await import("esbuild");
  const { nodeBundleOptions } = await import("./esbuild-own-location.mjs");
  const outdir = path.join(testOutputDir, "test-bundles");
  rmSync(outdir, { recursive: true, force: true });
  try {
    const result = await build({
      ...nodeBundleOptions,
      absWorkingDir: process.cwd(),
      entryPoints: groupEntries,
      outdir,
      sourcemap: "inline",
    });
    // esbuild's service (a process of about 80 MB) is not kept beside the test processes for the whole run.
    await stop();
    return groupEntries.map((entry) => {
      const [output] = Object.entries(result.metafile.outputs).find(
        ([, meta]) => meta.entryPoint && path.resolve(meta.entryPoint) === path.resolve(entry),
      )!;
      return path.resolve(output);
    });
  } catch (error) {
    // A syntax error in a test or in lib/: esbuild's message names the file and line.
    console.error((error as Error).message);
    process.exit(1);
  }
}
