import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import { generateCorpus, writeCorpus, type Corpus } from "../../bench/corpus.ts";
import { projectRoot } from "../helpers/built-site.ts";

const PAGES = 120;
let corpus: Corpus;
let dir: string;

before(async () => {
  corpus = generateCorpus({ pages: PAGES, seed: 11 });
  dir = await mkdtemp(path.join(tmpdir(), "service-manual-corpus-"));
  await writeCorpus(path.join(dir, "content"), corpus);
});
after(() => rm(dir, { recursive: true, force: true }));

const pageFiles = (generated: Corpus) => [...generated.files.keys()].filter((file) => file.endsWith(".md"));
const bodyOf = (text: string) => text.slice(text.indexOf("\n---\n", 4) + 5);

describe("the benchmark's corpus generator", () => {
  it("gives the same files, byte for byte, for the same seed and size", () => {
    const again = generateCorpus({ pages: PAGES, seed: 11 });
    assert.deepEqual([...again.files.keys()], [...corpus.files.keys()]);
    for (const [file, text] of corpus.files) assert.equal(again.files.get(file), text, file);
  });

  it("gives different pages for a different seed", () => {
    const other = generateCorpus({ pages: PAGES, seed: 12 });
    const differing = pageFiles(other).filter((file) => other.files.get(file) !== corpus.files.get(file));
    assert.ok(differing.length > PAGES / 2, `only ${differing.length} pages differ`);
  });

  it("writes exactly the number of pages asked for, in nested sections that each have an index page", () => {
    const files = pageFiles(corpus);
    assert.equal(files.length, PAGES);
    assert.equal(new Set(corpus.urls).size, PAGES);
    const folders = new Set(files.map((file) => path.posix.dirname(file)));
    assert.ok(
      [...folders].some((folder) => folder.split("/").length >= 2),
      "some sections are nested",
    );
    for (const folder of folders)
      assert.ok(files.includes(folder === "." ? "index.md" : `${folder}/index.md`), `${folder} has an index.md`);
  });

  it("writes pages that look like the site's: front matter fields, 600 to 1,200 words, headings, lists, a table, links and HTML", () => {
    const texts = pageFiles(corpus).map((file) => corpus.files.get(file)!);
    for (const text of texts) {
      const body = bodyOf(text);
      const words = body
        .replace(/<[^>]+>|\]\([^)]*\)|[#|*-]/g, " ")
        .split(/\s+/)
        .filter(Boolean).length;
      assert.ok(words >= 600 && words <= 1200, `${words} words`);
      assert.match(body, /^## /m);
      assert.match(body, /^\| --- \| --- \| --- \|$/m);
    }
    const share = (pattern: RegExp) => texts.filter((text) => pattern.test(text)).length / texts.length;
    assert.ok(share(/^caption: /m) > 0.9);
    assert.ok(share(/^description: /m) > 0.7);
    assert.ok(share(/^breadcrumbs:/m) > 0.5);
    assert.ok(share(/^sectionNav:/m) > 0.05);
    assert.ok(share(/^supportBox:/m) > 0.1);
    assert.ok(share(/^tags:/m) > 0.1);
    assert.ok(share(/^owner: /m) > 0.05);
    assert.ok(share(/^### /m) > 0.3);
    assert.ok(share(/^- /m) > 0.3);
    assert.ok(share(/\]\(\/[^)]*\/\)/) > 0.5, "links between pages");
    assert.ok(share(/<(?:abbr|strong|div) /) > 0.2, "inline HTML");
  });

  it("passes the site's own validation without a single error or warning", async () => {
    const { model, diagnostics } = await collectSiteModel(projectRoot, path.join(dir, "content"));
    assert.deepEqual(diagnostics, []);
    assert.equal(model.pages.length, PAGES);
    assert.deepEqual(model.pages.map((page) => page.url).sort(), [...corpus.urls].sort());
  });
});
