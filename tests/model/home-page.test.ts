import assert from "node:assert/strict";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { createDevSiteModel } from "../../lib/eleventy/dev-site-model.ts";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import { readSettings } from "../../lib/settings.ts";
import { buildInProcess, projectRoot, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

const SITE = JSON.stringify({
  organisationName: "Parish council",
  serviceName: "Allotment handbook",
  url: "https://allotments.example.gov.uk",
  navigation: [{ text: "Growing", href: "/growing/" }],
  repository: { url: "https://github.com/example/allotments" },
});

// Top-level pages in a deliberately jumbled order: `order` first, then titles alphabetically.
const FILES: Record<string, string> = {
  "_data/site.json": SITE,
  "water.md": "---\ntitle: Water butts\ndescription: Collecting rain for dry spells.\n---\n\nText.\n",
  "growing/index.md": "---\ntitle: Growing\ndescription: What to sow and when.\norder: 1\n---\n\nText.\n",
  "growing/beans.md": "---\ntitle: Beans\n---\n\nNot at the top of the tree.\n",
  "rules.md": "---\ntitle: Plot rules\norder: 2\n---\n\nText.\n",
  "compost.md": "---\ntitle: Compost\n---\n\nText.\n",
};

const load = (dir: string) =>
  collectSiteModel(projectRoot, dir, undefined, readSettings({ CONTENT_DIR: shown(dir, "") }));

describe("the home page made when content has no index.md", () => {
  it("is titled with the service name and lists the top-level pages in listing order, with one warning", async () => {
    const dir = makeContentDir("home-page-made", FILES, { homePage: false });
    const { model, diagnostics } = await load(dir);
    const home = model.byUrl.get("/");
    assert.ok(home, "a page at /");
    assert.equal(home.title, "Allotment handbook");
    assert.equal(home.layout, "two-thirds");
    assert.deepEqual(JSON.parse(JSON.stringify(home.children)), [
      { title: "Growing", description: "What to sow and when.", url: "/growing/" },
      { title: "Plot rules", url: "/rules/" },
      { title: "Compost", url: "/compost/" },
      { title: "Water butts", description: "Collecting rain for dry spells.", url: "/water/" },
    ]);
    assert.deepEqual(home.breadcrumbs, []);
    assert.equal(home.editUrl, undefined, "no file to edit");
    assert.ok(model.pages.includes(home), "published with the other pages");
    const warnings = diagnostics.filter((diagnostic) => diagnostic.file === shown(dir, "index.md"));
    assert.equal(warnings.length, 1, JSON.stringify(diagnostics));
    assert.equal(warnings[0].severity, "warning");
    assert.match(
      warnings[0].message,
      /^is missing, so the home page is made from the 4 top-level pages, .*: to write your own, add .*index\.md/,
    );
  });

  it("is not made when the content has its own home page, or a page redirects from /", async () => {
    for (const [name, extra] of [
      ["own", { "index.md": "---\ntitle: Welcome to the plots\n---\n\nHello.\n" }],
      ["redirect", { "moved.md": "---\ntitle: Start here\nredirectFrom:\n  - /index.html\n---\n\nText.\n" }],
    ] as const) {
      const dir = makeContentDir(`home-page-${name}`, { ...FILES, ...extra }, { homePage: false });
      const { model, diagnostics } = await load(dir);
      assert.ok(
        !diagnostics.some((diagnostic) => /is missing, so the home page is made/.test(diagnostic.message)),
        name,
      );
      if (name === "own") assert.equal(model.byUrl.get("/")?.title, "Welcome to the plots");
      else assert.equal(model.byUrl.get("/"), undefined);
    }
  });

  it("is built and drawn as a page, with its list of pages", async () => {
    const dir = makeContentDir("home-page-built", FILES, { homePage: false });
    const site = path.join(testOutputDir, "content-model", "home-page-built-output");
    const build = await buildInProcess({ CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: site });
    assert.equal(build.code, 0, build.stdout + build.stderr);
    const $ = readPage(site, "/");
    assert.equal($("h1").text().trim(), "Allotment handbook");
    assert.deepEqual(
      $(".app-child-list__item a")
        .map((_, link) => $(link).attr("href"))
        .get(),
      ["/growing/", "/rules/", "/compost/", "/water/"],
    );
    assert.match($(".app-child-list").text(), /Collecting rain for dry spells\./);
  });

  it("comes and goes in the dev server as index.md is deleted and written", async () => {
    const dir = makeContentDir("home-page-dev", { ...FILES, "index.md": "---\ntitle: Our own home\n---\n\nHello.\n" });
    const devModel = createDevSiteModel(dir, (reuse) => collectSiteModel(projectRoot, dir, reuse), projectRoot);
    const index = path.join(dir, "index.md");
    assert.equal((await devModel.load()).model.byUrl.get("/")?.title, "Our own home");
    devModel.buildFinished();

    await rm(index);
    devModel.noteChanges([index]);
    const without = await devModel.load();
    assert.equal(without.model.byUrl.get("/")?.title, "Allotment handbook");
    assert.ok(
      devModel.pagesToRender(without.model.pages).some((view) => view.url === "/"),
      "the made page is drawn",
    );
    devModel.buildFinished();

    await writeFile(index, "---\ntitle: Back again\n---\n\nHello.\n");
    devModel.noteChanges([index]);
    const restored = await devModel.load();
    assert.equal(restored.model.byUrl.get("/")?.title, "Back again");
    assert.ok(devModel.pagesToRender(restored.model.pages).some((view) => view.url === "/"));
  });
});
