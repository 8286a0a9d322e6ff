import { checkHtml } from "../lib/checks/html-validation.ts";
import { runGate } from "../lib/checks/gate.ts";

// Validates the markup of every page in the built site (OUTPUT_DIR, default _site).
await runGate("check:html", checkHtml);
