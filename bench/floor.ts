import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { LAYOUTS } from "../lib/schema/front-matter.ts";
import { writeCorpus, type Corpus } from "./corpus.ts";

/**
 * Sets up "the floor": bare Eleventy rendering the same Markdown files through a one-line layout,
 * the least any Eleventy site of this size can cost. Returns the command that builds it.
 */
export async function prepareFloor(
  floorDir: string,
  corpus: Corpus,
): Promise<{ command: string; args: string[]; cwd: string; outputDir: string }> {
  // A copy of the pages, because the directory data file below would also reach our own build's template.
  await writeCorpus(path.join(floorDir, "content"), corpus);
  // Our pages name our layouts in front matter, which outranks directory data: aliases send those to the
  // floor layout too, and the directory data file covers pages that name none.
  await writeFile(
    path.join(floorDir, "content", "content.11tydata.json"),
    `${JSON.stringify({ layout: "floor.njk" })}\n`,
  );
  await mkdir(path.join(floorDir, "_includes"), { recursive: true });
  await writeFile(path.join(floorDir, "_includes", "floor.njk"), "{{ content | safe }}\n");
  await writeFile(
    path.join(floorDir, "eleventy.config.mjs"),
    `export default function (eleventyConfig) {
  for (const name of ${JSON.stringify(LAYOUTS)}) eleventyConfig.addLayoutAlias(name, "floor.njk");
}

export const config = { dir: { input: "content", includes: "../_includes", output: "_site" } };
`,
  );
  const eleventyCli = path.join(
    path.dirname(createRequire(import.meta.url).resolve("@11ty/eleventy")),
    "..",
    "cmd.cjs",
  );
  return {
    command: process.execPath,
    args: [eleventyCli, "--config=eleventy.config.mjs", "--quiet"],
    cwd: floorDir,
    outputDir: path.join(floorDir, "_site"),
  };
}
