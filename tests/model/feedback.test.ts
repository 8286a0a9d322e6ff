import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { loadSiteData, SiteData } from "../../lib/content/site-data.ts";
import { bannersFor, inSection } from "../../lib/model/banners.ts";
import { feedbackFor, reportLink } from "../../lib/model/feedback.ts";
import { linkPreviewFor } from "../../lib/model/link-preview.ts";
import { webManifest } from "../../lib/model/web-manifest.ts";

const site = (extra: object) =>
  SiteData.parse({ organisationName: "Org", serviceName: "Garden manual", url: "https://gardens.example", ...extra });
const page = { title: "Pots & pans #1", absoluteUrl: "https://gardens.example/manual/pots/?a=1" };

describe("feedback links", () => {
  it("opens a new GitHub issue naming the page's title and full address, every value percent-encoded", () => {
    const view = feedbackFor(page, site({ repository: { url: "https://github.com/org/garden/" }, feedback: {} }))!;
    const url = new URL(view.reportUrl);
    assert.equal(url.origin + url.pathname, "https://github.com/org/garden/issues/new");
    assert.equal(url.searchParams.get("title"), "Problem with the page “Pots & pans #1”");
    assert.match(
      url.searchParams.get("body")!,
      /^Page: Pots & pans #1\nAddress: https:\/\/gardens\.example\/manual\/pots\/\?a=1\n/,
    );
    // & # ? and spaces inside a value never end it early or read as another parameter.
    assert.deepEqual([...url.searchParams.keys()], ["title", "body"]);
    assert.doesNotMatch(view.reportUrl, /[ #"<>]|\+/);
    assert.equal(view.channel, "github");
    assert.equal(view.useful, undefined, "the useful question is off unless asked for");
  });

  it("writes an email instead when site.json gives one, with %20 for spaces as mailto: needs", () => {
    const view = feedbackFor(
      page,
      site({ repository: { url: "https://github.com/org/garden" }, feedback: { email: "team@gardens.example" } }),
    )!;
    assert.match(view.reportUrl, /^mailto:team@gardens\.example\?subject=Problem%20with%20the%20page%20/);
    assert.doesNotMatch(view.reportUrl, /\+/);
    const body = decodeURIComponent(/[?&]body=([^&]*)/.exec(view.reportUrl)![1]);
    assert.match(body, /Address: https:\/\/gardens\.example\/manual\/pots\/\?a=1/);
    assert.equal(view.channel, "email");
  });

  it("asks whether the page is useful with a Yes and a No report, each naming the page", () => {
    const view = feedbackFor(
      page,
      site({ repository: { url: "https://github.com/org/garden" }, feedback: { pageUseful: true } }),
    )!;
    const title = (href: string) => new URL(href).searchParams.get("title");
    assert.equal(title(view.useful!.yesUrl), "Useful: “Pots & pans #1”");
    assert.equal(title(view.useful!.noUrl), "Not useful: “Pots & pans #1”");
    assert.equal(title(view.generalUrl), "Feedback on Garden manual");
  });

  it("gives no links without a feedback setting, or with nowhere to send them", () => {
    assert.equal(feedbackFor(page, site({ repository: { url: "https://github.com/org/garden" } })), undefined);
    assert.equal(feedbackFor(page, site({ feedback: {} })), undefined);
    assert.equal(reportLink(site({}), "a", "b"), undefined);
  });

  it("reports a feedback setting with nowhere to send reports at its line in site.json, and a bad email", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "feedback-site-"));
    const file = path.join(dir, "site.json");
    writeFileSync(
      file,
      `{\n  "organisationName": "Org",\n  "serviceName": "S",\n  "url": "https://gardens.example",\n  "feedback": { "pageUseful": true }\n}\n`,
    );
    const nowhere = await loadSiteData(file, dir);
    assert.deepEqual(
      nowhere.diagnostics.map(({ severity, file, line, field }) => ({ severity, file, line, field })),
      [{ severity: "error", file: "site.json", line: 5, field: "feedback" }],
    );
    writeFileSync(
      file,
      `{\n  "organisationName": "Org",\n  "serviceName": "S",\n  "url": "https://gardens.example",\n  "feedback": { "email": "not an address" }\n}\n`,
    );
    const badEmail = await loadSiteData(file, dir);
    assert.equal(badEmail.diagnostics[0]?.field, "feedback.email");
    assert.equal(badEmail.diagnostics[0]?.line, 5);
    assert.match(badEmail.diagnostics[0]?.message ?? "", /email address/);
  });
});

describe("banners", () => {
  const banner = { notificationBanner: { html: '<p class="govuk-body">Planting week.</p>', section: "/beds" } };

  it("shows the notification banner only under its section, with or without the section's trailing slash", () => {
    assert.equal(inSection("/beds/", "/beds"), true);
    assert.equal(inSection("/beds/raised/", "/beds/"), true);
    assert.equal(inSection("/bedside/", "/beds"), false);
    assert.equal(inSection("/anything/", undefined), true);
    assert.equal(bannersFor({ url: "/pots/" }, site(banner), undefined).notification, undefined);
    assert.equal(bannersFor({ url: "/beds/raised/" }, site(banner), undefined).notification?.titleText, "Important");
  });

  it("gives the banner's heading an id no heading on the page has", () => {
    const headingIds = ["site-notification-banner-title", "site-notification-banner-title-2"];
    const view = bannersFor({ url: "/beds/", headingIds }, site(banner), undefined);
    assert.equal(view.notification?.titleId, "site-notification-banner-title-3");
  });

  it("refuses an h1 and a script in the banner's HTML", () => {
    const parsed = (html: string) => SiteData.safeParse({ ...site({}), notificationBanner: { html } });
    assert.equal(parsed("<h1>Big news</h1>").success, false);
    assert.equal(parsed("<script>alert(1)</script>").success, false);
    assert.equal(parsed('<h2 class="govuk-heading-m">News</h2>').success, true);
  });

  it("names the phase as the tag shows it, with the feedback link", () => {
    assert.deepEqual(bannersFor({ url: "/" }, site({ phase: "alpha" }), "mailto:a@b.example").phase, {
      tag: "Alpha",
      feedbackUrl: "mailto:a@b.example",
    });
    assert.equal(bannersFor({ url: "/" }, site({}), undefined).phase, undefined);
  });
});

describe("link previews and the manifest", () => {
  it("gives absolute URLs under the path prefix, and a large card only with an image", () => {
    const withImage = site({ openGraphImage: { src: "/public/share.png", alt: "A walled garden" } });
    const preview = linkPreviewFor({ url: "/beds/", title: "Beds", isContentPage: true }, withImage, "/manual/");
    assert.equal(preview.url, "https://gardens.example/manual/beds/");
    assert.deepEqual(preview.image, { url: "https://gardens.example/manual/public/share.png", alt: "A walled garden" });
    assert.equal(preview.twitterCard, "summary_large_image");
    assert.equal(preview.type, "article");
    const home = linkPreviewFor({ url: "/", title: "Home", isContentPage: true }, site({}), "/");
    assert.equal(home.type, "website");
    assert.equal(home.twitterCard, "summary");
  });

  it("writes the manifest's start page and icon relative to itself, so they hold under any prefix", () => {
    const manifest = webManifest(site({}));
    for (const prefix of ["https://gardens.example/", "https://gardens.example/manual/"]) {
      const manifestUrl = new URL("manifest.webmanifest", prefix);
      assert.equal(new URL(manifest.start_url, manifestUrl).href, prefix);
      assert.equal(new URL(manifest.icons[0].src, manifestUrl).href, `${prefix}assets/images/app-icon.svg`);
    }
    assert.equal(manifest.name, "Garden manual");
  });
});
