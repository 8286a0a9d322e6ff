import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { browserReadUrl, externalUrlProblem } from "../../lib/safety/url-safety.ts";

describe("external URL safety", () => {
  const cases: [url: string, allowsData: boolean, problem: RegExp | undefined][] = [
    ["https://www.gov.uk/service-manual", false, undefined],
    ["http://example.com/page?a=1#b", false, undefined],
    ["//cdn.example.com/file.js", false, undefined],
    ["mailto:team@defra.gov.uk?subject=Hello", false, undefined],
    ["tel:+44-20-7946-0000", false, undefined],
    ["data:image/png;base64,AAAA", true, undefined],
    ["javascript:alert(1)", false, /javascript: URL, which runs script/],
    ["JavaScript:void(0)", false, /javascript: URL/],
    ["vbscript:msgbox", false, /vbscript: URL/],
    ["data:text/html,<script>alert(1)</script>", false, /data: URL/],
    ["file:///C:/secret.txt", false, /the file: scheme/],
    ["https://exa mple.com/", false, /not a well-formed URL/],
    ["https://", false, /not a well-formed URL/],
    ["https://intranet/page", false, /not a public host name/],
    ["http://localhost:8080/", false, /author's own computer/],
    ["mailto:", false, /without a valid email address/],
    ["tel:call-me", false, /without a valid phone number/],
  ];
  for (const [url, allowsData, problem] of cases) {
    it(`${url} ${problem ? `is refused: ${problem.source}` : "is fine"}`, () => {
      const found = externalUrlProblem(url, allowsData);
      if (problem) assert.match(found ?? "", problem);
      else assert.equal(found, undefined);
    });
  }

  it("reads URLs the way browsers do, so tabs and newlines cannot hide a javascript: URL", () => {
    const url = browserReadUrl("  java\tscr\nipt:alert(1) ");
    assert.equal(url, "javascript:alert(1)");
    assert.match(externalUrlProblem(url, false) ?? "", /runs script/);
  });
});
