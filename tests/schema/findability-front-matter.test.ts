import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { loadSiteModel } from "../../lib/model/load-site-model.ts";
import { formatDiagnostic, type ContentError } from "../../lib/diagnostics.ts";
import { siteSettings } from "../../lib/settings.ts";
import { projectRoot } from "../helpers/built-site.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "findability-front-matter-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A content folder with the fixture's site.json and the given pages. */
function contentDir(name: string, pages: Record<string, string>): string {
  const dir = path.join(scratch, name);
  mkdirSync(path.join(dir, "_data"), { recursive: true });
  cpSync(path.join(projectRoot, "tests/fixtures/findability/_data/site.json"), path.join(dir, "_data/site.json"));
  for (const [file, text] of Object.entries(pages)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** The errors the build reports for a content folder, as editors see them (paths from the folder). */
async function errors(dir: string): Promise<string[]> {
  try {
    await loadSiteModel(dir, dir);
  } catch (error) {
    return (error as ContentError).diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
  }
  return [];
}

describe("review, redirect and draft front matter", () => {
  it("names file, line and field for a review period without a date, or one it cannot read", async () => {
    const dir = contentDir("bad-review", {
      "index.md": "---\ntitle: Home\n---\n",
      "a.md": "---\ntitle: A\nreviewIn: 6 months\n---\n",
      "b.md": "---\ntitle: B\nlastReviewed: 2025-01-01\nreviewIn: half a year\n---\n",
    });
    assert.deepEqual(await errors(dir), [
      'a.md:3: error: reviewIn: needs `lastReviewed`, the date the review period counts from (found "6 months")',
      'b.md:4: error: reviewIn: must be a number and a unit, such as "6 months", "1 year" or "2 weeks" (found "half a year")',
    ]);
  });

  it("names file, line and field for an old path that is still a page, or that two pages claim", async () => {
    const dir = contentDir("bad-redirects", {
      "index.md": "---\ntitle: Home\n---\n",
      "a.md": "---\ntitle: A\nredirectFrom:\n  - /b/\n  - /gone/\n---\n",
      "b.md": "---\ntitle: B\nredirectFrom:\n  - /gone\n  - not-a-path\n---\n",
    });
    assert.deepEqual(await errors(dir), [
      'b.md:5: error: redirectFrom.1: must be a path on this site starting with /, such as /old-page/ (found "not-a-path")',
    ]);
    writeFileSync(path.join(dir, "b.md"), "---\ntitle: B\nredirectFrom:\n  - /gone\n---\n");
    assert.deepEqual(await errors(dir), [
      "a.md:4: error: redirectFrom.0: /b/ is still the address of b.md: remove it from redirectFrom",
      "a.md:5: error: redirectFrom.1: /gone/ is also claimed by b.md (line 4), which redirects it to /b/: keep it in one page only",
      "b.md:4: error: redirectFrom.0: /gone/ is already redirected to /a/ by a.md (line 5): keep it in one page only",
    ]);
  });

  it("reads the Tech Docs Template's review fields and jekyll-redirect-from's redirect_from", async () => {
    const dir = contentDir("tech-docs", {
      "index.md":
        '---\ntitle: Home\nlast_reviewed_on: 2025-01-10\nreview_in: 3 months\nowner_slack: "#content-team"\nredirect_from: /old-home/\n---\n',
    });
    const { model } = await loadSiteModel(dir, dir);
    const [home] = model.pages;
    assert.equal(home.review?.reviewDue.toISOString().slice(0, 10), "2025-04-10");
    assert.equal(home.review?.owner, "#content-team");
    assert.deepEqual(
      model.redirects.map((redirect) => [redirect.from, redirect.to]),
      [["/old-home/", "/"]],
    );
  });

  it("leaves drafts out of the model unless drafts are included", async () => {
    const dir = contentDir("drafts", {
      "index.md": "---\ntitle: Home\n---\n",
      "ready.md": "---\ntitle: Ready\n---\n",
      "draft.md": "---\ntitle: Not yet\ndraft: true\nredirectFrom: [/old-draft/]\n---\n",
    });
    const urls = async () => (await loadSiteModel(dir, dir)).model;
    const published = await urls();
    assert.deepEqual(
      published.pages.map((page) => page.url),
      ["/", "/ready/"],
    );
    assert.deepEqual(
      published.byUrl.get("/")!.children.map((child) => child.url),
      ["/ready/"],
    );
    assert.deepEqual(published.redirects, []);
    process.env.INCLUDE_DRAFTS = "true";
    try {
      assert.deepEqual(
        (await urls()).pages.map((page) => page.url),
        ["/", "/draft/", "/ready/"],
      );
    } finally {
      delete process.env.INCLUDE_DRAFTS;
    }
  });
});

describe("siteSettings", () => {
  it("reads SITE_TODAY as the date reviews count from, and refuses a date it cannot read", () => {
    assert.equal(siteSettings({ SITE_TODAY: "2026-01-15" }).today.toISOString(), "2026-01-15T00:00:00.000Z");
    assert.throws(
      () => siteSettings({ SITE_TODAY: "15/01/2026" }),
      /SITE_TODAY must be a date written YYYY-MM-DD, found "15\/01\/2026"/,
    );
    assert.match(siteSettings({}).today.toISOString(), /T00:00:00\.000Z$/);
  });

  it("includes drafts for the dev server or when asked, and never otherwise", () => {
    assert.equal(siteSettings({}).includeDrafts, false);
    assert.equal(siteSettings({ ELEVENTY_RUN_MODE: "build" }).includeDrafts, false);
    assert.equal(siteSettings({ ELEVENTY_RUN_MODE: "serve" }).includeDrafts, true);
    assert.equal(siteSettings({ INCLUDE_DRAFTS: "true" }).includeDrafts, true);
  });
});
