import { readSettings } from "../lib/settings.ts";
import { startStaticServer } from "../lib/gates/static-server.ts";

// Serves _site (or OUTPUT_DIR) the way GitHub Pages will: under PATH_PREFIX, with directory indexes and 404.html.
const settings = readSettings();
const { url } = await startStaticServer(settings.outputDir, settings.pathPrefix, settings.port, settings.host);
console.log(`Previewing ${settings.outputDir} at ${url} (Ctrl+C to stop)`);
