import { createRequire } from "node:module";
import path from "node:path";
import nunjucks from "nunjucks";

const frontendDist = path.join(
  path.dirname(createRequire(import.meta.url).resolve("govuk-frontend/package.json")),
  "dist",
);

// The layouts' own Nunjucks options, so a component drawn here is byte for byte what its macro gives there.
const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(frontendDist), {
  autoescape: true,
  trimBlocks: true,
  lstripBlocks: true,
});

const CONTENT = "\u0000content\u0000";

/**
 * A GOV.UK Frontend component drawn by its own macro around content Markdown renders later, as the
 * HTML before and after that content. Drawn once: a renderer's open and close rules print the halves.
 */
export function govukComponentAround(
  macro: string,
  component: string,
  params: Record<string, unknown> = {},
): { open: string; close: string } {
  const html = environment.renderString(
    `{% from "govuk/components/${component}/macro.njk" import ${macro} %}{{ ${macro}(params) }}`,
    { params: { ...params, html: CONTENT } },
  );
  const at = html.indexOf(CONTENT);
  if (at === -1) throw new Error(`${macro} does not print its html parameter`);
  return { open: html.slice(0, at), close: `${html.slice(at + CONTENT.length).trimEnd()}\n` };
}
