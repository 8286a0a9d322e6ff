// Relative import: resolves under any path prefix without rebuilding.
import { initAll } from "./govuk-frontend.min.js";
import { initPatternFinders } from "./pattern-finder.js";
import { upgradeSearchForms } from "./site-search.js";

initAll();
upgradeSearchForms();
initPatternFinders();
