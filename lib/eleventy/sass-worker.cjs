// Compiles one stylesheet off the main thread for lib/eleventy/sass.ts. Plain CommonJS, so the worker
// starts without a TypeScript loader.
const { fileURLToPath } = require("node:url");
const { parentPort, workerData } = require("node:worker_threads");
const sass = require("sass");

// The brand's entry `@use`s `build:<name>` for the parts sass.ts writes for each build (the components
// the pages use, every layout component); their own `@use`s resolve against the project root.
const SCHEME = "build:";
const generated = {
  canonicalize(url) {
    return url.startsWith(SCHEME) && Object.hasOwn(workerData.modules, url.slice(SCHEME.length)) ? new URL(url) : null;
  },
  load(canonicalUrl) {
    return { contents: workerData.modules[canonicalUrl.href.slice(SCHEME.length)], syntax: "scss" };
  },
};

sass
  .compileAsync(workerData.entry, {
    importers: [generated, new sass.NodePackageImporter(workerData.projectRoot)],
    loadPaths: [workerData.projectRoot],
    style: "compressed",
    quietDeps: true,
  })
  .then((result) =>
    parentPort.postMessage({
      css: result.css,
      files: result.loadedUrls.filter((url) => url.protocol === "file:").map((url) => fileURLToPath(url)),
    }),
  )
  .catch((error) => parentPort.postMessage({ error: String(error && error.message ? error.message : error) }));
