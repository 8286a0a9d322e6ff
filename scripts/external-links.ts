import { runAsScript } from "../lib/command-output.ts";
import { externalLinksCommand } from "../lib/gates/external-links-command.ts";

// Checks every external URL in the built site (OUTPUT_DIR, default _site). With --issue, keeps one
// GitHub issue listing the dead ones (through `gh`), closing it when none is left. Not a pull request
// check: other people's servers fail for their own reasons, and a pull request should not wait on them.
await runAsScript(externalLinksCommand);
