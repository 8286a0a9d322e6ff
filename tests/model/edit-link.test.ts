import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import { editLink } from "../../lib/model/site-model.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

const repository = { url: "https://github.com/example/handbook/", branch: "main" };

describe("editLink", () => {
  it("uses the file's path from the project root when the repository setting gives no contentPath", () => {
    assert.equal(
      editLink(repository, "content/tools/spades.md", "content"),
      "https://github.com/example/handbook/edit/main/content/tools/spades.md",
    );
  });

  it("puts the file's place in the content folder under contentPath", () => {
    const kept = { ...repository, contentPath: "src/content" };
    assert.equal(
      editLink(kept, "content/tools/spades.md", "content"),
      "https://github.com/example/handbook/edit/main/src/content/tools/spades.md",
    );
    assert.equal(
      editLink({ ...kept, contentPath: "/src/content/" }, "content/index.md", "content"),
      "https://github.com/example/handbook/edit/main/src/content/index.md",
      "slashes around it are not doubled",
    );
  });

  it("links a content folder kept outside the project when contentPath says where it is in the repository", () => {
    const outside = path.join("..", "handbook", "src", "content");
    assert.equal(
      editLink(repository, path.join(outside, "a.md"), outside),
      undefined,
      "no contentPath: not in this repository",
    );
    assert.equal(
      editLink({ ...repository, contentPath: "src/content" }, path.join(outside, "a.md"), outside),
      "https://github.com/example/handbook/edit/main/src/content/a.md",
    );
  });

  it("percent-encodes each name of the branch and the path", () => {
    assert.equal(
      editLink(
        { ...repository, branch: "release/spring #2", contentPath: "docs/the content" },
        "content/é #1.md",
        "content",
      ),
      "https://github.com/example/handbook/edit/release/spring%20%232/docs/the%20content/%C3%A9%20%231.md",
    );
  });
});

describe("pages' edit links with repository.contentPath", () => {
  it("point at the file under contentPath, for pages in subfolders and index pages alike", async () => {
    const dir = makeContentDir("edit-link-content-path", {
      "_data/site.json": JSON.stringify({
        organisationName: "Parish council",
        serviceName: "Allotment handbook",
        url: "https://allotments.example.gov.uk",
        repository: { url: "https://github.com/example/handbook", branch: "live", contentPath: "src/content" },
      }),
      "index.md": "---\ntitle: Home\n---\n\nText.\n",
      "tools/index.md": "---\ntitle: Tools\n---\n\nText.\n",
      "tools/spades.md": "---\ntitle: Spades\n---\n\nText.\n",
    });
    const { model } = await collectSiteModel(
      projectRoot,
      dir,
      undefined,
      readSettings({ CONTENT_DIR: shown(dir, "") }),
    );
    assert.deepEqual(
      model.pages.map((page) => [page.url, page.editUrl]),
      [
        ["/", "https://github.com/example/handbook/edit/live/src/content/index.md"],
        ["/tools/", "https://github.com/example/handbook/edit/live/src/content/tools/index.md"],
        ["/tools/spades/", "https://github.com/example/handbook/edit/live/src/content/tools/spades.md"],
      ],
    );
  });
});
