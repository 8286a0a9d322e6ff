import type MarkdownIt from "markdown-it";
import { tasklist } from "@mdit/plugin-tasklist";

/**
 * Task lists (`- [ ] To do`, `- [x] Done`) as a list whose items start with their state in words, for
 * screen readers, and a box or a ticked box drawn beside them, hidden from screen readers.
 *
 * Not checkboxes: a checkbox is a form control, announced as one a reader can change, and a disabled
 * one outside a form is announced as unavailable and is skipped by some screen readers' form modes,
 * so the state would be lost. A page of guidance lists what is done; it does not ask for an answer.
 */
export function taskLists(md: MarkdownIt): void {
  md.use(tasklist, { label: false, containerClass: "app-task-list", itemClass: "app-task-list__item" });

  md.core.ruler.after("task_list", "task_list_states", (state) => {
    for (const token of state.tokens) {
      if (token.type !== "inline" || token.children?.[0]?.type !== "checkbox_input") continue;
      const [box, text] = token.children;
      box.type = "task_state";
      box.meta = { done: box.attrGet("checked") !== null };
      box.attrs = null;
      if (text?.type === "text") text.content = text.content.trimStart();
    }
  });

  md.renderer.rules.task_state = (tokens, index) =>
    tokens[index].meta.done
      ? '<span class="app-task-list__mark app-task-list__mark--done" aria-hidden="true"></span><span class="govuk-visually-hidden">Done: </span>'
      : '<span class="app-task-list__mark" aria-hidden="true"></span><span class="govuk-visually-hidden">Not done: </span>';
}
