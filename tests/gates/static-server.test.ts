import assert from "node:assert/strict";
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { resolveSitePath, startStaticServer } from "../../lib/gates/static-server.ts";
import { writeFixtureSite } from "../helpers/fixture-site.ts";

// What `npm run preview` serves, and what the gates and browser journeys run against.
describe("the static server serves a built site the way GitHub Pages does", () => {
  let siteDir: string;
  let server: { url: string; close: () => Promise<void> };
  const get = (path: string) => fetch(new URL(path, server.url), { redirect: "manual" });

  before(async () => {
    siteDir = writeFixtureSite({
      "index.html": "home page",
      "guide/index.html": "guide page",
      "assets/site.css": "body {}",
      "404.html": "custom not found page",
    });
    server = await startStaticServer(siteDir, "/repo/");
  });
  after(async () => {
    await server.close();
    rmSync(siteDir, { recursive: true, force: true });
  });

  it("serves directory indexes under the prefix, with content types", async () => {
    const home = await get("/repo/");
    assert.equal(home.status, 200);
    assert.equal(await home.text(), "home page");
    assert.equal((await get("/repo/guide/")).status, 200);
    const css = await get("/repo/assets/site.css");
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
  });

  it("redirects a folder without its slash to the folder with one, keeping the query", async () => {
    const response = await get("/repo/guide?x=1");
    assert.equal(response.status, 301);
    assert.equal(response.headers.get("location"), "/repo/guide/?x=1");
    assert.equal((await get("/repo")).headers.get("location"), "/repo/");
  });

  it("answers 404 with the site's 404.html for missing pages, paths outside the prefix and escapes", async () => {
    for (const path of ["/repo/no-such-page/", "/guide/", "/repo/..%2f..%2fetc/passwd", "/repo/%E0%A4%A"]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.equal(await response.text(), "custom not found page", path);
    }
  });
});

// The link checker resolves URLs with the same function, so it reports what the server refuses.
describe("resolving a URL path to a built file", () => {
  let siteDir: string;
  let outside: string;

  before(() => {
    siteDir = writeFixtureSite({ "index.html": "home page", "guide/index.html": "guide page" });
    outside = mkdtempSync(path.join(tmpdir(), "service-manual-outside-"));
    writeFileSync(path.join(outside, "secret.txt"), "secret");
    symlinkSync(path.join(outside, "secret.txt"), path.join(siteDir, "secret.txt"));
    symlinkSync(outside, path.join(siteDir, "elsewhere"));
    symlinkSync(path.join(siteDir, "guide"), path.join(siteDir, "handbook"));
  });
  after(() => {
    rmSync(siteDir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it("finds nothing through a symlink that leads out of the site", () => {
    assert.equal(resolveSitePath(siteDir, "/", "/secret.txt"), undefined);
    assert.equal(resolveSitePath(siteDir, "/", "/elsewhere/secret.txt"), undefined);
  });

  it("follows a symlink that stays inside the site, to its real path", () => {
    assert.deepEqual(resolveSitePath(siteDir, "/", "/handbook/"), {
      file: path.join(realpathSync(siteDir), "guide/index.html"),
    });
  });

  it("finds nothing for NUL, encoded slashes or backslashes, and dot segments", () => {
    for (const url of [
      "/%00",
      "/index.html%00",
      "/guide%2findex.html",
      "/guide%5cindex.html",
      "/%2e%2e/",
      "/guide/../index.html",
    ]) {
      assert.equal(resolveSitePath(siteDir, "/", url), undefined, url);
    }
  });

  it("listens on 127.0.0.1 unless told otherwise", async () => {
    const server = await startStaticServer(siteDir);
    try {
      assert.equal(new URL(server.url).hostname, "127.0.0.1");
    } finally {
      await server.close();
    }
  });
});
