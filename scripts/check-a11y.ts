import { checkAccessibility } from "../lib/gates/accessibility.ts";
import { runGate } from "../lib/gates/gate.ts";

// Runs axe (WCAG 2.2 A and AA) over every page of the built site (OUTPUT_DIR, default _site) under PATH_PREFIX.
await runGate("check:a11y", checkAccessibility);
