import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomically } from "../cache-files.ts";
import type { EleventyConfig } from "./types.ts";
import { copyPublicFiles } from "./public-files.ts";
import { compileStyles, forgetCompiledStyles, prepareStyles, type Brand } from "./sass.ts";
import { forgetPageScripts, withPageScript } from "./scripts-by-use.ts";
import { scriptClassNames, withoutUnusedSelectors } from "./unused-selectors.ts";
import {
  availableStyles,
  classNamesIn,
  stylesFor,
  unionOfStyles,
  type AvailableStyles,
  type UsedStyles,
} from "./used-components.ts";

/**
 * Stylesheets, scripts, images and GOV.UK Frontend's own assets. The stylesheet is the brand's the site
 * model gives, with the components the rendered pages use: call `compile(brand)` once the build's model
 * is known, and it is compiled and written when the pages are.
 */
export function assetsPlugin(
  eleventyConfig: EleventyConfig,
  options: {
    projectRoot: string;
    contentDir: string;
    prerendered?: UsedStyles[];
    /** Told each rendered page's styles, for the build cache to keep with its HTML. */
    onPageStyles?: (outputPath: string, styles: UsedStyles) => void;
  },
): { compile(brand: Brand): void } {
  const { projectRoot, contentDir, prerendered = [], onPageStyles } = options;
  eleventyConfig.addPassthroughCopy({
    "node_modules/govuk-frontend/dist/govuk/assets": "assets",
    "assets/js": "assets/js",
    "assets/images": "assets/images",
  });
  // The dev server serves only the output folder, never source folders (and their links) directly.
  eleventyConfig.setServerPassthroughCopyBehavior("copy");
  // Eleventy reads no file in content/ itself (lib/eleventy/templates-input.ts), so it watches these too.
  eleventyConfig.addWatchTarget(`${contentDir}/public/**`);
  eleventyConfig.addWatchTarget(`${contentDir}/_data/**`);
  eleventyConfig.addWatchTarget("assets/scss/**/*.scss");
  // Each component keeps its styles beside its template.
  eleventyConfig.addWatchTarget("layouts/components/**/_index.scss");
  eleventyConfig.on("eleventy.beforeWatch", (changedFiles: string[]) => {
    if (changedFiles.some((file) => file.endsWith(".scss"))) forgetCompiledStyles();
    if (changedFiles.some((file) => file.endsWith(".js"))) forgetPageScripts();
  });
  // Each page is sent one script with only the GOV.UK Frontend components and site scripts its HTML
  // uses (lib/eleventy/scripts-by-use.ts); the scripts are written with the stylesheet.
  const pageScripts = new Map<string, string>();
  // The dev server renders only the pages a save changed: the others' components are remembered.
  const usedByPage = new Map<string, UsedStyles>();
  // Read again for each build: the dev server may be given a new component.
  let available: AvailableStyles | undefined;
  eleventyConfig.on("eleventy.before", () => {
    available = undefined;
  });
  // A page's classes are read here once, for its script and its styles alike: the transforms after this
  // one change only addresses.
  eleventyConfig.addTransform("scripts-by-use", function (this: { page?: { outputPath?: unknown } }, content: unknown) {
    const outputPath = this.page?.outputPath;
    if (typeof content !== "string" || typeof outputPath !== "string" || !outputPath.endsWith(".html")) return content;
    const classes = classNamesIn(content);
    const styles = stylesFor(classes, (available ??= availableStyles(projectRoot)));
    usedByPage.set(outputPath, styles);
    onPageStyles?.(outputPath, styles);
    return withPageScript(content, projectRoot, (script) => pageScripts.set(script.fileName, script.code), classes);
  });
  let brand: Brand | undefined;
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    if (!brand) throw new Error("the stylesheet was never compiled: the site model gave no brand");
    const used = unionOfStyles([...usedByPage.values(), ...prerendered], (available ??= availableStyles(projectRoot)));
    const kept = scriptClassNames(projectRoot);
    for (const name of used.classes) kept.add(name);
    const css = withoutUnusedSelectors(await compileStyles(projectRoot, brand, used), kept);
    const outDir = path.join(directories.output, "assets", "css");
    // Written whole or not at all: the dev server rewrites it after a save, while a browser may be reading it.
    await writeAtomically(path.join(outDir, `${brand}.css`), css);
    const jsDir = path.join(directories.output, "assets", "js");
    await mkdir(jsDir, { recursive: true });
    await Promise.all([...pageScripts].map(([fileName, code]) => writeFile(path.join(jsDir, fileName), code)));
    await copyPublicFiles(path.resolve(projectRoot, contentDir, "public"), path.join(directories.output, "public"));
  });
  return {
    compile(siteBrand) {
      brand = siteBrand;
      // Sass compiles on another core while Eleventy renders the pages.
      void prepareStyles(projectRoot, siteBrand);
    },
  };
}
