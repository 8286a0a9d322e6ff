/**
 * A pattern finder written into a page's HTML (`data-pattern-finder`, as the Defra service manual's
 * patterns page has it): a question with radios, and one recommendation per answer in a <template>.
 * The HTML keeps it hidden, since without a script its radios would do nothing and its recommendations
 * could never be read; readers without JavaScript have the pages it recommends in the page's own list.
 * This shows it, and puts the chosen answer's recommendation in the result panel beneath, which is a
 * live region so screen readers announce it. The form is never sent: there is nothing to send it to.
 */
export function initPatternFinders(scope = document) {
  for (const finder of scope.querySelectorAll("[data-pattern-finder]")) {
    const form = finder.querySelector("[data-pattern-finder-form]");
    const result = finder.querySelector("[data-pattern-finder-result]");
    if (!form || !result) continue;
    const recommendations = [...finder.querySelectorAll("template[data-pattern-finder-rec]")];
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
      const answer = event.target;
      if (!(answer instanceof HTMLInputElement) || answer.type !== "radio") return;
      const chosen = recommendations.find((template) => template.dataset.patternFinderRec === answer.value);
      if (!chosen) return;
      result.replaceChildren(chosen.content.cloneNode(true));
      result.hidden = false;
    });
    finder.hidden = false;
  }
}
