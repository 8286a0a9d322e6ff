import assert from "node:assert/strict";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { after, before, describe, it } from "node:test";
import { generateCorpus, writeCorpus } from "../../lib/bench/corpus.ts";
import { loadSiteModel } from "../../lib/build-site.ts";
import { changedPages, createDevSiteModel, rememberingMarkdown, sameData } from "../../lib/dev-site-model.ts";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";
import type { SiteModel } from "../../lib/site-model.ts";
import { projectRoot } from "../helpers/built-site.ts";

describe("rememberingMarkdown", () => {
  const counted = () => {
    const markdown = createMarkdown();
    let renders = 0;
    const render = markdown.render.bind(markdown);
    markdown.render = (body, env) => (renders++, render(body, env));
    return { markdown, renders: () => renders };
  };
  const env = (pageTitle: string): MarkdownEnv => ({ pageTitle, notes: [], headings: [] });
  const body = "# Guide\n\n## Steps\n\nText.\n";

  it("replays the HTML and what the render reported when the same body is rendered under the same title", () => {
    const source = counted();
    const { markdown } = rememberingMarkdown(source.markdown);
    const first = env("Guide");
    const html = markdown.render(body, first);
    const second = env("Guide");
    assert.equal(markdown.render(body, second), html);
    assert.equal(source.renders(), 1);
    assert.deepEqual(second.headings, first.headings);
    assert.deepEqual(second.notes, first.notes);
    assert.equal(second.notes!.length, 1, "the repeated title was noted");
  });

  it("renders again for another title, and everything again after forget()", () => {
    const source = counted();
    const { markdown, forget } = rememberingMarkdown(source.markdown);
    markdown.render(body, env("Guide"));
    const other = env("Another page");
    assert.match(markdown.render(body, other), /<h2[^>]*>Guide<\/h2>/);
    assert.equal(source.renders(), 2);
    forget();
    markdown.render(body, env("Guide"));
    assert.equal(source.renders(), 3);
  });
});

describe("the dev server's site model", () => {
  let dir: string;
  let contentDir: string;
  let leaf: { file: string; url: string; parentUrl: string };
  let otherLeaf: { file: string; url: string };
  const fullLoad = () => loadSiteModel(projectRoot, contentDir);
  const dev = () => createDevSiteModel(contentDir, (reuse) => loadSiteModel(projectRoot, contentDir, reuse));
  const rendered = (devModel: ReturnType<typeof dev>, model: SiteModel) => devModel.pagesToRender(model.pages).map((page) => page.url);

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "service-manual-dev-model-"));
    contentDir = path.join(dir, "content");
    const corpus = generateCorpus({ pages: 40, seed: 5 });
    await writeCorpus(contentDir, corpus);
    const file = [...corpus.files.keys()].find((name) => name.endsWith(".md") && !name.endsWith("index.md") && name.split("/").length === 3)!;
    const url = `/${file.replace(/\.md$/, "/")}`;
    leaf = { file: path.join(contentDir, file), url, parentUrl: url.replace(/[^/]+\/$/, "") };
    const other = [...corpus.files.keys()].find((name) => name.endsWith(".md") && !name.endsWith("index.md") && name !== file)!;
    otherLeaf = { file: path.join(contentDir, other), url: `/${other.replace(/\.md$/, "/")}` };
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("renders every page on the first build, and after a body edit only that page, with the model a full load gives", async () => {
    const devModel = dev();
    const first = await devModel.load();
    assert.equal(rendered(devModel, first.model).length, first.model.pages.length);
    devModel.buildFinished();

    await appendFile(leaf.file, "\nA sentence added while previewing.\n");
    devModel.noteChanges([leaf.file]);
    const second = await devModel.load();
    assert.deepEqual(rendered(devModel, second.model), [leaf.url]);
    assert.match(second.model.byUrl.get(leaf.url)!.bodyHtml, /A sentence added while previewing/);
    assert.ok(isDeepStrictEqual(second.model, (await fullLoad()).model), "the same model as a full load");
  });

  it("re-renders the section page too when a page's description changes", async () => {
    const devModel = dev();
    await devModel.load();
    devModel.buildFinished();
    const text = await readFile(leaf.file, "utf8");
    await writeFile(leaf.file, text.replace(/^description: .*$/m, "description: A new summary of the page."));
    devModel.noteChanges([leaf.file]);
    const { model } = await devModel.load();
    const urls = rendered(devModel, model);
    assert.ok(urls.includes(leaf.url) && urls.includes(leaf.parentUrl), urls.join(", "));
    assert.ok(urls.length < model.pages.length / 2, `${urls.length} pages re-rendered`);
    assert.ok(isDeepStrictEqual(model, (await fullLoad()).model), "the same model as a full load");
  });

  it("keeps the pages a failed build never wrote for the next build", async () => {
    const devModel = dev();
    await devModel.load();
    devModel.buildFinished();
    await appendFile(leaf.file, "\nAnother sentence.\n");
    devModel.noteChanges([leaf.file]);
    await devModel.load();
    // No buildFinished(): that build failed, so its page is still owed with the next save's.
    await appendFile(otherLeaf.file, "\nA sentence on another page.\n");
    devModel.noteChanges([otherLeaf.file]);
    const { model } = await devModel.load();
    assert.deepEqual(rendered(devModel, model).sort(), [leaf.url, otherLeaf.url].sort());
  });

  it("re-reads and re-renders everything when a file that is not a page changes", async () => {
    const devModel = dev();
    await devModel.load();
    devModel.buildFinished();
    devModel.noteChanges([path.join(contentDir, "_data", "site.json")]);
    const { model } = await devModel.load();
    assert.equal(rendered(devModel, model).length, model.pages.length);
  });

  it("finds the pages whose view changed between two models", async () => {
    const { model } = await fullLoad();
    const copy = structuredClone(model);
    assert.deepEqual([...(changedPages(model, copy) as Set<string>)], []);
    copy.byUrl.get(leaf.url)!.title = "Renamed";
    copy.pages = [...copy.byUrl.values()];
    assert.deepEqual([...(changedPages(model, copy) as Set<string>)], [leaf.url]);
    assert.equal(changedPages(model, { ...copy, site: { ...copy.site, serviceName: "Another name" } }), "all");
  });
});

describe("sameData", () => {
  const view = () => ({ url: "/a/", title: "A", order: undefined, tags: ["x"], history: { published: new Date("2025-01-02"), changes: [{ note: "n" }] } });
  it("is true for equal plain data, dates included", () => assert.ok(sameData(view(), view())));
  for (const [name, change] of [
    ["a string", (v: ReturnType<typeof view>) => (v.title = "B")],
    ["a date", (v: ReturnType<typeof view>) => (v.history.published = new Date("2025-01-03"))],
    ["an array's length", (v: ReturnType<typeof view>) => v.tags.push("y")],
    ["a nested object", (v: ReturnType<typeof view>) => (v.history.changes[0].note = "m")],
    ["a key that was missing", (v: ReturnType<typeof view>) => ((v as Record<string, unknown>).extra = undefined)],
  ] as const) {
    it(`is false when ${name} differs`, () => {
      const other = view();
      change(other);
      assert.equal(sameData(view(), other), false);
    });
  }
  it("tells an array from an object with the same keys", () => assert.equal(sameData(["a"], { 0: "a" }), false));
});
