import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { generateCorpus, writeCorpus, type Corpus } from "../../lib/bench/corpus.ts";
import { startDevServer, type ContentPage, type DevServer } from "../../lib/bench/dev-server.ts";
import { projectRoot } from "../helpers/built-site.ts";

const run = promisify(execFile);
let dir: string;
let corpus: Corpus;
let server: DevServer;
let edited: ContentPage;
const contentDir = () => path.join(dir, "content");
const servedHtml = (url: string) => path.join(dir, "_site", url, "index.html");
const modified = async (urls: string[]) => new Map(await Promise.all(urls.map(async (url) => [url, (await stat(servedHtml(url))).mtimeMs] as const)));

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "service-manual-dev-server-"));
  corpus = generateCorpus({ pages: 30, seed: 9 });
  await writeCorpus(contentDir(), corpus);
  const file = [...corpus.files.keys()].find((name) => name.endsWith(".md") && !name.endsWith("index.md"))!;
  edited = { file, url: `/${file.replace(/\.md$/, "/")}` };
  server = await startDevServer({ projectRoot, contentDir: contentDir(), outputDir: path.join(dir, "_site"), warmUp: edited });
});
after(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the dev server after a save", () => {
  it("rewrites the saved page and leaves every other page's HTML alone", async () => {
    const others = corpus.urls.filter((url) => url !== edited.url);
    const before = await modified(others);
    await server.save(edited, "a body edit");
    assert.deepEqual(await modified(others), before);
  });

  it("writes the page exactly as a full build does", async () => {
    const built = path.join(dir, "built");
    await run(process.execPath, ["--import", "tsx", "scripts/build.ts"], { cwd: projectRoot, env: { ...process.env, CONTENT_DIR: contentDir(), OUTPUT_DIR: built } });
    assert.equal(await readFile(servedHtml(edited.url), "utf8"), await readFile(path.join(built, edited.url, "index.html"), "utf8"));
  });
});
