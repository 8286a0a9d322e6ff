// Compiles stylesheets off the main thread for lib/eleventy/sass.ts, one request after another for as long
// as sass.ts keeps it. Plain CommonJS, so the worker starts without a TypeScript loader.
const { fileURLToPath } = require("node:url");
const { parentPort } = require("node:worker_threads");
const sass = require("sass");

// The brand's entry `@use`s `build:<name>` for the parts sass.ts writes for each build (the GOV.UK Frontend,
// layout and content components the pages use); their own `@use`s resolve against the project root.
const SCHEME = "build:";
const generatedModules = (modules) => ({
  canonicalize(url) {
    return url.startsWith(SCHEME) && Object.hasOwn(modules, url.slice(SCHEME.length)) ? new URL(url) : null;
  },
  load(canonicalUrl) {
    return { contents: modules[canonicalUrl.href.slice(SCHEME.length)], syntax: "scss" };
  },
});

// The synchronous compile, because Dart Sass's asynchronous one pays for making every step of its
// evaluation awaitable: it takes about two thirds as long again, and nothing else runs in this thread.
parentPort.on("message", ({ id, entry, projectRoot, modules }) => {
  let reply;
  try {
    const result = sass.compile(entry, {
      importers: [generatedModules(modules), new sass.NodePackageImporter(projectRoot)],
      loadPaths: [projectRoot],
      style: "compressed",
      quietDeps: true,
    });
    reply = {
      id,
      css: result.css,
      files: result.loadedUrls.filter((url) => url.protocol === "file:").map((url) => fileURLToPath(url)),
    };
  } catch (error) {
    reply = { id, error: String(error && error.message ? error.message : error) };
  }
  parentPort.postMessage(reply);
});
