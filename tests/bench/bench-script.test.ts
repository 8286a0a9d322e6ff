import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import type { BenchResults } from "../../bench/run-bench.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { leftOutOfFastRun } from "../helpers/fast-run.ts";

const run = promisify(execFile);
let dir: string;
let results: BenchResults;
let printed: string;

// The whole benchmark on a tiny corpus, once: it must run end to end and record every figure.
// Nothing here checks a time against a limit: timings belong to `npm run bench`, not to tests.
const skip = leftOutOfFastRun("runs the whole benchmark: several builds, the floor's and a dev server");
before(async () => {
  if (skip) return;
  dir = await mkdtemp(path.join(tmpdir(), "service-manual-bench-test-"));
  const out = path.join(dir, "results.json");
  const { stdout } = await run(
    process.execPath,
    [
      "scripts/run.mjs",
      "bench",
      "--sizes=20",
      "--repetitions=1",
      "--dev-size=20",
      "--dev-saves=1",
      "--dev-small-size=20",
      // Lighthouse is the benchmark's slowest part and is judged by tests/bench/lighthouse-targets.test.ts' cases.
      "--no-lighthouse",
      `--out=${out}`,
    ],
    { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 },
  );
  printed = stdout;
  results = JSON.parse(await readFile(out, "utf8"));
});
after(() => dir && rm(dir, { recursive: true, force: true }));

const positive = (value: unknown, name: string) =>
  assert.ok(typeof value === "number" && value > 0 && Number.isFinite(value), `${name} is ${value}`);

describe("npm run bench on a 20-page corpus", () => {
  it("records the machine and the run's settings", { skip }, () => {
    positive(results.machine.cpus, "cpus");
    positive(results.machine.memoryGb, "memoryGb");
    assert.match(results.machine.node, /^v\d+/);
    assert.equal(results.repetitions, 1);
    assert.equal(typeof results.seed, "number");
  });

  it("times our build and the floor on the same corpus, with memory, CPU and output size", { skip }, () => {
    assert.equal(results.builds.length, 1);
    const [build] = results.builds;
    assert.equal(build.pages, 20);
    for (const [name, series] of Object.entries({ ours: build.ours, floor: build.floor })) {
      assert.equal(series.runs.length, 1);
      for (const field of [
        "medianWallMs",
        "medianCpuMs",
        "pagesPerSecond",
        "peakRssMb",
        "nodePeakRssMb",
        "htmlBytesPerPage",
        "outputBytesPerPage",
      ] as const) {
        positive(series[field], `${name}.${field}`);
      }
    }
    assert.equal(build.ratioToFloor, build.ours.medianWallMs / build.floor.medianWallMs);
  });

  it("measures a save in the dev server and the first view of a page", { skip }, () => {
    assert.equal(results.devServer.pages, 20);
    assert.equal(results.devServer.savesMs.length, 1);
    positive(results.devServer.medianSaveMs, "medianSaveMs");
    assert.match(results.firstView.url, /^\/.+\/$/);
    for (const field of ["htmlGzipBytes", "cssGzipBytes", "jsGzipBytes"] as const)
      positive(results.firstView[field], field);
    assert.deepEqual(results.firstView.webFonts, []);
    positive(results.devServerSmall?.restartMs, "the small dev server's restartMs");
    // Weighed on each page type Lighthouse would run on, though it did not run.
    assert.equal(results.firstViewPageTypes.length, 8);
    for (const view of results.firstViewPageTypes) positive(view.cssGzipBytes, `${view.type}'s CSS`);
    const pageTypes = results.targets.find((target) => target.target.startsWith("first view of every page type"));
    assert.equal(typeof pageTypes?.met, "boolean");
    assert.match(printed, /\| page type +\| page +\| HTML/);
    // The two sizes are the same here, so one dev server is measured for both, and started again once.
    assert.deepEqual(results.devServerSmall, results.devServer, "one dev server measured for both sizes");
  });

  it("judges every target, leaving unmeasured ones open, and prints the tables", { skip }, () => {
    // Four build and dev server targets, Lighthouse's one line when it did not run, and the eight before them.
    assert.equal(results.targets.length, 13);
    assert.equal(results.targets.find((target) => target.target.startsWith("Lighthouse"))?.met, null);
    assert.equal(results.targets.find((target) => target.target.startsWith("120 pages build"))?.met, null);
    assert.ok(results.builds[0].warmRebuild.wallMs > 0, "the warm rebuild is measured");
    for (const target of results.targets)
      assert.ok(target.met === null || typeof target.met === "boolean", target.target);
    assert.equal(results.targets.find((target) => target.target.includes("10,000 pages build"))?.met, null);
    assert.match(printed, /\| pages \| our build \| floor/);
    assert.match(printed, /\| 20 +\|/);
  });
});

describe("the benchmark's and the dev server's command lines", () => {
  for (const [command, usage] of [
    ["bench", /^npm run bench \[-- options\]/],
    ["serve", /^npm start:/],
    ["test", /^Usage: npm test/],
  ] as const)
    it(`${command}: --help prints the usage and exits 0, without declaring --help itself`, async () => {
      const { stdout } = await run(process.execPath, ["scripts/run.mjs", command, "--help"], { cwd: projectRoot });
      assert.match(stdout, usage);
    });

  for (const command of ["bench", "serve"])
    it(`${command}: an unknown option is named, with the options there are, and no stack trace`, async () => {
      const failed = await run(process.execPath, ["scripts/run.mjs", command, "--sizez=120"], {
        cwd: projectRoot,
      }).then(
        () => assert.fail("the command accepted an option it does not have"),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failed.code, 2);
      assert.match(failed.stderr, /Unknown option '--sizez'/);
      assert.match(failed.stderr, command === "bench" ? /--sizes=120,1000,4000/ : /npm start:/);
      assert.doesNotMatch(failed.stderr, /\n\s+at /, "no stack trace");
    });
});
