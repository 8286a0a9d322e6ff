import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildInProcess, readPage, testOutputDir } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

const SITE_JSON = JSON.stringify({
  organisationName: "Gardens Office",
  serviceName: "Garden manual",
  url: "https://gardens.example",
  repository: { url: "https://github.com/gardens/manual" },
  openGraphImage: { src: "/public/share.png", alt: "A walled garden in summer" },
});
// A 1 by 1 PNG, so the image the tags name is there to publish.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

describe("link previews and indexing, under a path prefix", () => {
  let site: string;
  before(async () => {
    site = path.join(testOutputDir, "link-preview-site");
    const built = await buildInProcess({
      CONTENT_DIR: makeContentDir("link-preview", {
        "_data/site.json": SITE_JSON,
        "public/share.png": PNG,
        "beds.md":
          "---\ntitle: Raised beds\ndescription: How to build a raised bed.\npublished: 2025-05-01\n---\n\nBeds.\n",
        "compost.md":
          "---\ntitle: Compost trials\ndescription: Notes not ready to be found.\npublished: 2025-06-01\nnoindex: true\n---\n\nUniquewordmulch.\n",
      }),
      OUTPUT_DIR: site,
      PATH_PREFIX: "/manual/",
    });
    assert.equal(built.code, 0, built.stderr);
  });

  const meta = (url: string, key: string) => {
    const $ = readPage(site, url);
    return $(`meta[property="${key}"], meta[name="${key}"]`)
      .map((_, element) => $(element).attr("content"))
      .get();
  };

  it("gives a content page Open Graph and Twitter card tags, every URL absolute under the prefix", () => {
    assert.deepEqual(meta("/beds/", "og:title"), ["Raised beds"]);
    assert.deepEqual(meta("/beds/", "og:description"), ["How to build a raised bed."]);
    assert.deepEqual(meta("/beds/", "og:url"), ["https://gardens.example/manual/beds/"]);
    assert.deepEqual(meta("/beds/", "og:type"), ["article"]);
    assert.deepEqual(meta("/beds/", "og:site_name"), ["Garden manual"]);
    assert.deepEqual(meta("/beds/", "og:image"), ["https://gardens.example/manual/public/share.png"]);
    assert.deepEqual(meta("/beds/", "og:image:alt"), ["A walled garden in summer"]);
    assert.deepEqual(meta("/beds/", "twitter:card"), ["summary_large_image"]);
    assert.equal(
      readPage(site, "/beds/")('link[rel="canonical"]').attr("href"),
      "https://gardens.example/manual/beds/",
    );
    assert.deepEqual(meta("/", "og:type"), ["website"]);
    assert.deepEqual(meta("/a-to-z/", "og:url"), ["https://gardens.example/manual/a-to-z/"]);
  });

  it("marks a noindex page for robots and leaves it out of the sitemap, the feed and the search index", () => {
    assert.deepEqual(meta("/compost/", "robots"), ["noindex"]);
    assert.deepEqual(meta("/beds/", "robots"), []);
    const sitemap = readFileSync(path.join(site, "sitemap.xml"), "utf8");
    assert.match(sitemap, /<loc>https:\/\/gardens\.example\/manual\/beds\/<\/loc>/);
    assert.doesNotMatch(sitemap, /compost/);
    const feed = readFileSync(path.join(site, "feed.xml"), "utf8");
    assert.match(feed, /Raised beds/);
    assert.doesNotMatch(feed, /Compost trials/);
    const entry = JSON.parse(readFileSync(path.join(site, "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    // The home page and the raised beds page; the compost page is published but not searchable.
    assert.equal(entry.languages.en.page_count, 2);
    assert.equal(readPage(site, "/compost/")("h1").text().trim(), "Compost trials");
  });

  it("keeps robots.txt open to the noindex page, which crawlers must fetch to read its noindex", () => {
    const robots = readFileSync(path.join(site, "robots.txt"), "utf8");
    assert.doesNotMatch(robots, /Disallow:\s*\S/);
    assert.match(robots, /Sitemap: https:\/\/gardens\.example\/manual\/sitemap\.xml/);
  });

  it("links the web manifest under the prefix, and the manifest's start page and icon resolve there", () => {
    const href = readPage(site, "/beds/")('link[rel="manifest"]').attr("href");
    assert.equal(href, "/manual/manifest.webmanifest");
    const manifest = JSON.parse(readFileSync(path.join(site, "manifest.webmanifest"), "utf8")) as {
      start_url: string;
      icons: { src: string }[];
    };
    const manifestUrl = new URL(href!, "https://gardens.example");
    assert.equal(new URL(manifest.start_url, manifestUrl).pathname, "/manual/");
    for (const icon of manifest.icons) {
      const iconPath = new URL(icon.src, manifestUrl).pathname;
      assert.ok(iconPath.startsWith("/manual/"), iconPath);
      readFileSync(path.join(site, iconPath.slice("/manual/".length)));
    }
  });
});
