/** Folds the differences editors make by accident: case, and `-`, `_` or spaces between words. */
const fold = (name: string) => name.toLowerCase().replace(/[-_\s]/g, "");

/** Edits between two words, a swap of neighbouring letters counting as one (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The known name closest to what the editor typed, if one is close enough to be a likely typo
 * (`secionNav` → `sectionNav`, `Section-Title` → `sectionTitle`); undefined when nothing is.
 */
export function nearest(typed: string, known: Iterable<string>): string | undefined {
  const target = fold(typed);
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(target, fold(name));
    if (!best || distance < best.distance) best = { name, distance };
  }
  // One slip in a short word, two in a long one; beyond that a suggestion is a guess
  // (Obsidian's `context` is not a typo of `contents`).
  return best && best.distance <= (target.length >= 8 ? 2 : 1) ? best.name : undefined;
}

/** " (did you mean `x`?)", or nothing when no known name is close. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const suggestion = nearest(typed, known);
  return suggestion === undefined ? "" : ` (did you mean \`${suggestion}\`?)`;
}
