import { runGate } from "../lib/checks/gate.ts";
import { checkLinks } from "../lib/checks/links.ts";

// Checks every internal link, fragment and asset in the built site (OUTPUT_DIR, default _site) under PATH_PREFIX.
await runGate("check:links", checkLinks);
