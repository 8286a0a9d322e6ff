import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { compileStyles, forgetCompiledStyles, stopSassWorker } from "../../lib/eleventy/sass.ts";
import type { UsedStyles } from "../../lib/eleventy/used-components.ts";
import { projectRoot } from "../helpers/built-site.ts";

const USED: UsedStyles = { govuk: ["button", "inset-text"], content: [], layout: ["page-meta"], classes: [] };
const stylesheetCache = path.join(projectRoot, "node_modules", ".cache", "site-stylesheets");
const cacheEntries = async () => await readdir(stylesheetCache).catch(() => []);

/** A copy of the project's Sass and layouts in a folder of its own, sharing node_modules (and so the cache). */
async function projectCopy(into: string): Promise<string> {
  const root = path.join(into, "project");
  await cp(path.join(projectRoot, "assets"), path.join(root, "assets"), { recursive: true });
  await cp(path.join(projectRoot, "layouts"), path.join(root, "layouts"), { recursive: true });
  await symlink(path.join(projectRoot, "node_modules"), path.join(root, "node_modules"));
  return root;
}

describe("the stylesheet", () => {
  let work: string;
  const marker = `sass-test-${Date.now()}-${process.pid}`;
  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "sass-test-"));
  });
  after(async () => {
    stopSassWorker();
    await rm(work, { recursive: true, force: true });
    // The changed copy's stylesheet is kept in the project's cache like any other; no build will want it again.
    for (const name of await cacheEntries()) {
      const file = path.join(stylesheetCache, name);
      if ((await readFile(file, "utf8")).includes(marker)) await rm(file, { force: true });
    }
  });

  it("compiled in a copy of the project is the one this project compiled, read from the cache without compiling", async () => {
    const here = await compileStyles(projectRoot, "defra", USED);
    const entries = await cacheEntries();
    forgetCompiledStyles();
    const copy = await projectCopy(path.join(work, "same"));
    assert.equal(await compileStyles(copy, "defra", USED), here);
    assert.deepEqual(await cacheEntries(), entries, "no stylesheet was compiled and kept for the copy");
  });

  it("compiled in a copy whose Sass changed is compiled again, with the change", async () => {
    const copy = await projectCopy(path.join(work, "changed"));
    const component = path.join(copy, "layouts", "components", "page-meta", "_index.scss");
    await writeFile(component, `${await readFile(component, "utf8")}\n.${marker} { color: #0b0c0c; }\n`);
    forgetCompiledStyles();
    const css = await compileStyles(copy, "defra", USED);
    assert.match(css, new RegExp(`\\.${marker}\\{color:#0b0c0c\\}`));
    assert.doesNotMatch(await compileStyles(projectRoot, "defra", USED), new RegExp(marker));
  });

  it("names the file when the Sass does not compile, and the next compile still works", async () => {
    const copy = await projectCopy(path.join(work, "broken"));
    // The first file the entry loads after GOV.UK Frontend's settings, so Sass stops before compiling any component.
    await writeFile(path.join(copy, "assets", "scss", "_application.scss"), `@media print { .broken { color: ; } }\n`);
    forgetCompiledStyles();
    await assert.rejects(compileStyles(copy, "defra", USED), (error: Error) => {
      assert.match(error.message, /^Sass could not compile .*defra\.scss: /);
      assert.match(error.message, /_application\.scss 1:\d+/);
      return true;
    });
    forgetCompiledStyles();
    assert.match(await compileStyles(projectRoot, "defra", USED), /\.govuk-button/);
  });
});
