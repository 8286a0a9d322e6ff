import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { startDevServerInProcess, type InProcessDevServer } from "../helpers/dev-server-tests.ts";
import { bundleUrls } from "../helpers/search-bundles.ts";

const SITE_JSON = JSON.stringify({
  organisationName: "Gardens Office",
  serviceName: "Garden manual",
  url: "https://gardens.example",
});
const page = (title: string, body: string) =>
  `---\ntitle: ${title}\ndescription: About ${title.toLowerCase()}.\n---\n\n${body}\n`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the published index's URLs pass the check; the index is made beside the serving, a moment after each build. */
async function indexed(outputDir: string, check: (urls: string[]) => boolean, server: InProcessDevServer) {
  const deadline = performance.now() + 60_000;
  let urls: string[] = [];
  while (performance.now() < deadline) {
    urls = existsSync(path.join(outputDir, "pagefind", "fragment")) ? bundleUrls(path.join(outputDir, "pagefind")) : [];
    if (check(urls)) return urls;
    await sleep(50);
  }
  assert.fail(
    `the dev server's search index never matched; it lists ${urls.join(", ") || "nothing"}\n${server.output().slice(-3000)}`,
  );
}

describe("search in the dev server", () => {
  let dir: string;
  let server: InProcessDevServer;
  const contentDir = () => path.join(dir, "content");
  const outputDir = () => path.join(dir, "_site");

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "service-manual-dev-search-"));
    const files: Record<string, string> = {
      "_data/site.json": SITE_JSON,
      "index.md": page("Home", "The garden manual."),
      "beds.md": page("Raised beds", "How to build a raised bed."),
      "ponds.md": page("Ponds", "How to dig a pond."),
    };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(contentDir(), name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    // A search index an earlier build left, which describes pages as they were then.
    await mkdir(path.join(outputDir(), "pagefind-2"), { recursive: true });
    server = await startDevServerInProcess({ contentDir: contentDir(), outputDir: outputDir() });
  });
  after(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("indexes every page once they are served, in place of the index an earlier build left", async () => {
    const urls = await indexed(outputDir(), (found) => found.length >= 3, server);
    assert.deepEqual(urls.sort(), ["/", "/beds/", "/ponds/"]);
    assert.ok(!existsSync(path.join(outputDir(), "pagefind-2")), "the earlier build's second bundle is gone");
    const bundles = await readFile(path.join(outputDir(), "pagefind", "search-bundles.json"), "utf8");
    assert.deepEqual(JSON.parse(bundles), ["pagefind/"]);
  });

  it("indexes a page added, and leaves out a page deleted, soon after each", async () => {
    await writeFile(path.join(contentDir(), "paths.md"), page("Garden paths", "How to lay a path."));
    await indexed(outputDir(), (urls) => urls.includes("/paths/"), server);
    await rm(path.join(contentDir(), "ponds.md"));
    const urls = await indexed(outputDir(), (found) => !found.includes("/ponds/"), server);
    assert.deepEqual(urls.sort(), ["/", "/beds/", "/paths/"]);
    assert.deepEqual(
      (await readdir(outputDir())).filter((name) => name.startsWith(".")),
      [],
      "nothing is left of the folders each index was made in",
    );
  });
});

describe("search in the dev server when its indexer cannot run", () => {
  it("says so on the console and serves the pages all the same", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "service-manual-dev-search-failing-"));
    const contentDir = path.join(dir, "content");
    await mkdir(path.join(contentDir, "_data"), { recursive: true });
    await writeFile(path.join(contentDir, "_data", "site.json"), SITE_JSON);
    await writeFile(path.join(contentDir, "index.md"), page("Home", "The garden manual."));
    const server = await startDevServerInProcess({
      contentDir,
      outputDir: path.join(dir, "_site"),
      env: { PAGEFIND_BINARY_PATH: path.join(dir, "no-such-indexer"), PAGEFIND_EXTENDED_BINARY_PATH: undefined },
    });
    try {
      const deadline = performance.now() + 30_000;
      while (!/The search index was not updated/.test(server.output()) && performance.now() < deadline) await sleep(50);
      assert.match(
        server.output(),
        /\[search\] The search index was not updated, so search shows the pages as they were: Pagefind could not start/,
      );
      assert.ok(server.running(), "the server keeps serving");
      assert.ok(existsSync(path.join(dir, "_site", "index.html")));
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
