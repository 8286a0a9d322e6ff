import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

const page = (frontMatter: string) => `---\n${frontMatter}\n---\n\nSome text.\n`;

async function modelOf(name: string, files: Record<string, string>) {
  const dir = makeContentDir(`section-navigation-${name}`, files);
  const { model, diagnostics } = await collectSiteModel(
    projectRoot,
    dir,
    undefined,
    readSettings({ CONTENT_DIR: dir }),
  );
  return { model, diagnostics, dir };
}

/** Each group as its title and its links, the current one marked with a *. */
const drawn = (
  navigation: { groups: { title?: string; items: { text: string; href: string; current: boolean }[] }[] } | undefined,
) =>
  navigation?.groups.map((group) => [
    group.title,
    group.items.map((item) => `${item.current ? "*" : ""}${item.text} ${item.href}`),
  ]);

const GUIDES = {
  "guides/guides.11tydata.json": JSON.stringify({ layout: "section", sectionNavFromFolder: true }),
  "guides/index.md": page("title: Guides"),
  "guides/writing.md": page("title: Writing\norder: 2"),
  "guides/alpha.md": page("title: Alpha"),
  "guides/basics.md": page("title: Basics\norder: 1"),
  "guides/design/index.md": page("title: Design"),
  "guides/design/colour.md": page("title: Colour"),
  "guides/design/type/index.md": page("title: Type"),
  "guides/design/type/sizes.md": page("title: Sizes"),
  "guides/how-to/publish.md": page("title: Publish"),
  "other.md": page("title: Other\nlayout: section"),
};

describe("section navigation made from a folder's pages (sectionNavFromFolder)", () => {
  it("lists the folder's pages by order then title, each folder below as a group, and marks the current page", async () => {
    const { model, diagnostics } = await modelOf("tree", GUIDES);
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    const expected = (current: string) =>
      [
        [undefined, ["Guides /guides/", "Basics /guides/basics/", "Writing /guides/writing/", "Alpha /guides/alpha/"]],
        ["Design", ["Design /guides/design/", "Colour /guides/design/colour/", "Type /guides/design/type/"]],
        ["How to", ["Publish /guides/how-to/publish/"]],
      ].map(([title, items]) => [
        title,
        (items as string[]).map((item) => (item.endsWith(` ${current}`) ? `*${item}` : item)),
      ]);
    assert.deepEqual(drawn(model.byUrl.get("/guides/alpha/")?.sectionNavigation), expected("/guides/alpha/"));
    assert.deepEqual(
      drawn(model.byUrl.get("/guides/design/colour/")?.sectionNavigation),
      expected("/guides/design/colour/"),
    );
    // A page two folders down shares the section's navigation, where its folder shows as a link to its index.
    assert.deepEqual(drawn(model.byUrl.get("/guides/design/type/sizes/")?.sectionNavigation), expected("none"));
    assert.equal(model.byUrl.get("/other/")?.sectionNavigation, undefined);
  });

  it("shows a new page in the folder without editing any list", async () => {
    const { model } = await modelOf("new-page", { ...GUIDES, "guides/accessibility.md": page("title: Accessibility") });
    assert.deepEqual(
      model.byUrl.get("/guides/alpha/")?.sectionNavigation?.groups[0].items.map((item) => item.href),
      ["/guides/", "/guides/basics/", "/guides/writing/", "/guides/accessibility/", "/guides/alpha/"],
    );
  });

  it("renders it with aria-current through the section layout's sub-navigation", async () => {
    const { model } = await modelOf("rendered", GUIDES);
    const view = model.byUrl.get("/guides/writing/");
    assert.equal(view?.layout, "section");
    const current = view?.sectionNavigation?.groups.flatMap((group) => group.items).filter((item) => item.current);
    assert.deepEqual(
      current?.map((item) => item.href),
      ["/guides/writing/"],
    );
  });

  it("lets a hand-written sectionNav nearer the page win, and `false` in a folder below turn it off", async () => {
    const { model } = await modelOf("nearer", {
      ...GUIDES,
      "guides/basics.md": page(
        "title: Basics\norder: 1\nsectionNav:\n  - items:\n      - text: Only link\n        href: /guides/",
      ),
      "guides/design/design.11tydata.json": JSON.stringify({ sectionNavFromFolder: false }),
    });
    assert.deepEqual(drawn(model.byUrl.get("/guides/basics/")?.sectionNavigation), [
      [undefined, ["Only link /guides/"]],
    ]);
    assert.equal(model.byUrl.get("/guides/design/colour/")?.sectionNavigation, undefined);
    assert.equal(model.byUrl.get("/guides/alpha/")?.sectionNavigation?.groups.length, 3);
  });

  it("is the folder's own when a page asks, and works in the side-nav layout too", async () => {
    const { model } = await modelOf("own", {
      "notes/index.md": page("title: Notes"),
      "notes/first.md": page("title: First\nlayout: side-nav\nsectionNavFromFolder: true"),
      "notes/second.md": page("title: Second"),
    });
    const side = model.byUrl.get("/notes/first/")?.layoutParts?.sideNavigation;
    assert.deepEqual(
      side?.groups.map((group) => group.items.map((item) => `${item.current ? "*" : ""}${item.href}`)),
      [["/notes/", "*/notes/first/", "/notes/second/"]],
    );
  });

  it("builds the navigation from Eleventy's eleventyNavigation and the plugin's sub-navigation layout", async () => {
    const { model, diagnostics, dir } = await modelOf("eleventy", {
      "docs/index.md": page("title: Docs\nlayout: sub-navigation\neleventyNavigation:\n  key: Docs"),
      "docs/start.md": page(
        "title: Start\nlayout: sub-navigation\neleventyNavigation:\n  key: Start\n  parent: Docs\n  order: 2",
      ),
      "docs/install.md": page(
        "title: Install\nlayout: sub-navigation\neleventyNavigation:\n  key: Install\n  parent: Docs\n  order: 1",
      ),
    });
    assert.deepEqual(drawn(model.byUrl.get("/docs/start/")?.sectionNavigation), [
      [undefined, ["Docs /docs/", "Install /docs/install/", "*Start /docs/start/"]],
    ]);
    const layout = diagnostics.find((d) => d.file === shown(dir, "docs/start.md") && d.field === "layout");
    assert.deepEqual([layout?.line, layout?.severity], [3, "warning"]);
  });

  it("says what is wrong with a value that is not true or false, at its line", async () => {
    const { diagnostics, dir } = await modelOf("bad-value", {
      "guides/guides.11tydata.json": '{\n  "layout": "section",\n  "sectionNavFromFolder": "auto"\n}\n',
      "guides/index.md": page("title: Guides"),
    });
    const problem = diagnostics.find((d) => d.field === "sectionNavFromFolder");
    assert.deepEqual(
      [problem?.file, problem?.line, problem?.severity],
      [shown(dir, "guides/guides.11tydata.json"), 3, "error"],
    );
    assert.match(problem?.message ?? "", /true or false|boolean/);
  });
});

describe("sectionNav: auto", () => {
  it("is a list's name, as any other; with no list of that name the error says how to ask for the folder's pages", async () => {
    const { diagnostics, dir } = await modelOf("auto-name", {
      "guides/index.md": page("title: Guides\nlayout: section\nsectionNav: auto"),
    });
    const problem = diagnostics.find((d) => d.field === "sectionNav");
    assert.deepEqual([problem?.file, problem?.line, problem?.severity], [shown(dir, "guides/index.md"), 4, "error"]);
    assert.match(
      problem?.message ?? "",
      /^there is no `sectionNav` list called "auto" .*; to make the section navigation from the folder's pages, write `sectionNavFromFolder: true` instead$/,
    );
  });
});
