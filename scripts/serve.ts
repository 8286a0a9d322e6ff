import Eleventy from "@11ty/eleventy";

// The dev server: builds into _site, rebuilds on every save and reloads the browser.
const eleventy = new Eleventy("content", "_site", { configPath: "eleventy.config.ts", runMode: "serve" });
await eleventy.init();
await eleventy.watch();
await eleventy.serve(Number(process.env.PORT ?? 8080));
