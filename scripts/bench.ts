import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatReport } from "../bench/report.ts";
import { runBench } from "../bench/run-bench.ts";
import { parseCommandLine } from "../lib/command-line.ts";

const USAGE = `npm run bench [-- options]: our build against bare Eleventy, the dev server, first views and Lighthouse

  --sizes=120,1000,4000  corpus sizes, in pages (120 is the live manual's size)
  --repetitions=3        runs of each build per size, ours and the floor alternating; medians are reported
  --seed=6               the corpus seed: the same seed and size give the same files
  --dev-size=4000        the corpus size the dev server is measured on
  --dev-small-size=120   the size where the dev server's start to its first page and a save are also timed
  --dev-saves=5          how many saves are timed
  --no-lighthouse        skip the Lighthouse run
  --out=bench/results.json  where the results go
  --keep                 keep the generated corpora and builds; the log says where
  --help                 show this`;

const { values } = parseCommandLine(
  {
    options: {
      sizes: { type: "string", default: "120,1000,4000" },
      repetitions: { type: "string", default: "3" },
      seed: { type: "string", default: "6" },
      "dev-size": { type: "string", default: "4000" },
      "dev-saves": { type: "string", default: "5" },
      "dev-small-size": { type: "string", default: "120" },
      "no-lighthouse": { type: "boolean", default: false },
      out: { type: "string", default: "bench/results.json" },
      keep: { type: "boolean", default: false },
    },
  },
  USAGE,
);

const whole = (name: string, text: string, minimum: number) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    console.error(`--${name} must be a whole number of at least ${minimum}, not "${text}"`);
    process.exit(2);
  }
  return value;
};

const results = await runBench({
  projectRoot: process.cwd(),
  sizes: values.sizes.split(",").map((size) => whole("sizes", size.trim(), 4)),
  repetitions: whole("repetitions", values.repetitions, 1),
  seed: whole("seed", values.seed, 0),
  devSize: whole("dev-size", values["dev-size"], 4),
  devSaves: whole("dev-saves", values["dev-saves"], 1),
  devSmallSize: whole("dev-small-size", values["dev-small-size"], 4),
  skipLighthouse: values["no-lighthouse"],
  keep: values.keep,
  log: (message) => console.error(message),
});

await mkdir(path.dirname(path.resolve(values.out)), { recursive: true });
await writeFile(values.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(formatReport(results));
console.log(`\nResults written to ${values.out}`);
