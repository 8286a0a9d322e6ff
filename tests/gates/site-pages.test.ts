import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { describe, it } from "node:test";
import { listSitePages, sitemapLocations } from "../../lib/gates/site-pages.ts";
import { writeFixtureSite } from "../helpers/fixture-site.ts";

const sitemap = (...urls: string[]) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((url) => `<url><loc>${url}</loc></url>`).join("")}</urlset>`;

describe("the pages a gate visits", () => {
  it("reads sitemap <loc>s, decoding XML entities", () => {
    assert.deepEqual(
      sitemapLocations(sitemap("https://example.gov.uk/a/", "https://example.gov.uk/search/?q=a&amp;b")),
      ["https://example.gov.uk/a/", "https://example.gov.uk/search/?q=a&b"],
    );
  });

  it("uses the sitemap when the site has one, under the prefix, adding 404.html", () => {
    const site = writeFixtureSite({
      "index.html": "",
      "listed/index.html": "",
      "unlisted/index.html": "",
      "404.html": "",
      "sitemap.xml": sitemap("https://defra.github.io/manual/", "https://defra.github.io/manual/listed/"),
    });
    try {
      const pages = listSitePages(site, "/manual/");
      assert.equal(pages.source, "sitemap.xml");
      assert.deepEqual(pages.urls, ["/manual/", "/manual/listed/", "/manual/404.html"]);
      assert.deepEqual(pages.problems, []);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it("reports sitemap entries the site does not serve under its prefix", () => {
    const site = writeFixtureSite({
      "index.html": "",
      "sitemap.xml": sitemap("https://defra.github.io/manual/gone/", "https://defra.github.io/elsewhere/"),
    });
    try {
      const { problems } = listSitePages(site, "/manual/");
      assert.deepEqual(
        problems.map((problem) => problem.message),
        [
          "lists https://defra.github.io/manual/gone/, which the built site does not serve under /manual/",
          "lists https://defra.github.io/elsewhere/, which the built site does not serve under /manual/",
        ],
      );
      assert.equal(problems[0].file, "/manual/sitemap.xml");
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it("walks every HTML file when there is no sitemap", () => {
    const site = writeFixtureSite({
      "index.html": "",
      "a/index.html": "",
      "a/b c/index.html": "",
      "404.html": "",
      "a/notes.txt": "",
    });
    try {
      const pages = listSitePages(site, "/");
      assert.equal(pages.source, "HTML files");
      assert.deepEqual(pages.urls, ["/404.html", "/a/b%20c/", "/a/", "/"]);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});
