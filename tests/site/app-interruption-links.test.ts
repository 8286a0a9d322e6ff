import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { appInterruptionTarget, interruptionPageUrl } from "../../lib/model/interruption-pages.ts";
import { buildInProcess, readPage, testOutputDir } from "../helpers/built-site.ts";
import { CHECK_FIXTURE_DATA, checkContent } from "../helpers/check-content.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

// Pages copied from the Defra app sometimes link straight to the app's own interruption page, naming
// the internal service in its query string; a static site has no code there to read it.
const ROOM = "https://rooms.example/book?floor=2&desk=14";
const NOTES = "https://notes.example/team";
const viaApp = (target: string) => `/interruption-card?targetUrl=${encodeURIComponent(target)}`;

describe("reading a link to the Defra app's interruption page", () => {
  it("gives the web address named in its targetUrl, decoded", () => {
    assert.equal(appInterruptionTarget(viaApp(ROOM)), ROOM);
    assert.equal(appInterruptionTarget(` /interruption-card/?targetUrl=${encodeURIComponent(NOTES)}`), NOTES);
  });

  it("gives nothing for other links, a missing target or one that is not a web address", () => {
    assert.equal(appInterruptionTarget("/interruption-cards?targetUrl=https%3A%2F%2Fa.example"), undefined);
    assert.equal(appInterruptionTarget("/interruption-card"), undefined);
    assert.equal(appInterruptionTarget("/interruption-card?other=1"), undefined);
    assert.equal(appInterruptionTarget(viaApp("javascript:alert(1)")), undefined);
    assert.equal(appInterruptionTarget(viaApp("/somewhere/here")), undefined);
  });
});

describe("links written to the Defra app's interruption page", () => {
  const page = [
    "---",
    "title: Meeting rooms",
    "description: Booking a room.",
    "supportBox:",
    "  title: Ask for help",
    "  items:",
    `    - '<a class="govuk-link" href="${viaApp(NOTES)}">Team notes</a>'`,
    "---",
    "",
    `Book [a desk](${viaApp(ROOM)}).`,
    "",
  ].join("\n");
  let contentDir: string;
  let site: string;
  let buildOutput: string;
  before(async () => {
    contentDir = makeContentDir("app-interruption-links", { ...CHECK_FIXTURE_DATA, "rooms.md": page });
    site = path.join(testOutputDir, "app-interruption-links-site");
    const result = await buildInProcess({ CONTENT_DIR: contentDir, OUTPUT_DIR: site, PATH_PREFIX: "/manual/" });
    assert.equal(result.code, 0, result.stderr);
    buildOutput = result.stdout + result.stderr;
  });

  it("lead to this site's page for the target, from the body and from the support box, under the prefix", () => {
    const $ = readPage(site, "/rooms/");
    assert.equal($("main a:contains('a desk')").attr("href"), `/manual${interruptionPageUrl(ROOM)}`);
    assert.equal($(".app-support-box a:contains('Team notes')").attr("href"), `/manual${interruptionPageUrl(NOTES)}`);
    assert.equal($("a[href*='interruption-card']").length, 0);
  });

  it("each get a page that continues to the target", () => {
    for (const target of [ROOM, NOTES]) {
      const $ = readPage(site, interruptionPageUrl(target));
      assert.equal($("a.govuk-button").attr("href"), target);
    }
  });

  it("are not reported by the build or the check as a path the app served from its code", async () => {
    assert.doesNotMatch(buildOutput, /interruption-card/);
    const check = await checkContent(contentDir);
    assert.doesNotMatch(check.stdout, /interruption-card/);
    assert.equal(check.code, 0, check.stdout);
  });

  it("still count as the app's path when no web address is named", async () => {
    const dir = makeContentDir("app-interruption-links-bad", {
      ...CHECK_FIXTURE_DATA,
      "rooms.md": "---\ntitle: Rooms\n---\n\nBook [a desk](/interruption-card?targetUrl=javascript%3Aalert(1)).\n",
    });
    const check = await checkContent(dir);
    assert.match(check.stdout, /rooms\.md:5: warning: .*the Defra app served \/interruption-card from its code/);
  });
});
