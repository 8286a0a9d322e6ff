import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redirectsFor } from "../../lib/model/redirects.ts";
import { isSiteFileUrl, siteFileUrlReason } from "../../lib/model/generated-pages.ts";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

const page = (url: string, redirectFrom?: string[]) => ({
  url,
  file: `content${url}index.md`,
  title: url,
  redirectFrom,
  locate: (fieldPath: ReadonlyArray<string | number>) => ({
    file: `content${url}index.md`,
    line: fieldPath[0] === "redirectFrom" ? 5 + Number(fieldPath[1] ?? 0) : undefined,
  }),
});

describe("redirectsFor", () => {
  it("publishes each old path of a page, folder-style paths as folders and .html paths as files", () => {
    const { redirects, diagnostics } = redirectsFor(
      [page("/new/", ["/old", "/older/", "/oldest.html"])],
      isSiteFileUrl,
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      redirects.map((redirect) => [redirect.from, redirect.to]),
      [
        ["/old/", "/new/"],
        ["/older/", "/new/"],
        ["/oldest.html", "/new/"],
      ],
    );
  });

  it("refuses an old path that a page still has, that two pages claim, or that the site uses, naming file, line and field", () => {
    const { redirects, diagnostics } = redirectsFor(
      [page("/a/", ["/b/", "/shared/"]), page("/b/"), page("/c/", ["/shared", "/search/"])],
      isSiteFileUrl,
    );
    assert.deepEqual(
      redirects.map((redirect) => redirect.from),
      ["/shared/"],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.field, d.message]),
      [
        [
          "content/a/index.md",
          5,
          "redirectFrom.0",
          "/b/ is still the address of content/b/index.md: remove it from redirectFrom",
        ],
        [
          "content/c/index.md",
          5,
          "redirectFrom.0",
          "/shared/ is already redirected to /a/ by content/a/index.md (line 6): keep it in one page only",
        ],
        [
          "content/a/index.md",
          6,
          "redirectFrom.1",
          "/shared/ is also claimed by content/c/index.md (line 5), which redirects it to /c/: keep it in one page only",
        ],
        [
          "content/c/index.md",
          6,
          "redirectFrom.1",
          "/search/ is where the site publishes its own pages and files: it cannot redirect",
        ],
      ],
    );
  });

  it("refuses a content page at an address the site publishes its own page at", () => {
    const { diagnostics } = redirectsFor([page("/tags/"), page("/a-to-z/"), page("/guides/")], isSiteFileUrl);
    assert.deepEqual(
      diagnostics.map((d) => d.file),
      ["content/tags/index.md", "content/a-to-z/index.md"],
    );
  });

  it("takes /x/index.html as /x/, so a page's own file or another's claim of it is refused", () => {
    const { redirects, diagnostics } = redirectsFor(
      [page("/", ["/index.html"]), page("/x/"), page("/y/", ["/x/index.html", "/z/index.html"]), page("/w/", ["/z/"])],
      isSiteFileUrl,
    );
    assert.deepEqual(
      redirects.map((redirect) => [redirect.from, redirect.to]),
      [["/z/", "/y/"]],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.field, d.message]),
      [
        [
          "content/index.md",
          5,
          "redirectFrom.0",
          "/index.html (the same as /) is still the address of this page: remove it from redirectFrom",
        ],
        [
          "content/y/index.md",
          5,
          "redirectFrom.0",
          "/x/index.html (the same as /x/) is still the address of content/x/index.md: remove it from redirectFrom",
        ],
        [
          "content/w/index.md",
          5,
          "redirectFrom.0",
          "/z/ is already redirected to /y/ by content/y/index.md (line 6): keep it in one page only",
        ],
        [
          "content/y/index.md",
          6,
          "redirectFrom.1",
          "/z/ is also claimed by content/w/index.md (line 5), which redirects it to /w/: keep it in one page only",
        ],
      ],
    );
  });

  it("refuses the site's own folders and files, and paths that would need a folder where the site writes a file", () => {
    const paths = [
      "/assets/js/application.js",
      "/assets",
      "/pagefind/",
      "/pagefind-3/pagefind-entry.json",
      "/public/report.pdf",
      "/search/index.html",
      "/sitemap.xml",
      "/404.html/x/",
      "/tags/fish/",
    ];
    const { redirects, diagnostics } = redirectsFor(
      [page("/new/", [...paths, "/assets-old/", "/pagefinder/"])],
      siteFileUrlReason,
    );
    assert.deepEqual(
      redirects.map((redirect) => redirect.from),
      ["/assets-old/", "/pagefinder/"],
    );
    assert.deepEqual(
      diagnostics.map((d) => d.field),
      paths.map((_, index) => `redirectFrom.${index}`),
    );
    for (const [index, d] of diagnostics.entries())
      assert.match(
        d.message,
        new RegExp(`^${paths[index].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is .*: it cannot redirect$`),
      );
    assert.match(
      diagnostics[0].message,
      /is where the site publishes its own pages and files \(\/assets\/ holds the site's stylesheets, scripts and images\)/,
    );
    assert.match(diagnostics[6].message, /\/sitemap\.xml is where the site publishes its own/);
  });

  it("uses the reason the site gives for its own URL", () => {
    const { diagnostics } = redirectsFor([page("/new/", ["/search"])], (url) =>
      url === "/search/" ? "/search/ is the site's search page" : undefined,
    );
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      [
        "/search is where the site publishes its own pages and files (/search/ is the site's search page): it cannot redirect",
      ],
    );
  });
});

describe("old addresses other tools gave a page, through the loader and the model", () => {
  it("publishes a permalink as a redirect, and names both files and lines when two pages claim one address", async () => {
    const dir = makeContentDir("redirects-other-tools", {
      "guides/new.md": "---\ntitle: New\npermalink: /old/\n---\n\nText.\n",
      "guides/other.md":
        "---\ntitle: Other\ndescription: Another page.\naliases:\n  - Other name\n  - /old/\n---\n\nText.\n",
      "guides/kept.md": "---\ntitle: Kept\nslug: was-here\n---\n\nText.\n",
    });
    const { model, diagnostics } = await collectSiteModel(
      projectRoot,
      dir,
      undefined,
      readSettings({ CONTENT_DIR: dir }),
    );
    assert.deepEqual(
      model.redirects.map((redirect) => [redirect.from, redirect.to]),
      [
        ["/guides/was-here/", "/guides/kept/"],
        ["/old/", "/guides/new/"],
      ],
    );
    const errors = diagnostics.filter((d) => d.severity === "error");
    assert.deepEqual(
      errors.map((d) => [d.file, d.line, d.field, d.message]),
      [
        [
          shown(dir, "guides/new.md"),
          3,
          "redirectFrom.0",
          `/old/ is also claimed by ${shown(dir, "guides/other.md")} (line 6), which redirects it to /guides/other/: keep it in one page only`,
        ],
        [
          shown(dir, "guides/other.md"),
          6,
          "redirectFrom.0",
          `/old/ is already redirected to /guides/new/ by ${shown(dir, "guides/new.md")} (line 3): keep it in one page only`,
        ],
      ],
    );
    assert.deepEqual(model.byUrl.get("/guides/other/")?.title, "Other");
  });
});
