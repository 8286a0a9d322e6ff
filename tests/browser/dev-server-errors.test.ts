import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { generateCorpus, writeCorpus } from "../../bench/corpus.ts";
import type { ContentPage } from "../../bench/dev-server.ts";
import { openSharedBrowser, releaseSharedBrowser } from "../helpers/shared-browser.ts";
import { startDevServerInProcess, type InProcessDevServer } from "../helpers/dev-server-tests.ts";

let dir: string;
let server: InProcessDevServer;
let browser: Browser;
let broken: ContentPage;
let other: ContentPage;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "service-manual-dev-errors-"));
  const corpus = generateCorpus({ pages: 6, seed: 4 });
  await writeCorpus(path.join(dir, "content"), corpus);
  const [first, second] = [...corpus.files.keys()].filter((name) => name.endsWith(".md") && !name.endsWith("index.md"));
  broken = { file: first, url: `/${first.replace(/\.md$/, "/")}` };
  other = { file: second, url: `/${second.replace(/\.md$/, "/")}` };
  // npm start's serveSite in this process: the test is about what the browser shows, not about starting
  // the server's own process (the safety tests start that as npm start does).
  server = await startDevServerInProcess({ contentDir: path.join(dir, "content"), outputDir: path.join(dir, "_site") });
  browser = await openSharedBrowser();
});
after(async () => {
  await releaseSharedBrowser();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Waits until the open page, live-reloaded by the dev server, shows what `ready` looks for. */
async function until(page: Page, ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`the browser never showed ${what}:\n${await page.content()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the dev server in the browser while a page is broken", () => {
  it("live-reloads the broken page into a GOV.UK error page naming file and line, then back to the page once fixed", async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}${broken.url}`);
    const file = path.join(dir, "content", broken.file);
    const good = await readFile(file, "utf8");
    await writeFile(file, good.replace(/^title: .*$/m, "title: [unclosed"));
    const summary = page.locator(".govuk-error-summary");
    await until(page, async () => (await summary.count()) > 0, "an error summary");
    assert.match(await page.title(), /could not be built/);
    assert.match(
      await summary.innerText(),
      new RegExp(`${broken.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: error: `),
    );

    // Another page's edit is served while this one is broken.
    await server.save(other, "an edit while another page is broken");
    const otherPage = await browser.newPage();
    await otherPage.goto(`http://127.0.0.1:${server.port}${other.url}`);
    assert.match(await otherPage.content(), /an edit while another page is broken/);

    await writeFile(file, good);
    await until(
      page,
      async () => (await summary.count()) === 0 && (await page.locator("h1").count()) === 1,
      "the fixed page",
    );
    assert.doesNotMatch(await page.title(), /could not be built/);
  });
});
