import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, it } from "node:test";
import type { PageView } from "../../lib/model/site-model.ts";
import { searchFilterOptions, searchFilterValues } from "../../lib/search/search-filters.ts";
import { stageSearchDocuments, writeSearchIndex } from "../../lib/search/search-index.ts";

const page = (url: string, title: string, tags: string[] = [], extra: Partial<PageView> = {}) =>
  ({ url, title, tags, bodyHtml: `<p>${title} words</p>`, noindex: false, ...extra }) as PageView;

const PAGES = [
  page("/", "Home"),
  page("/roles/", "Roles"),
  page("/roles/service-owner/", "Service owner", ["Clippings", "people"]),
  page("/roles/service-owner/levels/", "Levels", ["clippings "]),
  page("/guides/", "Guides", [], { noindex: true }),
  page("/guides/budgets/", "Budgets", ["money"]),
  page("/orphans/page/", "No index page above"),
];

describe("search filters", () => {
  it("put each page in the section of its top-level folder, named by that folder's page, and none for the home page", () => {
    const values = searchFilterValues(PAGES);
    assert.equal(values.get("/")?.section, undefined);
    assert.equal(values.get("/roles/")?.section, "Roles");
    assert.equal(values.get("/roles/service-owner/levels/")?.section, "Roles");
    assert.equal(values.get("/guides/budgets/")?.section, "Guides", "a section's index page may itself be noindex");
    assert.equal(values.get("/orphans/page/")?.section, undefined, "a folder with no page of its own names no section");
  });

  it("spell a tag written two ways as the first page in URL order does, once per page", () => {
    const values = searchFilterValues(PAGES);
    assert.deepEqual(values.get("/roles/service-owner/")?.tags, ["Clippings", "people"]);
    assert.deepEqual(values.get("/roles/service-owner/levels/")?.tags, ["Clippings"]);
  });

  it("offer the sections and tags of the searchable pages, each once and alphabetically", () => {
    const searchable = PAGES.filter((listed) => !listed.noindex);
    assert.deepEqual(searchFilterOptions(searchable, PAGES), {
      sections: ["Guides", "Roles"],
      tags: ["Clippings", "money", "people"],
    });
  });

  it("reach Pagefind's index as filters, with none of their words searchable", async () => {
    const outputDir = await mkdtemp(path.join(os.tmpdir(), "search-filters-test-"));
    try {
      await writeSearchIndex(await stageSearchDocuments(outputDir, PAGES));
      const fragmentDir = path.join(outputDir, "pagefind", "fragment");
      const fragments = await Promise.all(
        (await readdir(fragmentDir)).map(async (name) =>
          JSON.parse(
            gunzipSync(await readFile(path.join(fragmentDir, name)))
              .subarray("pagefind_dcd".length)
              .toString(),
          ),
        ),
      );
      const owner = fragments.find((fragment) => fragment.url === "/roles/service-owner/");
      assert.deepEqual(owner.filters, { section: ["Roles"], tag: ["Clippings", "people"] });
      assert.doesNotMatch(owner.content, /Roles|Clippings|people/, "the filters are not words of the page");
      assert.equal(
        fragments.some((fragment) => fragment.url === "/guides/"),
        false,
      );
    } finally {
      await rm(outputDir, { recursive: true, force: true });
    }
  });
});
