import { siteSettings } from "../lib/settings.ts";
import { startStaticServer } from "../lib/gates/static-server.ts";

// Serves _site (or OUTPUT_DIR) the way GitHub Pages will: under PATH_PREFIX, with directory indexes and 404.html.
const { url } = await startStaticServer(process.env.OUTPUT_DIR ?? "_site", siteSettings().pathPrefix, Number(process.env.PORT ?? 8080));
console.log(`Previewing ${process.env.OUTPUT_DIR ?? "_site"} at ${url} (Ctrl+C to stop)`);
