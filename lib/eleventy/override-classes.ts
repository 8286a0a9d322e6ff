/**
 * GOV.UK Frontend's override classes (`govuk-!-margin-bottom-0`, `govuk-!-font-weight-bold`, `govuk-!-width-half`…)
 * are generated for every step of every scale: about 500 rules, an eighth of a small site's stylesheet gzipped,
 * of which a site uses a handful. Each is a rule for that one class alone, so a rule for a class no page has
 * is left out of the compiled stylesheet without changing what any other rule does.
 */

/** Whether a class name is one of GOV.UK Frontend's override classes. */
export const isOverrideClass = (name: string): boolean => name.startsWith("govuk-!-");

// A selector that is one override class and nothing else, as Sass writes it (the `!` escaped).
const LONE_OVERRIDE = /^\.govuk-\\!-([a-z0-9-]+)$/;

/** Where the block that opens at `open` (a `{`) closes, skipping strings and comments. */
function closingBrace(css: string, open: number): number {
  let depth = 0;
  for (let index = open; index < css.length; index++) {
    const char = css[index];
    if (char === '"' || char === "'") {
      for (index++; index < css.length && css[index] !== char; index++) if (css[index] === "\\") index++;
    } else if (char === "/" && css[index + 1] === "*") {
      const end = css.indexOf("*/", index + 2);
      index = end === -1 ? css.length : end + 1;
    } else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return index;
  }
  throw new Error("the compiled stylesheet has an unclosed block");
}

/**
 * The stylesheet without the rules for override classes not in `used`. Rules inside `@media` and
 * `@supports` are read the same way, and a block left empty goes too; any other rule, including one
 * that names an override class beside another selector, stays as it is.
 */
export function withoutUnusedOverrides(css: string, used: Iterable<string>): string {
  const kept = new Set(used);
  const prune = (text: string): string => {
    let out = "";
    let index = 0;
    while (index < text.length) {
      const open = text.indexOf("{", index);
      if (open === -1) return out + text.slice(index);
      // A statement before the block, such as `@charset "UTF-8";`, ends at its own semicolon.
      const start = index + text.slice(index, open).lastIndexOf(";") + 1;
      out += text.slice(index, start);
      const close = closingBrace(text, open);
      const selector = text.slice(start, open).trim();
      if (/^@(?:media|supports)\b/.test(selector)) {
        const inner = prune(text.slice(open + 1, close));
        if (inner.trim()) out += `${text.slice(start, open + 1)}${inner}}`;
      } else {
        const selectors = selector.split(",").map((part) => part.trim());
        const unused = selectors.every((part) => {
          const match = LONE_OVERRIDE.exec(part);
          return match !== null && !kept.has(`govuk-!-${match[1]}`);
        });
        if (!unused) out += text.slice(start, close + 1);
      }
      index = close + 1;
    }
    return out;
  };
  return prune(css);
}
