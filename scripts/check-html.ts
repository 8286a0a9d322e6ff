import { checkHtml } from "../lib/gates/html-validation.ts";
import { runGate } from "../lib/gates/gate.ts";

// Validates the markup of every page in the built site (OUTPUT_DIR, default _site).
await runGate("check:html", checkHtml);
