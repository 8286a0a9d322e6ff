import assert from "node:assert/strict";
import { appendFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { after, before, describe, it } from "node:test";
import { generateCorpus, writeCorpus } from "../../bench/corpus.ts";
import { collectSiteModel, loadSiteModel } from "../../lib/model/load-site-model.ts";
import {
  changedPages,
  createDevSiteModel,
  rememberingMarkdown,
  sameData,
  type DevErrorView,
  type DevFindingsView,
} from "../../lib/eleventy/dev-site-model.ts";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";
import type { PageView, SiteModel } from "../../lib/model/site-model.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { openBuildCache, type BuildCache } from "../../lib/build/build-cache.ts";
import { readSettings } from "../../lib/settings.ts";
import { formatDiagnostic, type Diagnostic } from "../../lib/diagnostics.ts";

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
  // Every load reads and renders the whole folder: a few sections' worth of pages show what a save
  // re-renders as well as a large site would, at a fraction of the cost of each of the many loads.
  const corpus = generateCorpus({ pages: 12, seed: 5 });
  const fullLoad = () => loadSiteModel(projectRoot, contentDir);
  const dev = (root = contentDir) =>
    createDevSiteModel(root, (reuse) => collectSiteModel(projectRoot, root, reuse), projectRoot);
  const rendered = (devModel: ReturnType<typeof dev>, model: SiteModel) =>
    devModel.pagesToRender(model.pages).map((page) => page.url);
  /** A site of its own, for a test that deletes or moves its files. */
  const freshSite = async (name: string) => {
    const root = path.join(dir, name);
    await writeCorpus(root, corpus);
    const file = [...corpus.files.keys()].find(
      (each) => each.endsWith(".md") && !each.endsWith("index.md") && each.split("/").length === 3,
    )!;
    const url = `/${file.replace(/\.md$/, "/")}`;
    return { root, file: path.join(root, file), url, parentUrl: url.replace(/[^/]+\/$/, ""), devModel: dev(root) };
  };
  const listedInAToZ = (model: SiteModel) =>
    model.generated.aToZ.groups.flatMap((group) => group.pages.map((page) => page.url));
  const childUrls = (model: SiteModel, url: string) => model.byUrl.get(url)!.children.map((child) => child.url);
  const errorPages = (views: (PageView | DevErrorView)[]) =>
    views.filter((view): view is DevErrorView => view.layout === "site-files/dev-error");

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "service-manual-dev-model-"));
    contentDir = path.join(dir, "content");
    await writeCorpus(contentDir, corpus);
    const file = [...corpus.files.keys()].find(
      (name) => name.endsWith(".md") && !name.endsWith("index.md") && name.split("/").length === 3,
    )!;
    const url = `/${file.replace(/\.md$/, "/")}`;
    leaf = { file: path.join(contentDir, file), url, parentUrl: url.replace(/[^/]+\/$/, "") };
    const other = [...corpus.files.keys()].find(
      (name) => name.endsWith(".md") && !name.endsWith("index.md") && name !== file,
    )!;
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

  it("drops a deleted page from the model, its section's listing and the A to Z, and serves nothing at its URL", async () => {
    const site = await freshSite("deleted");
    await site.devModel.load();
    site.devModel.buildFinished();
    await rm(site.file);
    site.devModel.noteChanges([site.file]);
    const { model } = await site.devModel.load();
    assert.equal(model.byUrl.get(site.url), undefined);
    assert.ok(!childUrls(model, site.parentUrl).includes(site.url));
    assert.ok(!listedInAToZ(model).includes(site.url));
    assert.ok(rendered(site.devModel, model).includes(site.parentUrl), "the section page is drawn again without it");
    assert.ok(!site.devModel.servedUrls(model.pages).includes(site.url));
    assert.ok(
      isDeepStrictEqual(model, (await loadSiteModel(projectRoot, site.root)).model),
      "the same model as a full load",
    );
  });

  it("moves a page moved to another folder: gone from the old section, listed and served in the new one", async () => {
    const site = await freshSite("moved");
    await site.devModel.load();
    site.devModel.buildFinished();
    const target = path.join(site.root, "moved-here");
    await mkdir(target);
    await writeFile(path.join(target, "index.md"), "---\ntitle: Moved here\n---\n\nPages moved here.\n");
    const moved = path.join(target, path.basename(site.file));
    await rename(site.file, moved);
    site.devModel.noteChanges([site.file, target, moved]);
    const { model } = await site.devModel.load();
    const newUrl = `/moved-here/${path.basename(site.file, ".md")}/`;
    assert.equal(model.byUrl.get(site.url), undefined);
    assert.ok(model.byUrl.get(newUrl));
    assert.ok(!childUrls(model, site.parentUrl).includes(site.url));
    assert.deepEqual(childUrls(model, "/moved-here/"), [newUrl]);
    assert.ok(listedInAToZ(model).includes(newUrl) && !listedInAToZ(model).includes(site.url));
    const served = site.devModel.servedUrls(model.pages);
    assert.ok(served.includes(newUrl) && !served.includes(site.url));
  });

  it("moves every page of a renamed folder", async () => {
    const site = await freshSite("renamed");
    await site.devModel.load();
    site.devModel.buildFinished();
    const folder = path.dirname(site.file);
    const renamed = `${folder}-renamed`;
    await rename(folder, renamed);
    site.devModel.noteChanges([folder, renamed]);
    const { model } = await site.devModel.load();
    const oldPrefix = site.parentUrl;
    const newPrefix = site.parentUrl.replace(/\/$/, "-renamed/");
    const served = site.devModel.servedUrls(model.pages);
    assert.ok(!served.some((url) => url.startsWith(oldPrefix)), served.join(", "));
    assert.ok(served.includes(site.url.replace(oldPrefix, newPrefix)));
    assert.ok(!listedInAToZ(model).some((url) => url.startsWith(oldPrefix)));
    assert.ok(
      isDeepStrictEqual(model, (await loadSiteModel(projectRoot, site.root)).model),
      "the same model as a full load",
    );
  });

  it("keeps the other pages updating while one page is broken, shows its errors in its place, and brings it back once fixed", async () => {
    const site = await freshSite("broken");
    const other = path.join(
      site.root,
      [...corpus.files.keys()].find(
        (name) => name.endsWith(".md") && !name.endsWith("index.md") && path.join(site.root, name) !== site.file,
      )!,
    );
    const otherUrl = `/${path.relative(site.root, other).replace(/\.md$/, "/")}`;
    await site.devModel.load();
    site.devModel.buildFinished();

    const good = await readFile(site.file, "utf8");
    await writeFile(site.file, good.replace(/^title: .*$/m, "title: [an unclosed list"));
    site.devModel.noteChanges([site.file]);
    const broken = await site.devModel.load();
    site.devModel.buildFinished();
    assert.equal(broken.model.byUrl.get(site.url), undefined, "the broken page is left out of the model");
    const [errorPage, ...more] = errorPages(site.devModel.pagesToRender(broken.model.pages));
    assert.equal(more.length, 0);
    assert.equal(errorPage.url, site.url);
    assert.equal(errorPage.siteWide, false);
    assert.match(
      errorPage.problems.join("\n"),
      new RegExp(`^${path.relative(projectRoot, site.file).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: error: `, "m"),
    );

    await appendFile(other, "\nA sentence saved while another page is broken.\n");
    site.devModel.noteChanges([other]);
    const edited = await site.devModel.load();
    site.devModel.buildFinished();
    assert.match(edited.model.byUrl.get(otherUrl)!.bodyHtml, /A sentence saved while another page is broken/);
    const toRender = site.devModel.pagesToRender(edited.model.pages);
    assert.ok(toRender.some((view) => view.url === otherUrl && view.layout !== "site-files/dev-error"));
    assert.deepEqual(
      errorPages(toRender).map((view) => view.url),
      [site.url],
      "the error page stays until the page is fixed",
    );

    await writeFile(site.file, good);
    site.devModel.noteChanges([site.file]);
    const fixed = await site.devModel.load();
    const afterFix = site.devModel.pagesToRender(fixed.model.pages);
    assert.deepEqual(errorPages(afterFix), []);
    assert.ok(
      afterFix.some((view) => view.url === site.url),
      "the page is drawn again in place of its error page",
    );
  });

  it("shows the error on every page, from the last good model, while site.json cannot be read", async () => {
    const site = await freshSite("site-data");
    const first = await site.devModel.load();
    site.devModel.buildFinished();
    const siteJson = path.join(site.root, "_data", "site.json");
    const good = await readFile(siteJson, "utf8");
    await writeFile(siteJson, "{ not json");
    site.devModel.noteChanges([siteJson]);
    const broken = await site.devModel.load();
    site.devModel.buildFinished();
    assert.equal(broken.model.pages.length, first.model.pages.length, "the last good pages, for the listings");
    const views = site.devModel.pagesToRender(broken.model.pages);
    assert.equal(errorPages(views).length, views.length, "every page is an error page");
    assert.deepEqual(new Set(views.map((view) => view.url)), new Set(first.model.pages.map((page) => page.url)));
    assert.ok(errorPages(views).every((view) => view.siteWide && /site\.json/.test(view.problems.join(" "))));

    await writeFile(siteJson, good);
    site.devModel.noteChanges([siteJson]);
    const fixed = await site.devModel.load();
    const again = site.devModel.pagesToRender(fixed.model.pages);
    assert.deepEqual(errorPages(again), []);
    assert.equal(again.length, fixed.model.pages.length, "every page is drawn again");
  });

  it("draws a page with what npm run check finds in its file in a panel, and again without it once fixed", async () => {
    const site = await freshSite("findings");
    const findingsOf = (views: (PageView | DevErrorView)[], url: string) =>
      (views.find((view) => view.url === url) as Partial<DevFindingsView> | undefined)?.findings;
    const first = await site.devModel.load();
    site.devModel.buildFinished();
    const clean = site.devModel.pagesToRender(first.model.pages);
    assert.equal(findingsOf(clean, site.url), undefined, "a page with no findings is drawn as it is");

    const good = await readFile(site.file, "utf8");
    const lines = good.split("\n").length;
    await appendFile(site.file, "\n[A dead part](#no-such-heading)\n\n#### Too deep\n");
    site.devModel.noteChanges([site.file]);
    const saved = await site.devModel.load();
    site.devModel.buildFinished();
    const views = site.devModel.pagesToRender(saved.model.pages);
    const page = views.find((view) => view.url === site.url) as unknown as DevFindingsView;
    assert.equal(page.layout, "site-files/dev-findings");
    assert.equal(page.pageLayout, saved.model.byUrl.get(site.url)!.layout, "drawn in the page's own layout");
    const shownFile = path.relative(projectRoot, site.file);
    assert.ok(
      page.findings.some((line) => line.startsWith(`${shownFile}:${lines + 1}: error: link \`#no-such-heading\``)),
      page.findings.join("\n"),
    );
    assert.ok(page.findings.some((line) => line.startsWith(`${shownFile}:${lines + 3}: error: heading "Too deep"`)));
    assert.equal(page.findingErrors, 2);
    assert.ok(
      saved.diagnostics.some((diagnostic) => /#no-such-heading/.test(diagnostic.message)),
      "and on the console",
    );

    await writeFile(site.file, good);
    site.devModel.noteChanges([site.file]);
    const fixed = await site.devModel.load();
    const again = site.devModel.pagesToRender(fixed.model.pages);
    assert.ok(again.some((view) => view.url === site.url && view.layout !== ("site-files/dev-findings" as string)));
    assert.equal(findingsOf(again, site.url), undefined);
  });

  it("reports a link on an unchanged page once a save deletes the page it leads to", async () => {
    const site = await freshSite("deleted-target");
    const target = [...corpus.files.keys()].find(
      (name) => name.endsWith(".md") && !name.endsWith("index.md") && path.join(site.root, name) !== site.file,
    )!;
    const targetUrl = `/${target.replace(/\.md$/, "/")}`;
    await appendFile(site.file, `\nSee [the other page](${targetUrl}).\n`);
    const shownFile = path.relative(projectRoot, site.file);
    const deadLink = (diagnostics: { file: string; message: string }[]) =>
      diagnostics.filter(
        (diagnostic) => diagnostic.file === shownFile && diagnostic.message.includes(`\`${targetUrl}\` leads nowhere`),
      );
    const first = await site.devModel.load();
    site.devModel.buildFinished();
    assert.deepEqual(deadLink(first.diagnostics), []);

    await rm(path.join(site.root, target));
    site.devModel.noteChanges([path.join(site.root, target)]);
    const saved = await site.devModel.load();
    assert.ok(
      deadLink(saved.diagnostics).length > 0,
      saved.diagnostics.map((d) => `${d.file}: ${d.message}`).join("\n"),
    );
  });

  it("reads the renders a last build or dev server kept on its first load only, so a later save renders afresh", async () => {
    const site = await freshSite("kept-renders");
    const cacheDir = path.join(dir, "kept-renders-cache");
    const settings = readSettings({ ...process.env, BUILD_CACHE_DIR: cacheDir, CONTENT_DIR: site.root });
    const opened: BuildCache[] = [];
    const withCache = () =>
      createDevSiteModel(site.root, (reuse) => collectSiteModel(projectRoot, site.root, reuse, settings), projectRoot, {
        openBuildCache: async () => {
          const cache = await openBuildCache(settings, projectRoot, site.root);
          if (cache) opened.push(cache);
          return cache;
        },
      });
    const first = await withCache().load();
    // The renders are written in the background, beside the first build.
    await Promise.all(opened.map((cache) => cache.settled()));
    const kept = (await readdir(path.join(cacheDir, "markdown"), { recursive: true })).filter((file) =>
      file.endsWith(".json"),
    );
    assert.ok(kept.length >= first.model.pages.length - 1, `${kept.length} renders kept`);

    // Every kept render says so, so a page drawn from one shows it.
    const marker = "<p>Drawn from the kept render.</p>\n";
    for (const file of kept) {
      const entry = path.join(cacheDir, "markdown", file);
      await writeFile(entry, JSON.stringify({ ...JSON.parse(await readFile(entry, "utf8")), html: marker }));
    }
    const devModel = withCache();
    const started = await devModel.load();
    assert.equal(started.model.byUrl.get(site.url)!.bodyHtml, marker);
    devModel.buildFinished();

    // Site data may have changed what every page renders to: the kept renders were named by the data at start.
    devModel.noteChanges([path.join(site.root, "_data", "site.json")]);
    const saved = await devModel.load();
    assert.notEqual(saved.model.byUrl.get(site.url)!.bodyHtml, marker);
    assert.equal(saved.model.byUrl.get(site.url)!.bodyHtml, first.model.byUrl.get(site.url)!.bodyHtml);
  });

  /**
   * Dev site models on `site` with a build cache of their own, whose store of `kind` counts what it finds:
   * `found()` is how many of the cache's entries the models have taken so far.
   */
  const countingCache = (site: { root: string }, name: string, kind: "parsedPages" | "bodyReadings") => {
    const settings = readSettings({ ...process.env, BUILD_CACHE_DIR: path.join(dir, name), CONTENT_DIR: site.root });
    let found = 0;
    const withCache = () =>
      createDevSiteModel(site.root, (reuse) => collectSiteModel(projectRoot, site.root, reuse, settings), projectRoot, {
        openBuildCache: async () => {
          const cache = (await openBuildCache(settings, projectRoot, site.root))!;
          const counted = async () => {
            const kept = (await cache[kind]()) as { find(key: never): unknown };
            return { ...kept, find: (key: never) => (kept.find(key) && found++, kept.find(key)) };
          };
          return { ...cache, [kind]: counted } as BuildCache;
        },
      });
    return { withCache, found: () => found };
  };

  it("takes the pages a last build or dev server read on its first load, and reads a saved page afresh", async () => {
    const site = await freshSite("kept-pages");
    const { withCache, found } = countingCache(site, "kept-pages-cache", "parsedPages");
    const first = await withCache().load();
    assert.equal(found(), 0, "an empty cache has no pages");
    const devModel = withCache();
    const started = await devModel.load();
    assert.ok(found() >= first.model.pages.length - 1, `${found()} of ${first.model.pages.length} pages taken as read`);
    assert.deepEqual(started.model.byUrl.get(site.url), first.model.byUrl.get(site.url));
    devModel.buildFinished();

    const text = await readFile(site.file, "utf8");
    await writeFile(site.file, text.replace(/^title: .*$/m, "title: Saved with a new title"));
    devModel.noteChanges([site.file]);
    const saved = await devModel.load();
    assert.equal(saved.model.byUrl.get(site.url)!.title, "Saved with a new title");
  });

  it("reports what its first check finds from the bodies an earlier check read as a fresh reading does, lines and all", async () => {
    const site = await freshSite("kept-readings");
    // A link that leads nowhere and a heading that skips a level, a few lines into the body.
    await writeFile(
      site.file,
      `${await readFile(site.file, "utf8")}\nSee [a page](/no-such-page/).\n\n#### Too deep\n`,
    );
    const { withCache, found } = countingCache(site, "kept-readings-cache", "bodyReadings");
    const shown = (diagnostics: Diagnostic[]) =>
      diagnostics
        .filter((diagnostic) => diagnostic.file === path.relative(projectRoot, site.file))
        .map(formatDiagnostic);
    const first = await withCache().load();
    const fresh = shown(first.diagnostics);
    assert.equal(found(), 0, "an empty cache has no readings");
    assert.ok(
      fresh.some((line) => line.includes("/no-such-page/")) && fresh.some((line) => line.includes("Too deep")),
      fresh.join("\n"),
    );
    const again = shown((await withCache().load()).diagnostics);
    assert.equal(found(), first.model.pages.length, "every published body is taken as read");
    assert.deepEqual(again, fresh);
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
  const view = () => ({
    url: "/a/",
    title: "A",
    order: undefined,
    tags: ["x"],
    history: { published: new Date("2025-01-02"), changes: [{ note: "n" }] },
  });
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
