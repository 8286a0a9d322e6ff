import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { normalisePathPrefix } from "../../lib/settings.ts";
import { buildInProcess, projectRoot, sharedOncePerRun, testOutputDir } from "./built-site.ts";
import { printedDiagnostics, type PrintedDiagnostic } from "./content-dir.ts";

/** A small manual laid out as the Defra service manual app's source tree, in its formats, written for these tests. */
export const defraAppFixture = path.join(projectRoot, "tests/fixtures/defra-app");

/**
 * Makes a content folder from the app's source tree as the README's "Moving the Defra service manual here"
 * tells an editor to, so the tests build exactly what an editor following it would.
 */
export function contentFromDefraApp(appRoot: string, contentDir: string): void {
  cpSync(path.join(appRoot, "src/content"), contentDir, { recursive: true });
  mkdirSync(path.join(contentDir, "_data"), { recursive: true });
  cpSync(path.join(appRoot, "src/config/navigation.yaml"), path.join(contentDir, "_data/navigation.yaml"));
  cpSync(path.join(appRoot, "src/server/common/tools-radar/tools.yaml"), path.join(contentDir, "_data/tools.yaml"));
  cpSync(path.join(appRoot, "site.json"), path.join(contentDir, "_data/site.json"));
  const images = path.join(appRoot, "src/client/images");
  if (existsSync(images)) cpSync(images, path.join(contentDir, "public/images"), { recursive: true });
}

/** Every page of the fixture's src/content/ by its file (relative to src/content/) and the URL it should publish at. */
export function defraAppPages(): { file: string; url: string }[] {
  const content = path.join(defraAppFixture, "src/content");
  const files = readdirSync(content, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md"));
  return files
    .map((file) => file.split(path.sep).join("/"))
    .sort()
    .map((file) => ({ file, url: `/${file.replace(/\.md$/, "")}/` }));
}

/** A build of the fixture manual: where it was written, what it printed and the diagnostics in that. */
export interface DefraAppBuild {
  siteDir: string;
  pathPrefix: string;
  code: number;
  stdout: string;
  stderr: string;
  diagnostics: PrintedDiagnostic[];
}

/**
 * Copies the fixture into a fresh content folder as an editor would and builds it in this process, at the root or
 * under `pathPrefix`, into the test output folder. The content folder is removed afterwards; the site stays to be read.
 * The fixture does not change during a run, so its build at each prefix is made once per run and shared by every test
 * file that reads it (none of them writes to it).
 */
export function buildDefraApp(pathPrefix = "/"): Promise<DefraAppBuild> {
  const key = `defra-app-${pathPrefix === "/" ? "root" : normalisePathPrefix(pathPrefix).replace(/\W+/g, "-")}`;
  return sharedOncePerRun(key, async () => {
    const contentDir = mkdtempSync(path.join(tmpdir(), "defra-app-content-"));
    const siteDir = path.join(testOutputDir, key);
    try {
      contentFromDefraApp(defraAppFixture, contentDir);
      const result = await buildInProcess({ CONTENT_DIR: contentDir, OUTPUT_DIR: siteDir, PATH_PREFIX: pathPrefix });
      return {
        siteDir,
        pathPrefix: normalisePathPrefix(pathPrefix),
        ...result,
        diagnostics: printedDiagnostics(`${result.stdout}\n${result.stderr}`),
      };
    } finally {
      rmSync(contentDir, { recursive: true, force: true });
    }
  });
}
