import type MarkdownIt from "markdown-it";
import deflistPlugin from "markdown-it-deflist";
import type { MarkdownEnv } from "./govuk-markdown.ts";

/**
 * Definition lists (`Term` then `: Definition`) as a `<dl class="app-definition-list">` in GOV.UK type.
 * The tokens stay markdown-it-deflist's own (dl_open, dt_open, dd_open …) with only a class added, so a
 * rule that draws some lists another way, as a summary list, reads them as the plugin made them.
 */
export function definitionLists(md: MarkdownIt): void {
  md.use(deflistPlugin);

  md.core.ruler.push("definition_lists", (state) => {
    const env = state.env as MarkdownEnv;
    let term = "";
    state.tokens.forEach((token, index) => {
      if (token.type === "dl_open") token.attrJoin("class", "app-definition-list");
      if (token.type === "dt_open") term = state.tokens[index + 1]?.content ?? "";
      if (token.type === "dd_open" && state.tokens[index + 1]?.type === "dd_close")
        env.notes?.push({
          severity: "warning",
          line: (token.map?.[0] ?? 0) + 1,
          message: `the definition of "${term}" is empty: write it after the colon, as ": What it means", or delete the line`,
        });
    });
  });
}
