import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { load } from "cheerio";
import { generateCorpus, writeCorpus, type Corpus } from "../../bench/corpus.ts";
import type { ContentPage } from "../../bench/dev-server.ts";
import { buildInProcess, projectRoot, testOutputDir } from "../helpers/built-site.ts";
import { startDevServerInProcess, type InProcessDevServer } from "../helpers/dev-server-tests.ts";
import { leftOutOfFastRun } from "../helpers/fast-run.ts";

let dir: string;
let corpus: Corpus;
let server: InProcessDevServer;
let edited: ContentPage;
const contentDir = () => path.join(dir, "content");
const serverProject = path.join(testOutputDir, "dev-server-project");
const servedHtml = (url: string) => path.join(dir, "_site", url, "index.html");
const modified = async (urls: string[]) =>
  new Map(await Promise.all(urls.map(async (url) => [url, (await stat(servedHtml(url))).mtimeMs] as const)));

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "service-manual-dev-server-"));
  // Enough sections for pages to be deleted, moved and broken beside a folder that is renamed.
  corpus = generateCorpus({ pages: 12, seed: 9 });
  await writeCorpus(contentDir(), corpus);
  const file = [...corpus.files.keys()].find((name) => name.endsWith(".md") && !name.endsWith("index.md"))!;
  edited = { file, url: `/${file.replace(/\.md$/, "/")}` };
  // A project of its own (the real code, a copy of the layouts), so a test can save a layout. At the same
  // path every run, because the stylesheet is kept by project folder: a new folder would compile it again.
  await rm(serverProject, { recursive: true, force: true });
  await mkdir(serverProject, { recursive: true });
  for (const name of ["lib", "assets", "node_modules", "package.json", "package-lock.json"])
    await symlink(path.join(projectRoot, name), path.join(serverProject, name));
  await cp(path.join(projectRoot, "layouts"), path.join(serverProject, "layouts"), { recursive: true });
  // In this process: these tests are about what the dev server writes, not about starting it.
  server = await startDevServerInProcess({
    contentDir: contentDir(),
    outputDir: path.join(dir, "_site"),
    projectRoot: serverProject,
  });
});
after(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the dev server after a save", () => {
  it("rewrites the saved page and leaves every other page's HTML alone, and the site's own pages too", async () => {
    const others = corpus.urls.filter((url) => url !== edited.url);
    // A body edit changes none of what these list: titles, descriptions, tags, addresses.
    const siteFiles = ["/a-to-z/", "/search/", "/tags/"];
    const before = await modified([...others, ...siteFiles]);
    await server.save(edited, "a body edit");
    assert.deepEqual(await modified([...others, ...siteFiles]), before);
  });

  it("draws the A to Z again when a save changes a title it lists, and still serves every site file", async () => {
    const file = path.join(contentDir(), edited.file);
    const text = await readFile(file, "utf8");
    const title = `Retitled by the dev server test ${Date.now()}`;
    await writeFile(file, text.replace(/^title: .*$/m, `title: ${title}`));
    await eventually(async () =>
      (await readFile(servedHtml("/a-to-z/"), "utf8")).includes(title) ? undefined : "the A to Z lacks the new title",
    );
    for (const url of ["/search/", "/tags/", "/404.html", "/sitemap.xml"])
      assert.ok(
        await stat(url.endsWith("/") ? servedHtml(url) : path.join(dir, "_site", url)),
        `${url} is still there`,
      );
  });

  it("writes the page exactly as a full build does", async () => {
    const built = path.join(dir, "built");
    const build = await buildInProcess({ CONTENT_DIR: contentDir(), OUTPUT_DIR: built });
    assert.equal(build.code, 0, build.stderr);
    assert.equal(
      await readFile(servedHtml(edited.url), "utf8"),
      await readFile(path.join(built, edited.url, "index.html"), "utf8"),
    );
  });

  it("renders every page again after a layout is saved, and again once it is put back", async () => {
    const layout = path.join(serverProject, "layouts", "base.njk");
    const original = await readFile(layout, "utf8");
    const marker = `<!-- saved by the dev server test ${Date.now()} -->`;
    const everyPageHas = async (present: boolean) => {
      for (const url of corpus.urls) {
        const page = (await readFile(servedHtml(url), "utf8").catch(() => "")).includes(marker);
        if (page !== present) return `${url} ${present ? "lacks" : "still has"} the layout's change`;
      }
      return undefined;
    };
    await writeFile(layout, original.replace("{% block bodyEnd %}", `{% block bodyEnd %}\n${marker}`));
    try {
      await eventually(() => everyPageHas(true));
    } finally {
      await writeFile(layout, original);
    }
    await eventually(() => everyPageHas(false));
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits for the dev server's next builds to bring its output to a state: a delete or a move is not a save the helper can watch for. */
async function eventually(check: () => Promise<string | undefined>, limitMs = 60_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  let problem: string | undefined;
  while ((problem = await check()) !== undefined) {
    if (performance.now() > deadline) assert.fail(`after ${limitMs / 1000} s: ${problem}`);
    await sleep(50);
  }
}
const html = (url: string) => readFile(servedHtml(url), "utf8").catch(() => undefined);
const exists = async (url: string) => (await html(url)) !== undefined;
const links = async (url: string, selector: string) => {
  const page = await html(url);
  return page === undefined
    ? []
    : load(page)(selector)
        .map((_, link) => load(link)("a").attr("href") ?? "")
        .get();
};
/** The pages a section page lists as its children, and every page the A to Z lists. */
const childLinks = (url: string) => links(url, ".app-child-list a");
const aToZLinks = () => links("/a-to-z/", "main a[href^='/']");
const urlOf = (file: string) =>
  `/${file.replace(/(?:^|\/)index\.md$|\.md$/, "/").replace(/^\/+/, "")}`.replace(/\/+/g, "/");
const parentOf = (url: string) => url.replace(/[^/]+\/$/, "");

describe("the dev server after pages are deleted, moved or broken", () => {
  const skip = leftOutOfFastRun("waits on the dev server to rebuild after each of several moves and breakages");
  const pageFiles = () => [...corpus.files.keys()].filter((name) => name.endsWith(".md"));
  const sections = () =>
    pageFiles()
      .filter((name) => name.endsWith("/index.md"))
      .map((name) => path.dirname(name));
  // The deepest section holds no other section, so renaming it moves only its own pages.
  const renamedFolder = () => sections().sort((a, b) => b.split("/").length - a.split("/").length)[0];
  const leaves = () =>
    pageFiles().filter(
      (name) =>
        !name.endsWith("index.md") &&
        name !== edited.file &&
        !name.startsWith(`${renamedFolder()}/`) &&
        sections().includes(path.dirname(name)),
    );

  it("stops serving a deleted page, and its section and the A to Z stop listing it", { skip }, async () => {
    const file = leaves()[0];
    const url = urlOf(file);
    assert.ok(
      (await exists(url)) && (await childLinks(parentOf(url))).includes(url) && (await aToZLinks()).includes(url),
      `${url} is published and listed to begin with`,
    );
    await rm(path.join(contentDir(), file));
    await eventually(async () => {
      if (await exists(url)) return `${url} is still in the output folder`;
      if ((await childLinks(parentOf(url))).includes(url)) return `${parentOf(url)} still lists ${url}`;
      if ((await aToZLinks()).includes(url)) return `the A to Z still lists ${url}`;
    });
  });

  it("serves a page moved to another folder at its new URL only, listed in its new section", { skip }, async () => {
    const file = leaves()[1];
    const url = urlOf(file);
    const folder = sections().find((section) => section !== path.dirname(file) && section !== renamedFolder())!;
    const movedUrl = urlOf(`${folder}/${path.basename(file)}`);
    await rename(path.join(contentDir(), file), path.join(contentDir(), folder, path.basename(file)));
    await eventually(async () => {
      if (await exists(url)) return `${url} is still in the output folder`;
      if (!(await exists(movedUrl))) return `${movedUrl} is not written`;
      if ((await childLinks(parentOf(url))).includes(url)) return `${parentOf(url)} still lists ${url}`;
      if (!(await childLinks(parentOf(movedUrl))).includes(movedUrl))
        return `${parentOf(movedUrl)} does not list ${movedUrl}`;
      const aToZ = await aToZLinks();
      if (aToZ.includes(url) || !aToZ.includes(movedUrl)) return `the A to Z lists ${url} rather than ${movedUrl}`;
    });
  });

  it("serves the pages of a renamed folder at their new URLs only", { skip }, async () => {
    const folder = renamedFolder();
    const renamed = `${folder}-renamed`;
    const urls = pageFiles()
      .filter((name) => name.startsWith(`${folder}/`))
      .map(urlOf);
    const renamedUrls = urls.map((url) => url.replace(urlOf(`${folder}/index.md`), urlOf(`${renamed}/index.md`)));
    assert.ok(urls.length > 1, `${folder} holds pages`);
    await rename(path.join(contentDir(), folder), path.join(contentDir(), renamed));
    await eventually(async () => {
      for (const url of urls) if (await exists(url)) return `${url} is still in the output folder`;
      for (const url of renamedUrls) if (!(await exists(url))) return `${url} is not written`;
      const aToZ = await aToZLinks();
      if (urls.some((url) => aToZ.includes(url)) || !renamedUrls.every((url) => aToZ.includes(url)))
        return "the A to Z lists the folder's old URLs";
      const parent = parentOf(urlOf(`${folder}/index.md`));
      const listed = await childLinks(parent);
      if (listed.includes(urlOf(`${folder}/index.md`)) || !listed.includes(urlOf(`${renamed}/index.md`)))
        return `${parent} lists the folder under its old name`;
    });
  });

  it(
    "keeps other pages updating while one page is broken, serves the errors at its URL, and the page again once fixed",
    { skip },
    async () => {
      const file = leaves()[2];
      const url = urlOf(file);
      const source = path.join(contentDir(), file);
      const good = await readFile(source, "utf8");
      await writeFile(source, good.replace(/^title: .*$/m, "title: [an unclosed <list>"));
      const shown = path.relative(projectRoot, source);
      const message = new RegExp(`${shown.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: error: `);
      await eventually(async () => {
        const page = await html(url);
        if (!page || !load(page)(".govuk-error-summary").length) return `${url} shows no error summary`;
        if (!message.test(load(page)(".govuk-error-summary__list").text()))
          return `${url} does not list "${shown}:<line>: error: …"`;
      });
      // Another page's save is served while the broken one stays broken.
      await server.save(edited, "an edit while another page is broken");
      // Read again until whole: the save's build may still be writing the page when the helper returns.
      await eventually(
        async () =>
          message.test(load((await html(url)) ?? "")(".govuk-error-summary__list").text())
            ? undefined
            : `${url} no longer shows its errors`,
        10_000,
      );
      await writeFile(source, good);
      const title = /^title: (.*)$/m.exec(good)![1].trim();
      await eventually(async () => {
        const page = load((await html(url)) ?? "");
        if (page(".govuk-error-summary").length) return `${url} still shows the error page`;
        if (page("h1").first().text().trim() !== title) return `${url} does not show its title "${title}"`;
      });
    },
  );
});
