/**
 * A "Copy code" button before each code block, added only where the browser lets a page write to the
 * clipboard: without JavaScript, or without that, readers select the code and copy it as on any page,
 * and no button that cannot work is shown. Screen readers hear the outcome from one polite live region,
 * as the button's own text stays the same and focus stays on it.
 */
export function initCopyCode(scope = document) {
  const blocks = scope.querySelectorAll("pre.app-code-block");
  if (!blocks.length || !navigator.clipboard || !window.isSecureContext) return;
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("aria-live", "polite");
  document.body.append(status);
  let clearing;
  const announce = (message) => {
    clearTimeout(clearing);
    // Emptied first, so a second copy of the same block is announced again.
    status.textContent = "";
    requestAnimationFrame(() => {
      status.textContent = message;
      clearing = setTimeout(() => (status.textContent = ""), 5000);
    });
  };
  for (const block of blocks) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary app-code-block__copy";
    button.textContent = "Copy code";
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(block.textContent ?? "").then(
        () => announce("Code copied"),
        () => announce("The code could not be copied: select it and copy it instead"),
      );
    });
    block.before(button);
  }
}
