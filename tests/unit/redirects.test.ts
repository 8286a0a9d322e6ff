import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redirectsFor } from "../../lib/redirects.ts";
import { isSiteFileUrl } from "../../lib/site-files.ts";

const page = (url: string, redirectFrom?: string[]) => ({
  url,
  file: `content${url}index.md`,
  title: url,
  redirectFrom,
  locate: (fieldPath: ReadonlyArray<string | number>) => ({ file: `content${url}index.md`, line: fieldPath[0] === "redirectFrom" ? 5 + Number(fieldPath[1] ?? 0) : undefined }),
});

describe("redirectsFor", () => {
  it("publishes each old path of a page, folder-style paths as folders and .html paths as files", () => {
    const { redirects, diagnostics } = redirectsFor([page("/new/", ["/old", "/older/", "/oldest.html"])], isSiteFileUrl);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(redirects.map((redirect) => [redirect.from, redirect.to]), [["/old/", "/new/"], ["/older/", "/new/"], ["/oldest.html", "/new/"]]);
  });

  it("refuses an old path that a page still has, that two pages claim, or that the site uses, naming file, line and field", () => {
    const { redirects, diagnostics } = redirectsFor(
      [page("/a/", ["/b/", "/shared/"]), page("/b/"), page("/c/", ["/shared", "/search/"])],
      isSiteFileUrl,
    );
    assert.deepEqual(redirects.map((redirect) => redirect.from), ["/shared/"]);
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.field, d.message]),
      [
        ["content/a/index.md", 5, "redirectFrom.0", "/b/ is still the address of content/b/index.md: remove it from redirectFrom"],
        ["content/c/index.md", 5, "redirectFrom.0", "/shared/ is already redirected to /a/ by content/a/index.md: keep it in one page only"],
        ["content/c/index.md", 6, "redirectFrom.1", "/search/ is where the site publishes its own page: it cannot redirect"],
      ],
    );
  });

  it("refuses a content page at an address the site publishes its own page at", () => {
    const { diagnostics } = redirectsFor([page("/tags/"), page("/a-to-z/"), page("/guides/")], isSiteFileUrl);
    assert.deepEqual(diagnostics.map((d) => d.file), ["content/tags/index.md", "content/a-to-z/index.md"]);
  });
});
