import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { createDevSiteModel } from "../../lib/eleventy/dev-site-model.ts";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import { interruptionPageUrl } from "../../lib/model/interruption-pages.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir } from "../helpers/content-dir.ts";

const sections = "## Apply\n\nText\n\n## Pay\n\nText\n\n## Wait\n\nText\n";
const pages = {
  "long.md": `---\ntitle: Long page\n---\n\nSee [the team site](https://hub.intranet.example.org/team).\n\n${sections}`,
  "own.md": `---\ntitle: Own contents\n---\n\n## Contents\n\n- [Apply](#apply)\n- [Pay](#pay)\n\n${sections}`,
  "styled.md": `---\ntitle: Styled\ncontents: true\n---\n\nIntro\n\n<p style="margin: 0">Tight</p>\n\n${sections}`,
};

/** A content folder with these pages and site.json's settings changed. */
function contentDir(name: string, site: Record<string, unknown>): string {
  const dir = makeContentDir(name, pages);
  const file = path.join(dir, "_data", "site.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), ...site }, null, 2));
  return dir;
}

const page = (model: Awaited<ReturnType<typeof collectSiteModel>>["model"], url: string) => {
  const view = model.byUrl.get(url);
  assert.ok(view, `no page at ${url}`);
  return view;
};

describe("the site's Markdown settings reach every page", () => {
  it("adds contents lists as `auto` says, lists internal link targets and names style attributes by file and line", async () => {
    const dir = contentDir("site-markdown-auto", { internalDomains: ["intranet.example.org"] });
    const { model, diagnostics } = await collectSiteModel(projectRoot, dir);
    const long = page(model, "/long/");
    assert.deepEqual(
      long.contents?.map((entry) => entry.text),
      ["Apply", "Pay", "Wait"],
    );
    assert.deepEqual(long.internalLinkTargets, ["https://hub.intranet.example.org/team"]);
    assert.ok(long.bodyHtml.includes(`href="${interruptionPageUrl("https://hub.intranet.example.org/team")}"`));
    assert.equal(page(model, "/own/").contents, undefined);
    assert.deepEqual(page(model, "/own/").internalLinkTargets, []);
    // Front matter's `contents: true` wins.
    assert.ok(page(model, "/styled/").contents);
    const styled = diagnostics.find((diagnostic) => diagnostic.file.endsWith("styled.md"));
    assert.equal(styled?.severity, "warning");
    assert.equal(styled?.line, 8);
    assert.match(styled?.message ?? "", /Content Security Policy/);
  });

  it("adds no contents list with `off` unless front matter asks, and sizes headings from headingsStartWith", async () => {
    const dir = contentDir("site-markdown-off", { markdown: { contents: "off", headingsStartWith: "xl" } });
    const { model } = await collectSiteModel(projectRoot, dir);
    assert.equal(page(model, "/long/").contents, undefined);
    assert.ok(page(model, "/styled/").contents);
    assert.match(page(model, "/long/").bodyHtml, /<h2 class="govuk-heading-l" id="apply">/);
    // No internal domains: the link is left as written.
    assert.deepEqual(page(model, "/long/").internalLinkTargets, []);
  });

  it("renders with site.json's new settings on the dev server's next build", async () => {
    const dir = contentDir("site-markdown-dev", {});
    const devModel = createDevSiteModel(dir, (reuse) => collectSiteModel(projectRoot, dir, reuse), projectRoot);
    const first = await devModel.load();
    assert.match(page(first.model, "/long/").bodyHtml, /<h2 class="govuk-heading-m" id="apply">/);
    devModel.buildFinished();
    const siteJson = path.join(dir, "_data", "site.json");
    const site = JSON.parse(readFileSync(siteJson, "utf8"));
    writeFileSync(
      siteJson,
      JSON.stringify({ ...site, internalDomains: ["intranet.example.org"], markdown: { headingsStartWith: "xl" } }),
    );
    devModel.noteChanges([siteJson]);
    const second = await devModel.load();
    const long = page(second.model, "/long/");
    assert.match(long.bodyHtml, /<h2 class="govuk-heading-l" id="apply">/);
    assert.deepEqual(long.internalLinkTargets, ["https://hub.intranet.example.org/team"]);
  });
});
