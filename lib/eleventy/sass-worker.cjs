// Compiles one stylesheet off the main thread for lib/eleventy/sass.ts. Plain CommonJS, so the worker
// starts without a TypeScript loader.
const { parentPort, workerData } = require("node:worker_threads");
const sass = require("sass");

sass
  .compileAsync(workerData.entry, {
    importers: [new sass.NodePackageImporter(workerData.projectRoot)],
    style: "compressed",
    quietDeps: true,
  })
  .then((result) => parentPort.postMessage({ css: result.css }))
  .catch((error) => parentPort.postMessage({ error: String(error && error.message ? error.message : error) }));
