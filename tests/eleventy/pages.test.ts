import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setImmediate as nextTurn } from "node:timers/promises";
import v8 from "node:v8";
import vm from "node:vm";
import { siteToRender } from "../../lib/eleventy/pages.ts";
import { loadSiteModel } from "../../lib/model/load-site-model.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

const modelOf = async (name: string) =>
  (
    await loadSiteModel(
      projectRoot,
      makeContentDir(`site-to-render-${name}`, { "a.md": "---\ntitle: A\n---\n\nSome text.\n" }),
    )
  ).model;

describe("the pages Eleventy renders (siteToRender)", () => {
  it("lets a page's view, HTML and all, be collected once it is taken in a one-off build", async () => {
    // Made in a function of its own, so the model is dropped as the build drops it.
    const { site, index, gone } = await (async () => {
      const model = await modelOf("one-off");
      const index = model.pages.findIndex((page) => page.url === "/a/");
      return { site: siteToRender(model), index, gone: new WeakRef(model.pages[index]) };
    })();
    assert.equal(site.pages[index].take().url, "/a/");
    await nextTurn();
    collectGarbage();
    assert.equal(gone.deref(), undefined, "nothing holds the view once it is taken");
    assert.equal(site.pages[index].url, "/a/");
    assert.throws(() => site.pages[index].take(), /\/a\/ was rendered twice/);
  });

  it("keeps the views for the dev server, which renders them again after a save", async () => {
    const model = await modelOf("dev");
    const site = siteToRender(model, model.pages, { keepViews: true });
    assert.equal(site.pages[0].take(), model.pages[0]);
    assert.equal(site.pages[0].take(), model.pages[0]);
  });
});
