import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import type { SourcePage } from "../../lib/content/load-content.ts";
import { SiteData } from "../../lib/content/site-data.ts";
import { createMarkdown } from "../../lib/markdown/govuk-markdown.ts";
import { feed, generatedPages, interruptions, isSiteFileUrl, sitemapEntries } from "../../lib/model/generated-pages.ts";
import { interruptionPageUrl } from "../../lib/model/interruption-pages.ts";
import { loadSiteData } from "../../lib/content/site-data.ts";
import { logoDiagnostics, markedLinks, navigationBarFor } from "../../lib/model/site-chrome.ts";
import { buildSiteModel } from "../../lib/model/site-model.ts";

const site = (settings: Record<string, unknown> = {}) =>
  SiteData.parse({
    organisationName: "Ministry of Examples",
    serviceName: "Example manual",
    url: "https://manual.example",
    navigation: [
      { text: "Guides", href: "/guides" },
      { text: "Home", href: "/" },
    ],
    serviceNavigation: [{ text: "Help", href: "/help/" }],
    ...settings,
  });

const source = (url: string, frontMatter: Record<string, unknown>): SourcePage => ({
  file: `content${url === "/" ? "/index" : url.replace(/\/$/, "")}.md`,
  url,
  frontMatter: { title: url, ...frontMatter } as SourcePage["frontMatter"],
  body: "Some words.",
  bodyLine: 3,
  locate: () => ({ file: `content${url}index.md` }),
});

const model = (sources: SourcePage[], settings?: Record<string, unknown>) =>
  buildSiteModel(sources, site(settings), createMarkdown(), { today: new Date("2026-01-01") }).model;

const GUIDES = [
  source("/", { title: "Home" }),
  source("/guides/", { title: "Guides" }),
  source("/guides/writing/", { title: "Writing well" }),
  source("/help/", { title: "Help" }),
];

describe("which navigation bar a page shows", () => {
  it("shows the main navigation when the site asks, even over the page's own links, as the Defra manual does", () => {
    const bar = navigationBarFor({ url: "/a/", customNav: [{ text: "Own", href: "/own/" }] }, site());
    assert.equal(bar.label, "Main navigation");
    assert.deepEqual(
      bar.items.map((item) => item.text),
      ["Guides", "Home"],
    );
  });

  it("shows the page's own links when the main navigation is off, else the site's service navigation", () => {
    const off = site({ showMainNavigation: false });
    const own = navigationBarFor({ url: "/a/", customNav: [{ text: "Own", href: "/own/" }] }, off);
    assert.deepEqual([own.label, own.items.map((item) => item.text)], ["Service navigation", ["Own"]]);
    const fallback = navigationBarFor({ url: "/a/", customNav: [] }, off);
    assert.deepEqual([fallback.label, fallback.items.map((item) => item.text)], ["Service navigation", ["Help"]]);
    const pageSaysMain = navigationBarFor({ url: "/a/", showMainNavigation: true }, off);
    assert.equal(pageSaysMain.label, "Main navigation");
  });

  it("marks a section's link on the pages under it, and the home link only on the home page", () => {
    const links = [
      { text: "Home", href: "/" },
      { text: "Guides", href: "/guides/" },
      { text: "Guidance", href: "/guidance/" },
    ];
    const marks = (url: string) =>
      markedLinks(links, url).map((link) => `${link.text}:${link.current ? "current" : link.active ? "active" : "-"}`);
    assert.deepEqual(marks("/"), ["Home:current", "Guides:-", "Guidance:-"]);
    assert.deepEqual(marks("/guides/"), ["Home:-", "Guides:current", "Guidance:-"]);
    assert.deepEqual(marks("/guides/writing/"), ["Home:-", "Guides:active", "Guidance:-"]);
  });

  it("gives every page the header's service name, and hides only the bar with hideServiceNavigation", () => {
    const built = model([
      ...GUIDES,
      source("/campaign/", { title: "Campaign", headerServiceName: "Campaign kit", headerServiceUrl: "/campaign" }),
      source("/quiet/", { title: "Quiet", hideServiceNavigation: true }),
    ]);
    const campaign = built.byUrl.get("/campaign/")!.serviceNavigation;
    assert.deepEqual([campaign.serviceName, campaign.serviceUrl], ["Campaign kit", "/campaign/"]);
    const quiet = built.byUrl.get("/quiet/")!.serviceNavigation;
    assert.deepEqual(quiet, { serviceName: "Example manual", serviceUrl: "/" });
    const writing = built.byUrl.get("/guides/writing/")!.serviceNavigation.navigation!;
    assert.deepEqual(
      writing.items.map((item) => [item.href, item.active]),
      [
        ["/guides/", true],
        ["/", false],
      ],
      "site navigation hrefs take the pages' canonical form, so /guides marks the pages under /guides/",
    );
  });
});

describe("breadcrumbs", () => {
  it("follows the URL's ancestry when the site gives no trail", () => {
    const crumbs = model(GUIDES).byUrl.get("/guides/writing/")!.breadcrumbs;
    assert.deepEqual(crumbs, [
      { text: "Home", href: "/" },
      { text: "Guides", href: "/guides/" },
    ]);
  });

  it("puts the site's trail before the page's title, or a section page's sectionTitle, with canonical hrefs", () => {
    const trail = [
      { text: "Digital Example", href: "/" },
      { text: "The guides", href: "/guides" },
    ];
    const built = model(
      [
        ...GUIDES,
        source("/guides/section/", { title: "A section page", layout: "section", sectionTitle: "Section name" }),
        source("/guides/own/", { title: "Own", breadcrumbs: [{ text: "Just this", href: "/help" }] }),
      ],
      { breadcrumbTrail: trail },
    );
    assert.deepEqual(built.byUrl.get("/guides/writing/")!.breadcrumbs, [
      { text: "Digital Example", href: "/" },
      { text: "The guides", href: "/guides/" },
      { text: "Writing well" },
    ]);
    assert.deepEqual(built.byUrl.get("/guides/section/")!.breadcrumbs.at(-1), { text: "Section name" });
    assert.deepEqual(built.byUrl.get("/guides/own/")!.breadcrumbs, [{ text: "Just this", href: "/help/" }]);
    assert.deepEqual(built.byUrl.get("/")!.breadcrumbs, [], "the home page has no trail back to itself");
  });
});

describe("interruption pages", () => {
  const sharepoint = "https://team.sharepoint.example/sites/plans";
  const wiki = "https://wiki.intranet.example/page";
  const linking = [
    { url: "/a/", title: "A", internalLinkTargets: [sharepoint, wiki, sharepoint] },
    { url: "/b/", title: "B", internalLinkTargets: [wiki] },
    { url: "/c/", title: "C" },
  ];

  it("makes one page per target, leading back to the one page linking to it, or else home", () => {
    const pages = interruptions(linking);
    assert.equal(pages.length, 2);
    const byTarget = new Map(pages.map((page) => [page.interruption.target, page]));
    assert.equal(byTarget.get(sharepoint)!.url, interruptionPageUrl(sharepoint));
    assert.deepEqual(byTarget.get(sharepoint)!.interruption.back, { text: "Back", href: "/a/" });
    assert.deepEqual(byTarget.get(wiki)!.interruption.back, { text: "Back to the home page", href: "/" });
  });

  it("gives each page the site's chrome, noindex and no breadcrumbs, and keeps them out of the sitemap and feed", () => {
    const built = model(GUIDES);
    assert.deepEqual(built.generated.interruptions, [], "no page links to an internal service");
    const withLinks = {
      ...built,
      pages: built.pages.map((page, index) => (index === 0 ? { ...page, ...linking[0] } : page)),
    };
    const generated = interruptions(withLinks.pages);
    assert.equal(generated.length, 2);
    const urls = new Set(generated.map((page) => page.url));
    assert.ok(sitemapEntries(withLinks, [], "/").every((entry) => !urls.has(new URL(entry.loc).pathname)));
    assert.ok(feed(withLinks, "/").entries.every((entry) => !urls.has(new URL(entry.url).pathname)));
    assert.ok(isSiteFileUrl(interruptionPageUrl(sharepoint)), "content may not take an interruption page's URL");
  });

  it("are generated pages with their views, for the site files", () => {
    const built = model(GUIDES);
    const pages = built.pages.map((page) =>
      page.url === "/guides/" ? { ...page, internalLinkTargets: [wiki] } : page,
    );
    const generated = generatedPages({ ...built, pages }, built.pages[0].site, {
      pathPrefix: "/",
      searchBundlePages: 500,
    });
    const [view] = generated.interruptions;
    assert.equal(view.url, interruptionPageUrl(wiki));
    assert.equal(view.title, "You are going to an internal service");
    assert.equal(view.noindex, true);
    assert.deepEqual(view.breadcrumbs, []);
    assert.deepEqual(view.interruption, { target: wiki, back: { text: "Back", href: "/guides/" } });
    assert.equal(view.serviceNavigation.navigation?.label, "Main navigation");
  });
});

describe("the header's logo", () => {
  const contentRoot = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "site-chrome-"));
    mkdirSync(path.join(dir, "_data"));
    mkdirSync(path.join(dir, "public", "images"), { recursive: true });
    writeFileSync(path.join(dir, "public", "images", "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    return dir;
  };
  const check = async (src: string) => {
    const dir = contentRoot();
    const siteJson = path.join(dir, "_data", "site.json");
    writeFileSync(siteJson, `{\n  "organisationName": "Ministry",\n  "logo": {\n    "src": "${src}"\n  }\n}\n`);
    // The lines as the build has them: loadSiteData reads site.json once, for the settings and their lines.
    const { lineOf } = await loadSiteData(siteJson, dir);
    return logoDiagnostics({ logo: { src, alt: "" } }, dir, { file: "content/_data/site.json", lineOf });
  };

  it("accepts an image in content/public", async () => {
    assert.deepEqual(await check("/public/images/logo.svg"), []);
  });

  it("names site.json's line and field when the image is missing or not a published file", async () => {
    const [missing] = await check("/public/images/missing.svg");
    assert.deepEqual(
      { ...missing, message: undefined },
      { severity: "error", file: "content/_data/site.json", line: 4, field: "logo.src", message: undefined },
    );
    assert.match(missing.message, /is not in content\/public\/.*public\/images\/missing\.svg/);
    const [outside] = await check("/images/logo.svg");
    assert.equal(outside.line, 4);
    assert.match(outside.message, /from \/public\//);
    const [climbing] = await check("/public/../_data/site.json");
    assert.match(climbing.message, /without `\.` or `\.\.`/);
  });

  it("is no problem when the site has no logo", async () => {
    assert.deepEqual(await logoDiagnostics({}, "/nowhere", { file: "site.json", lineOf: () => undefined }), []);
  });
});
