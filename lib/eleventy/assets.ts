import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomically } from "../cache-files.ts";
import type { EleventyConfig } from "./types.ts";
import { copyPublicFiles } from "./public-files.ts";
import { compileStyles, forgetCompiledStyles, prepareStyles, type Brand } from "./sass.ts";
import { forgetPageScripts, withPageScript } from "./scripts-by-use.ts";
import { withoutUnusedOverrides } from "./override-classes.ts";
import { availableStyles, classNamesIn, stylesFor, unionOfStyles, type UsedStyles } from "./used-components.ts";

/**
 * Stylesheets, scripts, images and GOV.UK Frontend's own assets. The stylesheet is the brand's the site
 * model gives, with the components the rendered pages use: call `compile(brand)` once the build's model
 * is known, and it is compiled and written when the pages are.
 */
export function assetsPlugin(
  eleventyConfig: EleventyConfig,
  options: { projectRoot: string; contentDir: string; prerendered?: UsedStyles[] },
): { compile(brand: Brand): void } {
  const { projectRoot, contentDir, prerendered = [] } = options;
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
  eleventyConfig.addTransform("scripts-by-use", function (this: { page?: { outputPath?: unknown } }, content: unknown) {
    const outputPath = this.page?.outputPath;
    if (typeof content !== "string" || typeof outputPath !== "string" || !outputPath.endsWith(".html")) return content;
    return withPageScript(content, projectRoot, (script) => pageScripts.set(script.fileName, script.code));
  });
  // The dev server renders only the pages a save changed: the others' components are remembered.
  const usedByPage = new Map<string, UsedStyles>();
  let brand: Brand | undefined;
  eleventyConfig.on(
    "eleventy.after",
    async ({ directories, results }: { directories: { output: string }; results: RenderedPage[] }) => {
      if (!brand) throw new Error("the stylesheet was never compiled: the site model gave no brand");
      const available = availableStyles(projectRoot);
      for (const { outputPath, content } of results) {
        if (typeof outputPath === "string" && outputPath.endsWith(".html") && typeof content === "string")
          usedByPage.set(outputPath, stylesFor(classNamesIn(content), available));
      }
      const used = unionOfStyles([...usedByPage.values(), ...prerendered], available);
      const css = withoutUnusedOverrides(await compileStyles(projectRoot, brand, used), used.overrides);
      const outDir = path.join(directories.output, "assets", "css");
      // Written whole or not at all: the dev server rewrites it after a save, while a browser may be reading it.
      await writeAtomically(path.join(outDir, `${brand}.css`), css);
      const jsDir = path.join(directories.output, "assets", "js");
      await mkdir(jsDir, { recursive: true });
      await Promise.all([...pageScripts].map(([fileName, code]) => writeFile(path.join(jsDir, fileName), code)));
      await copyPublicFiles(path.resolve(projectRoot, contentDir, "public"), path.join(directories.output, "public"));
    },
  );
  return {
    compile(siteBrand) {
      brand = siteBrand;
      // Sass compiles on another core while Eleventy renders the pages.
      void prepareStyles(projectRoot, siteBrand);
    },
  };
}

interface RenderedPage {
  outputPath?: string | false;
  content?: unknown;
}
