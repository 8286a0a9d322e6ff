import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import {
  DEV_SERVER_ONLY_MARK,
  listReadablePages,
  listSitePages,
  sitemapLocations,
} from "../../lib/gates/site-pages.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { fixturePage, writeFixtureSite } from "../helpers/fixture-site.ts";

const template = (name: string) => readFileSync(path.join(projectRoot, "layouts/site-files", name), "utf8");

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

describe("the pages a reader can open, which the accessibility gate visits", () => {
  // The redirect page's own meta line, so the stub here is the one the build writes.
  const refresh = template("redirect.njk")
    .split("\n")
    .find((line) => line.includes("http-equiv"))!
    .replace("{{ view.redirect.to }}", "/manual/listed/");

  it("is every HTML file, those the sitemap leaves out too, but no redirect stub or dev server page", () => {
    const site = writeFixtureSite({
      "index.html": fixturePage("Home", ""),
      "listed/index.html": fixturePage("Listed", ""),
      "search/index.html": fixturePage("Search", "", `<meta name="robots" content="noindex">`),
      "listed/print/index.html": fixturePage("Listed, to print", ""),
      "interruption/0123abcd/index.html": fixturePage("You are leaving", ""),
      "404.html": fixturePage("Page not found", ""),
      "old-name/index.html": fixturePage("Listed has moved", "", refresh),
      "draft/index.html": fixturePage("This page could not be built", "", DEV_SERVER_ONLY_MARK),
      "listed/notes.txt": "",
      "sitemap.xml": sitemap("https://defra.github.io/manual/", "https://defra.github.io/manual/listed/"),
    });
    try {
      const pages = listReadablePages(site, "/manual/");
      assert.equal(pages.source, "the built HTML files");
      assert.deepEqual(pages.urls, [
        "/manual/404.html",
        "/manual/",
        "/manual/interruption/0123abcd/",
        "/manual/listed/",
        "/manual/listed/print/",
        "/manual/search/",
      ]);
      assert.deepEqual(pages.leftOut, [
        { url: "/manual/draft/", reason: "dev server only" },
        { url: "/manual/old-name/", reason: "redirect" },
      ]);
      assert.deepEqual(pages.problems, []);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it("still reports sitemap entries the site does not serve", () => {
    const site = writeFixtureSite({
      "index.html": fixturePage("Home", ""),
      "sitemap.xml": sitemap("https://defra.github.io/manual/gone/"),
    });
    try {
      assert.deepEqual(
        listReadablePages(site, "/manual/").problems.map((problem) => problem.message),
        ["lists https://defra.github.io/manual/gone/, which the built site does not serve under /manual/"],
      );
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it("knows the dev server's pages by the mark both of its templates put in the head", () => {
    for (const name of ["dev-error.njk", "dev-findings.njk"]) {
      const head = template(name).match(/{% block head %}([\s\S]*?){% endblock %}/)?.[1] ?? "";
      assert.ok(head.includes("super()") && head.includes(DEV_SERVER_ONLY_MARK), `${name} marks its page in the head`);
    }
  });
});
