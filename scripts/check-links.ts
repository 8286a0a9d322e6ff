import { runGate } from "../lib/gates/gate.ts";
import { checkLinks } from "../lib/gates/links.ts";

// Checks every internal link, fragment and asset in the built site (OUTPUT_DIR, default _site) under PATH_PREFIX.
await runGate("check:links", checkLinks);
