/** Folds the differences editors make by accident: case, and `-`, `_` or spaces between words. */
const fold = (name: string) => name.toLowerCase().replace(/[-_\s]/g, "");

/** Edits between two words, a swap of neighbouring letters counting as one (optimal string alignment). */
function editDistance(a: string, b: string): number {
  // Three rows of the table are all a cell needs: its row, the one above and the one above that (for swaps).
  let twoUp = new Uint32Array(b.length + 1);
  let up = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(up[j] + 1, row[j - 1] + 1, up[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], twoUp[j - 2] + 1);
    }
    [twoUp, up, row] = [up, row, twoUp];
  }
  return up[b.length];
}

/**
 * The known name closest to what the editor typed, if one is close enough to be a likely typo
 * (`secionNav` → `sectionNav`, `Section-Title` → `sectionTitle`); undefined when nothing is.
 */
export function nearest(typed: string, known: Iterable<string>): string | undefined {
  const target = fold(typed);
  // One slip in a short word, two in a long one; beyond that a suggestion is a guess
  // (Obsidian's `context` is not a typo of `contents`).
  const limit = target.length >= 8 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const folded = fold(name);
    // Words whose lengths differ by more than the limit are further apart than it, so never the answer:
    // skipping them keeps long junk (a pasted paragraph as a field name) from costing a table per known name.
    if (Math.abs(folded.length - target.length) > limit) continue;
    const distance = editDistance(target, folded);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= limit ? best.name : undefined;
}

/** " (did you mean `x`?)", or nothing when no known name is close. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const suggestion = nearest(typed, known);
  return suggestion === undefined ? "" : ` (did you mean \`${suggestion}\`?)`;
}
