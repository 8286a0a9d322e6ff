// Runs one of the TypeScript commands in scripts/ (`node scripts/run.mjs build [args]` runs scripts/build.ts) as
// one JavaScript file bundled by esbuild, with plain Node. Loading the commands through tsx sends each of
// the thousand-odd modules a build loads, Eleventy's included, through tsx's resolve and load hooks: that
// costs more than the whole build of a small site. The bundle holds only the project's own code (packages
// stay imports, loaded by Node as usual) and is kept in node_modules/.cache until a file it was made from
// changes. Plain JavaScript, because it runs before any TypeScript loader could.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { nodeBundleOptions } from "./esbuild-own-location.mjs";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [name] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error("Usage: node scripts/run.mjs <command> [arguments]   (runs scripts/<command>.ts)");
  process.exit(2);
}
const entry = path.join(projectRoot, "scripts", `${name}.ts`);
const cacheDir = path.join(projectRoot, "node_modules", ".cache", "site-commands");

const hashOf = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

// Packages only the project's own code imports, all plain JavaScript that finds no file from its own
// location: bundled in, they are read as one file rather than resolved, read and compiled module by module
// (some 270 files). In alternating runs on 120 pages it took 0.15 s of CPU off the dev server's start
// (2.65 s against 2.81 s) and 0.1 s off a build. Packages Eleventy imports too stay imports, or Node would
// load them twice.
const BUNDLED_PACKAGES =
  /^(?:zod|yaml|js-yaml|markdown-it(?:-[a-z-]+)?|@mdit\/[a-z-]+|parse5|entities|highlight\.js|linkify-it|mdurl|uc\.micro|punycode\.js)(?:\/|$)/;
const otherPackagesExternal = {
  name: "other-packages-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED_PACKAGES.test(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};
// A bundled CommonJS package (yaml) requires Node's own modules, which an ES module can do only through this.
const requireForCommonJs = `import { createRequire as createRequireForBundle } from "node:module"; const require = createRequireForBundle(import.meta.url);`;
// How the bundle is made is part of what it is made from.
const bundlingFiles = [fileURLToPath(import.meta.url), path.join(projectRoot, "scripts", "esbuild-own-location.mjs")];

/**
 * The bundle's entry files if the kept bundle was made from the files as they are now (every input hashed,
 * since a checkout can keep mtimes).
 */
function currentBundle(inputsFile) {
  try {
    const { entries, inputs } = JSON.parse(readFileSync(inputsFile, "utf8"));
    const current = Object.entries(inputs).every(([file, hash]) => hashOf(file) === hash);
    return current && Array.isArray(entries) && entries.every((file) => existsSync(file)) ? entries : undefined;
  } catch {
    return undefined;
  }
}

/** Written beside its final name and renamed, so a command started alongside never reads half of it. */
function writeAtomically(file, text) {
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The bundle of TypeScript files, made again only when a file it was made from has changed; resolves with
 * each source's entry file, in order. Split into chunks, so what a command imports only when it needs it
 * (Eleventy, to explain a failed check) is loaded only then, and what two entries share is one module,
 * loaded once. Each bundle is a folder named by its contents and never changed once written, so a
 * command still running from an older one (a dev server) can go on loading its chunks.
 */
async function bundled(sources, bundleName) {
  const inputsFile = path.join(cacheDir, `${bundleName}.inputs-v2.json`);
  const kept = currentBundle(inputsFile);
  if (kept) return kept;
  const { build, stop } = await import("esbuild");
  const result = await build({
    ...nodeBundleOptions,
    packages: undefined,
    plugins: [otherPackagesExternal, ...nodeBundleOptions.plugins],
    banner: { js: requireForCommonJs },
    absWorkingDir: projectRoot,
    entryPoints: sources,
    outdir: "bundle",
    write: false,
  }).catch((error) => {
    // A TypeScript syntax error: esbuild's own message names the file and line.
    console.error(error.message);
    process.exit(1);
  });
  // esbuild's service is a process of its own (about 80 MB), which would otherwise live as long as the
  // command: through a whole build, beside Pagefind's indexers at the build's peak.
  await stop();
  // A bundled package stands for its files by its package.json, whose version an install changes.
  const packageFile = (file) => {
    const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    return match ? path.join(match[1], "package.json") : file;
  };
  const files = new Set(
    Object.keys(result.metafile.inputs).map((file) => packageFile(path.resolve(projectRoot, file))),
  );
  const inputs = Object.fromEntries([...files, ...bundlingFiles].map((file) => [file, hashOf(file)]));
  const contents = createHash("sha256");
  for (const file of result.outputFiles) contents.update(file.path).update(file.contents);
  const folder = path.join(cacheDir, `${bundleName}-${contents.digest("hex").slice(0, 16)}`);
  const outputRoot = path.join(projectRoot, "bundle");
  if (!existsSync(folder)) {
    const partial = `${folder}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    for (const file of result.outputFiles) {
      const target = path.join(partial, path.relative(outputRoot, file.path));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    try {
      renameSync(partial, folder);
    } catch {
      // Another command wrote the same bundle first.
      rmSync(partial, { recursive: true, force: true });
    }
  }
  const entries = sources.map((source) => {
    const [entryOutput] = Object.entries(result.metafile.outputs).find(
      ([, output]) => output.entryPoint && path.resolve(projectRoot, output.entryPoint) === source,
    );
    return path.join(folder, path.relative("bundle", entryOutput));
  });
  writeAtomically(inputsFile, JSON.stringify({ entries, inputs }));
  // Older bundles of this command go once no command is likely to be running from them.
  for (const name of readdirSync(cacheDir))
    if (name.startsWith(`${bundleName}-`) && path.join(cacheDir, name) !== folder) {
      const old = path.join(cacheDir, name);
      if (Date.now() - statSync(old).mtimeMs > DAY_MS) rmSync(old, { recursive: true, force: true });
    }
  return entries;
}

try {
  readFileSync(entry);
} catch {
  console.error(`There is no command "${name}": scripts/${name}.ts does not exist.`);
  process.exit(2);
}
// Eleventy imports the dev server's configuration itself, which Node 20 cannot do from TypeScript: it is
// bundled with the command, so the site code both import is loaded once, not once for each.
const configSource = path.join(projectRoot, "eleventy.config.ts");
const [bundleFile, configFile] = await bundled(name === "serve" ? [entry, configSource] : [entry], name);
// The command reads its arguments from process.argv as if it had been started itself.
process.argv.splice(1, 2, entry);
if (configFile) process.argv.push(`--config=${configFile}`);
// Eleventy registers a module resolver so a watching server can import a changed config or data file
// afresh; it puts every later import through a hooks thread. A command imports no JavaScript from the
// content, and the dev server's configuration is a bundle made before it starts, so nothing is imported afresh.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "true";
await import(pathToFileURL(bundleFile).href);
