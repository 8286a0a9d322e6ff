// Runs one of the TypeScript commands in scripts/ (`node scripts/run.mjs build [args]` runs scripts/build.ts) as
// one JavaScript file bundled by esbuild, with plain Node. Loading the commands through tsx sends each of
// the thousand-odd modules a build loads, Eleventy's included, through tsx's resolve and load hooks: that
// costs more than the whole build of a small site. The bundle holds only the project's own code (packages
// stay imports, loaded by Node as usual) and is kept in node_modules/.cache until a file it was made from
// changes. Plain JavaScript, because it runs before any TypeScript loader could.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ownLocation } from "./esbuild-own-location.mjs";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [name] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error("Usage: node scripts/run.mjs <command> [arguments]   (runs scripts/<command>.ts)");
  process.exit(2);
}
const entry = path.join(projectRoot, "scripts", `${name}.ts`);
const cacheDir = path.join(projectRoot, "node_modules", ".cache", "site-commands");

const hashOf = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Whether the kept bundle was made from the files as they are now (every input hashed, since a checkout can keep mtimes). */
function bundleIsCurrent(inputsFile) {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    return Object.entries(inputs).every(([file, hash]) => hashOf(file) === hash);
  } catch {
    return false;
  }
}

/** Written beside its final name and renamed, so a command started alongside never reads half of it. */
function writeAtomically(file, text) {
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}

/** The bundle of a TypeScript file, made again only when a file it was made from has changed. */
async function bundled(source, bundleName) {
  const bundleFile = path.join(cacheDir, `${bundleName}.mjs`);
  const inputsFile = path.join(cacheDir, `${bundleName}.inputs.json`);
  if (bundleIsCurrent(inputsFile)) return bundleFile;
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: [source],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    metafile: true,
    write: false,
    logLevel: "silent",
    plugins: [ownLocation],
  }).catch((error) => {
    // A TypeScript syntax error: esbuild's own message names the file and line.
    console.error(error.message);
    process.exit(1);
  });
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((file) => {
      const absolute = path.resolve(projectRoot, file);
      return [absolute, hashOf(absolute)];
    }),
  );
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(bundleFile, result.outputFiles[0].text);
  writeAtomically(inputsFile, JSON.stringify(inputs));
  return bundleFile;
}

try {
  readFileSync(entry);
} catch {
  console.error(`There is no command "${name}": scripts/${name}.ts does not exist.`);
  process.exit(2);
}
const bundleFile = await bundled(entry, name);
// The command reads its arguments from process.argv as if it had been started itself.
process.argv.splice(1, 2, entry);
// Eleventy imports the dev server's configuration itself, which Node 20 cannot do from TypeScript: it
// gets eleventy.config.ts bundled the same way.
if (name === "serve")
  process.argv.push(`--config=${await bundled(path.join(projectRoot, "eleventy.config.ts"), "eleventy.config")}`);
// Eleventy registers a module resolver so a watching server can import a changed config or data file
// afresh; it puts every later import through a hooks thread. A command imports no JavaScript from the
// content, and the dev server's configuration is a bundle made before it starts, so nothing is imported afresh.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "true";
await import(pathToFileURL(bundleFile).href);
