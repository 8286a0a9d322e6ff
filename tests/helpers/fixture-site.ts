import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Writes a small built site (site-relative path → contents) into a new temporary folder and returns it. */
export function writeFixtureSite(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "service-manual-fixture-"));
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), contents);
  }
  return dir;
}

/** A complete, valid and accessible page around some main content, so a fixture breaks only what it means to. */
export function fixturePage(title: string, main: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${title}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    ${head}
  </head>
  <body>
    <main id="main-content">
      <h1>${title}</h1>
      ${main}
    </main>
  </body>
</html>
`;
}
