import { runAsScript } from "../lib/command-output.ts";
import { checkCommand } from "../lib/gates/check-command.ts";

// `npm run check`: every page and internal link checked without a build (lib/gates/check-command.ts).
await runAsScript(checkCommand);
