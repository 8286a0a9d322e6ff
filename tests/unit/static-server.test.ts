import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { startStaticServer } from "../../lib/static-server.ts";
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
