import path from "node:path";

/**
 * Eleventy's input folder: one that holds no templates. Pointing Eleventy at content/ would make any
 * `.njk`, `.11ty.js` or `_data/*.js` an editor adds there run as code at build time.
 */
export const TEMPLATES_INPUT_DIR = path.join(import.meta.dirname, "templates-input");
