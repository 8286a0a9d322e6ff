import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { loadContent, parsePage } from "../../lib/content/load-content.ts";
import { leaveOutEmptyValues } from "../../lib/content/validate-front-matter.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

const read = (frontMatter: string) => parsePage("content/page.md", "/page/", new TextEncoder().encode(`---\n${frontMatter}\n---\n\nBody.\n`));
const summary = (diagnostics: { severity: string; line?: number; field?: string; message: string }[]) =>
  diagnostics.map(({ severity, line, field, message }) => [severity, line, field, message]);
const LEFT_OUT = "is empty, so it is left out";

describe("empty values in front matter", () => {
  it("leaves out optional fields written empty, with a warning naming the line and field", () => {
    const { page, diagnostics } = read("title: Compost\ndescription: ''\ncaption:\nsectionTitle: null\nowner: ~\norder: 3");
    assert.ok(page);
    for (const field of ["description", "caption", "sectionTitle", "owner"]) assert.ok(!(field in page.frontMatter), field);
    assert.equal(page.frontMatter.order, 3);
    assert.deepEqual(summary(diagnostics), [
      ["warning", 3, "description", LEFT_OUT],
      ["warning", 4, "caption", LEFT_OUT],
      ["warning", 5, "sectionTitle", LEFT_OUT],
      ["warning", 6, "owner", LEFT_OUT],
    ]);
  });

  it("leaves out empty fields inside lists and sets of fields too", () => {
    const { page, diagnostics } = read(
      "title: Worms\nsupportBox:\n  title: Ask the team\n  description: ''\nsectionNav:\n  - title:\n    items:\n      - text: Worms\n        href: /worms/\nlayout: section",
    );
    assert.ok(page);
    assert.deepEqual(page.frontMatter.supportBox, { title: "Ask the team" });
    assert.deepEqual(page.frontMatter.sectionNav, [{ items: [{ text: "Worms", href: "/worms/" }] }]);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.field]),
      [
        [5, "supportBox.description"],
        [7, "sectionNav.0.title"],
      ],
    );
  });

  it("keeps required fields written empty as errors", () => {
    for (const frontMatter of ["title: ''", "title:", "title: null"]) {
      const { page, diagnostics } = read(frontMatter);
      assert.equal(page, undefined, frontMatter);
      assert.deepEqual(
        diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.field]),
        [["error", "title"]],
        frontMatter,
      );
    }
    const link = read("title: Leaves\ncustomNav:\n  - text: Home\n    href: ''");
    assert.equal(link.page, undefined);
    assert.ok(link.diagnostics.length > 0);
    for (const diagnostic of link.diagnostics) {
      assert.deepEqual([diagnostic.severity, diagnostic.line, diagnostic.field], ["error", 5, "customNav.0.href"]);
    }
  });

  it("keeps an empty list the field can hold, and leaves out one that needs items", () => {
    const { page, diagnostics } = read("title: Mulch\ntags: []");
    assert.deepEqual(page?.frontMatter.tags, []);
    assert.deepEqual(diagnostics, []);

    const schema = z.object({ crops: z.array(z.string()).min(1).optional(), notes: z.array(z.string()).optional() });
    const locate = () => ({ file: "plot.md", line: 9 });
    const result = leaveOutEmptyValues({ crops: [], notes: [] }, locate, schema);
    assert.deepEqual(result.data, { notes: [] });
    assert.deepEqual(summary(result.diagnostics), [["warning", 9, "crops", LEFT_OUT]]);
  });

  it("leaves out empty folder defaults at their line in the defaults file, and lets a page's empty field take the folder's", async () => {
    const dir = makeContentDir("empty-values-folder", {
      "beds/beds.11tydata.json": '{\n  "caption": "",\n  "description": "Beds for growing things."\n}\n',
      "beds/raised.md": "---\ntitle: Raised beds\ndescription:\n---\n\nText.\n",
    });
    const { pages, diagnostics } = await loadContent(dir, projectRoot);
    const raised = pages.find((each) => each.url === "/beds/raised/")!;
    assert.equal(raised.frontMatter.caption, undefined);
    assert.equal(raised.frontMatter.description, "Beds for growing things.");
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.field, diagnostic.message]),
      [
        [shown(dir, "beds/beds.11tydata.json"), 2, "caption", LEFT_OUT],
        [shown(dir, "beds/raised.md"), 3, "description", LEFT_OUT],
      ],
    );
  });
});
