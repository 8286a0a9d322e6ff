import { buildSite } from "../lib/build/build-site.ts";
import { limitHeapGrowth } from "../lib/build/release-memory.ts";
import { readSettings } from "../lib/settings.ts";

// `npm run build`: builds the site into OUTPUT_DIR (default _site) and exits 1 if it could not.
limitHeapGrowth();
let settings: ReturnType<typeof readSettings>;
try {
  settings = readSettings();
} catch (error) {
  console.error((error as Error).message);
  // The settings could not be read, so the output folder is named as the environment gives it.
  console.error(`\nThe build failed, so ${process.env.OUTPUT_DIR ?? "_site"}/ was left as it was.`);
  process.exit(1);
}
const result = await buildSite({
  settings,
  projectRoot: process.cwd(),
  outputDir: settings.outputDir,
  print: ({ stream, text }) => (stream === "stdout" ? console.log(text) : console.error(text)),
  timings: process.env.BUILD_TIMINGS === "1",
});
if (!result.ok) process.exitCode = 1;
