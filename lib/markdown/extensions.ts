import abbr from "markdown-it-abbr";
import type MarkdownIt from "markdown-it";
import { definitionLists } from "./definition-lists.ts";
import { figures } from "./figures.ts";
import { footnotes } from "./footnotes.ts";
import type { MarkdownSettings } from "./govuk-markdown.ts";
import { taskLists } from "./task-lists.ts";

/**
 * Markdown beyond CommonMark that many editors already write: footnotes, definition lists,
 * abbreviations (`*[HTML]: Hypertext Markup Language` gives every "HTML" an `<abbr title>`), figures
 * with captions and task lists. Runs before the class rule, which gives their paragraphs, links and
 * images the GOV.UK classes and rules every other block gets.
 */
export function extensions(md: MarkdownIt, settings: Pick<MarkdownSettings, "headingsStartWith">): void {
  md.use(footnotes, settings).use(definitionLists).use(abbr).use(figures).use(taskLists);
}
