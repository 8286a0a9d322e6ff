import { runImportCommand } from "../lib/content/import/import-command.ts";

const { code, stdout, stderr } = await runImportCommand(process.argv.slice(2));
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = code;
