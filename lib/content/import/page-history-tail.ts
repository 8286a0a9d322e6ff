import { isoDate } from "../../model/dates.ts";

/** A page's history as GOV.UK pages print it at their foot, read back into front matter fields. */
export interface PageHistoryTail {
  /** The body line (0-based) the tail starts on; everything from here to the end is the tail. */
  startLine: number;
  published: string;
  lastUpdated?: string;
  changeHistory: { date: string; note: string }[];
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const DATE = String.raw`(\d{1,2})\s+(${MONTHS.join("|")})\s+(\d{4})`;

/** "19 June 2025" as 2025-06-19, or undefined when the words are not such a date. */
export function readLongDate(text: string): string | undefined {
  const match = new RegExp(`^${DATE}$`, "i").exec(text.trim());
  if (!match) return undefined;
  const [, day, month, year] = match;
  const iso = `${year}-${String(MONTHS.indexOf(month.toLowerCase()) + 1).padStart(2, "0")}-${day.padStart(2, "0")}`;
  return Number.isNaN(new Date(`${iso}T00:00:00Z`).getTime()) || isoDate(new Date(`${iso}T00:00:00Z`)) !== iso ? undefined : iso;
}

const PUBLISHED = new RegExp(`^\\s*Published:?\\s+(${DATE})\\s*\\.?\\s*$`, "i");
const LAST_UPDATED = new RegExp(`^\\s*Last updated:?\\s+(${DATE})\\s*\\.?\\s*$`, "i");
// A change's date on its own line, plain, bold or as a small heading.
const CHANGE_DATE = new RegExp(`^\\s*(?:#{1,6}\\s+)?(?:\\*\\*|__)?(${DATE})(?:\\*\\*|__)?\\s*$`, "i");
const TAIL_HEADING = /^\s*#{1,6}\s+(?:updates(?: to this page)?|page history|change history|history)\s*#*\s*$/i;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
const BLANK = /^\s*$/;

/**
 * Finds a "Published … / Last updated … / dated change notes" tail at the end of a body, as GOV.UK
 * pages and pages copied from them carry. Returns undefined unless every line from the tail's
 * start to the end of the body is part of it, so prose that merely mentions a date is never taken.
 */
export function findPageHistoryTail(lines: string[]): PageHistoryTail | undefined {
  let publishedLine = lines.length - 1;
  while (publishedLine >= 0 && !PUBLISHED.test(lines[publishedLine])) publishedLine--;
  if (publishedLine === -1) return undefined;

  // The tail may open with a rule and/or an "Updates" heading.
  let startLine = publishedLine;
  for (let index = publishedLine - 1; index >= 0; index--) {
    if (BLANK.test(lines[index])) continue;
    if (TAIL_HEADING.test(lines[index]) || RULE.test(lines[index])) startLine = index;
    else break;
  }

  const published = readLongDate(PUBLISHED.exec(lines[publishedLine])![1]);
  if (!published) return undefined;
  let lastUpdated: string | undefined;
  const changeHistory: PageHistoryTail["changeHistory"] = [];
  let current: { date: string; notes: string[] } | undefined;
  const finish = () => {
    if (!current) return true;
    if (!current.notes.length) return false;
    for (const note of current.notes) changeHistory.push({ date: current.date, note });
    return true;
  };

  let afterBlank = true;
  let continuable = false;
  for (const line of lines.slice(publishedLine + 1)) {
    if (BLANK.test(line)) {
      afterBlank = true;
      continue;
    }
    const updated = LAST_UPDATED.exec(line);
    const changeDate = CHANGE_DATE.exec(line);
    if (updated && !current && !lastUpdated) {
      lastUpdated = readLongDate(updated[1]);
      if (!lastUpdated) return undefined;
      continuable = false;
    } else if (changeDate && readLongDate(changeDate[1])) {
      if (!finish()) return undefined;
      current = { date: readLongDate(changeDate[1])!, notes: [] };
      continuable = false;
    } else if (current) {
      const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
      // Each bullet is a note; a paragraph's wrapped lines are one note.
      if (!bullet && !afterBlank && continuable) current.notes[current.notes.length - 1] += ` ${line.trim()}`;
      else current.notes.push((bullet ? bullet[1] : line).trim());
      continuable = !bullet;
    } else {
      return undefined;
    }
    afterBlank = false;
  }
  if (!finish()) return undefined;
  return { startLine, published, lastUpdated, changeHistory };
}
