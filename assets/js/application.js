// Relative import: resolves under any path prefix without rebuilding.
import { initAll } from "./govuk-frontend.min.js";
import { upgradeSearchForms } from "./site-search.js";

initAll();
upgradeSearchForms();
