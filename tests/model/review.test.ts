import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addInterval, reviewOf, reviewReport } from "../../lib/model/review.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe("addInterval", () => {
  const cases: [string, string, string][] = [
    ["2025-10-03", "6 months", "2026-04-03"],
    ["2025-10-03", "1 year", "2026-10-03"],
    ["2025-10-03", "2 weeks", "2025-10-17"],
    ["2025-10-03", "10 days", "2025-10-13"],
    ["2025-10-03", "1 month", "2025-11-03"],
    ["2025-08-31", "6 months", "2026-02-28"],
    ["2023-08-31", "6 months", "2024-02-29"],
    ["2024-02-29", "1 year", "2025-02-28"],
    ["2025-12-15", "3 Months", "2026-03-15"],
  ];
  for (const [from, interval, expected] of cases) {
    it(`${from} + ${interval} is ${expected}`, () => assert.equal(iso(addInterval(day(from), interval)), expected));
  }

  it("refuses an interval it cannot read", () => {
    assert.throws(() => addInterval(day("2025-01-01"), "six months"), /"six months" is not an interval/);
  });
});

describe("reviewOf", () => {
  const today = day("2026-01-15");

  it("is undefined without lastReviewed", () => {
    assert.equal(reviewOf({ owner: "Someone" }, today), undefined);
  });

  it("counts 6 months when reviewIn is not given", () => {
    assert.equal(iso(reviewOf({ lastReviewed: day("2025-10-03") }, today)!.reviewDue), "2026-04-03");
  });

  it("is overdue the day after the due date, and due soon from 30 days before it up to the day itself", () => {
    const state = (lastReviewed: string) => {
      const review = reviewOf({ lastReviewed: day(lastReviewed), reviewIn: "1 month" }, today)!;
      return { overdue: review.overdue, dueSoon: review.dueSoon };
    };
    assert.deepEqual(state("2025-12-14"), { overdue: true, dueSoon: false });
    assert.deepEqual(state("2025-12-15"), { overdue: false, dueSoon: true });
    assert.deepEqual(state("2026-01-14"), { overdue: false, dueSoon: true });
    assert.deepEqual(state("2026-01-15"), { overdue: false, dueSoon: false });
  });
});

describe("reviewReport", () => {
  const today = day("2026-01-15");
  const page = (url: string, lastReviewed?: string, reviewIn?: string, owner?: string) => ({
    url,
    title: url.replaceAll("/", ""),
    file: `content${url.slice(0, -1)}.md`,
    review: lastReviewed ? reviewOf({ lastReviewed: day(lastReviewed), reviewIn, owner }, today) : undefined,
  });

  it("lists overdue and due-soon pages, most overdue first, with owners, and nothing else", () => {
    const rows = reviewReport(
      [
        page("/fine/", "2025-12-01", "1 year", "Team A"),
        page("/soon/", "2025-07-30", "6 months", "Team B"),
        page("/late/", "2025-01-10", "6 months", "Team C"),
        page("/later/", "2024-01-10", "1 year"),
        page("/unreviewed/"),
      ],
      today,
    );
    assert.deepEqual(
      rows.map((row) => [row.status, row.url, row.owner, row.lastReviewed, row.reviewDue, row.daysUntilDue]),
      [
        ["overdue", "/later/", null, "2024-01-10", "2025-01-10", -370],
        ["overdue", "/late/", "Team C", "2025-01-10", "2025-07-10", -189],
        ["due soon", "/soon/", "Team B", "2025-07-30", "2026-01-30", 15],
      ],
    );
  });
});
