// How the project's own TypeScript is bundled into JavaScript that Node runs without a loader
// (scripts/run.mjs for the commands, scripts/test.ts for the test files). In one bundle every module would
// see the bundle's location as its own; each keeps its source file's, so paths made from it (layouts, the
// Sass worker, .htmlvalidate.json, fixtures) still point where they do when the file runs on its own.
// Plain JavaScript, because it runs before any TypeScript loader could.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const thisFile = fileURLToPath(import.meta.url);

export const ownLocation = {
  name: "own-location",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      // This file is left as it is: its own text names what it replaces (scripts/test.ts, bundled, imports it).
      if (args.path.includes(`${path.sep}node_modules${path.sep}`) || args.path === thisFile) return undefined;
      const contents = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.dirname", JSON.stringify(path.dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path))
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: /\.[cm]?ts$/.test(args.path) ? "ts" : "js" };
    });
  },
};

/**
 * The esbuild options both bundles share: ES modules for Node 20, packages left as imports for Node to
 * load, chunks for what the entries share or import only when needed, and each file's own location.
 */
export const nodeBundleOptions = {
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outExtension: { ".js": ".mjs" },
  metafile: true,
  logLevel: "silent",
  plugins: [ownLocation],
};
