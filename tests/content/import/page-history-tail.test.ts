import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findPageHistoryTail, readLongDate } from "../../../lib/content/import/page-history-tail.ts";

const tail = (text: string) => findPageHistoryTail(text.split("\n"));

describe("findPageHistoryTail", () => {
  it("reads GOV.UK's published, last updated and bold-dated notes after a rule", () => {
    assert.deepEqual(tail("Body.\n\n---\n\nPublished 19 June 2025\n\nLast updated 3 October 2025\n\n**3 October 2025**\n\nMoved service design to strategy level"), {
      startLine: 2,
      published: "2025-06-19",
      lastUpdated: "2025-10-03",
      changeHistory: [{ date: "2025-10-03", note: "Moved service design to strategy level" }],
    });
  });

  it("reads an Updates heading with bulleted notes, one entry per bullet", () => {
    const found = tail("## Updates\n\nPublished 7 January 2020\n\n30 August 2022\n\n- One thing\n- Another\n\n7 January 2020\n\n- First published.\n");
    assert.equal(found?.startLine, 0);
    assert.deepEqual(found?.changeHistory, [
      { date: "2022-08-30", note: "One thing" },
      { date: "2022-08-30", note: "Another" },
      { date: "2020-01-07", note: "First published." },
    ]);
  });

  it("joins a note's wrapped lines", () => {
    assert.deepEqual(tail("Published 1 May 2024\n\n2 May 2024\n\nA note that\nwraps.")?.changeHistory, [{ date: "2024-05-02", note: "A note that wraps." }]);
  });

  const untouched: [string, string][] = [
    ["no history", "Just a body.\n\n## Heading\n\nText."],
    ["prose after the history", "Published 1 May 2024\n\nAnd then we went on writing the page."],
    ["a date without a note", "Published 1 May 2024\n\n2 May 2024\n"],
    ["a mention of publishing mid-text", "Published 1 May 2024 was when it started.\n\nMore text."],
    ["a date that does not exist", "Published 31 February 2024\n"],
  ];
  for (const [name, text] of untouched) {
    it(`leaves ${name} alone`, () => assert.equal(tail(text), undefined));
  }
});

describe("readLongDate", () => {
  it("reads day month year in any case, and refuses dates that do not exist", () => {
    assert.equal(readLongDate("3 october 2025"), "2025-10-03");
    assert.equal(readLongDate("29 February 2024"), "2024-02-29");
    assert.equal(readLongDate("29 February 2025"), undefined);
    assert.equal(readLongDate("October 3, 2025"), undefined);
  });
});
