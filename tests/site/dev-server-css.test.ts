import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";
import { startDevServerInProcess, type InProcessDevServer } from "../helpers/dev-server-tests.ts";

const page = (title: string, body: string) => `---\ntitle: ${title}\nlayout: two-thirds\n---\n\n${body}\n`;
const guide = { file: "guide.md", url: "/guide/" };
const outputDir = path.join(testOutputDir, "dev-server-css", "_site");
let contentDir: string;
let server: InProcessDevServer;

before(async () => {
  contentDir = makeContentDir("dev-server-css", {
    "index.md": page("Home", '<div class="govuk-inset-text">A home page with a note set apart.</div>'),
    [guide.file]: page("A guide", "A guide with no components in it yet."),
  });
  await rm(outputDir, { recursive: true, force: true });
  server = await startDevServerInProcess({ contentDir, outputDir });
});
after(async () => {
  await server?.stop();
});

const css = () => readFile(path.join(outputDir, "assets/css/defra.css"), "utf8").catch(() => "");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the dev server's stylesheet", () => {
  it("gains a GOV.UK Frontend component's styles when a save starts using its classes", async () => {
    assert.doesNotMatch(await css(), /\.govuk-details__summary/);
    assert.match(await css(), /\.govuk-inset-text\b/);
    await writeFile(
      path.join(contentDir, guide.file),
      page(
        "A guide",
        '<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">More</span></summary><div class="govuk-details__text">Hidden until asked for.</div></details>',
      ),
    );
    const deadline = performance.now() + 90_000;
    while (!/\.govuk-details__summary/.test(await css())) {
      assert.ok(server.running(), "the dev server is still running");
      if (performance.now() > deadline) assert.fail("the stylesheet never gained the details component's styles");
      await sleep(100);
    }
    // The home page was not rendered again for the save, yet its component keeps its styles.
    assert.match(await css(), /\.govuk-inset-text\b/);
  });

  it("drops them when a save stops using them", async () => {
    await writeFile(path.join(contentDir, guide.file), page("A guide", "The details are gone again."));
    const deadline = performance.now() + 90_000;
    while (/\.govuk-details__summary/.test(await css())) {
      assert.ok(server.running(), "the dev server is still running");
      if (performance.now() > deadline) assert.fail("the stylesheet kept the details component's styles");
      await sleep(100);
    }
    assert.match(await css(), /\.govuk-inset-text\b/);
  });
});
