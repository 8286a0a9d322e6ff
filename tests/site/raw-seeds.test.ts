import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildInProcess, readPage, seedsDir, testOutputDir } from "../helpers/built-site.ts";
import { checkContent } from "../helpers/check-content.ts";
import { makeContentDir, printedDiagnostics, shown, type ScriptRun } from "../helpers/content-dir.ts";

// The five source documents, byte for byte as received, each where the site publishes it.
const SEEDS: Record<string, string> = {
  "delivery-groups/follow-delivery-governance/governance-model.md": "000_94e175ca8b55c2d4.txt",
  "product-and-delivery/index.md": "001_51199045d7b34354.txt",
  "playbooks/technology-procurement/organize-government-for-digital-services.md": "002_557da6279c5f44a7.txt",
  "roles/service-owner.md": "003_073764fe0072b80b.txt",
  "related-reading/notes-on-the-service-owner-role.md": "004_18b31f2d11bb9ac1.txt",
};
const PLAYBOOK = "playbooks/technology-procurement/organize-government-for-digital-services.md";
const SERVICE_OWNER = "roles/service-owner.md";
const NOTES = "related-reading/notes-on-the-service-owner-role.md";

// Every warning the raw seeds give: [file, line, field (or "" for the body and the text itself)].
const EXPECTED_WARNINGS: [string, number, string][] = [
  [PLAYBOOK, 2, "layout"],
  [PLAYBOOK, 3, "title"],
  [PLAYBOOK, 4, "subtitle"],
  [PLAYBOOK, 5, "nav-breadcrumbs"],
  [PLAYBOOK, 33, ""],
  [NOTES, 2, "layout"],
  [NOTES, 4, "date"],
  [NOTES, 15, ""],
  [SERVICE_OWNER, 2, "title"],
  [SERVICE_OWNER, 6, "created"],
  [SERVICE_OWNER, 7, "modified"],
  [SERVICE_OWNER, 11, "same"],
  [SERVICE_OWNER, 12, "author"],
  [SERVICE_OWNER, 15, "context"],
  [SERVICE_OWNER, 17, ""],
];

let dir: string;
let output: string;
let build: ScriptRun;

before(async () => {
  dir = makeContentDir(
    "raw-seeds",
    Object.fromEntries(Object.entries(SEEDS).map(([file, seed]) => [file, readFileSync(path.join(seedsDir, seed))])),
  );
  output = path.join(testOutputDir, "content-model", "raw-seeds-site");
  build = await buildInProcess({ CONTENT_DIR: shown(dir, ""), OUTPUT_DIR: output });
});

describe("the five source documents, built exactly as received", () => {
  it("build without errors", () => {
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(
      printedDiagnostics(build.stderr).filter((d) => d.severity === "error"),
      [],
    );
  });

  it("give exactly the expected warnings, each naming file, line and field", () => {
    const warnings = printedDiagnostics(build.stderr).map((d) => [d.file, d.line, d.field ?? ""]);
    const expected = EXPECTED_WARNINGS.map(([file, line, field]) => [shown(dir, file), line, field]);
    assert.deepEqual(warnings.sort(), expected.sort());
  });

  it("report the mojibake at its real line, with what it became", () => {
    const mojibake = printedDiagnostics(build.stderr).find((d) => d.line === 33);
    assert.match(mojibake!.message, /"â€™" to "’"/);
    assert.equal(readFileSync(path.join(seedsDir, SEEDS[PLAYBOOK]), "utf8").split("\n")[32].includes("donâ€™t"), true);
  });

  it("publish every seed as a page", () => {
    for (const file of Object.keys(SEEDS)) {
      const url = `/${file.replace(/(?:index)?\.md$/, "")}`.replace(/([^/])$/, "$1/");
      const $ = readPage(output, url);
      assert.equal($("h1").length, 1, url);
    }
  });

  it("read each dialect: Jekyll subtitle and date, Obsidian source, dates and clipping title", () => {
    const playbook = readPage(output, "/playbooks/technology-procurement/organize-government-for-digital-services/");
    assert.equal(playbook("h1").text(), "Organize government for digital services");
    assert.equal(
      playbook("p.govuk-body-l").text(),
      "Organizational design for delivering successful change through technology.",
    );
    assert.match(playbook("main").text(), /Departments don’t succeed/);
    assert.doesNotMatch(playbook("main").text(), /â€/);
    assert.deepEqual(
      playbook(".govuk-breadcrumbs__link")
        .map((_, a) => playbook(a).attr("href"))
        .get(),
      ["/", "/playbooks/technology-procurement/"],
    );

    const serviceOwner = readPage(output, "/roles/service-owner/");
    assert.equal(serviceOwner("h1").text(), "Service owner");
    assert.equal(serviceOwner("h1").length, 1, "the body's repeated # Service owner is left out");
    const source = serviceOwner(".app-page-source a");
    assert.equal(source.attr("href"), "https://ddat-capability-framework.service.gov.uk/role/service-owner");
    assert.deepEqual(
      serviceOwner(".app-page-history time")
        .map((_, time) => serviceOwner(time).attr("datetime"))
        .get()
        .slice(0, 2),
      ["2024-11-30", "2025-01-01"],
    );

    const notes = readPage(output, "/related-reading/notes-on-the-service-owner-role/");
    assert.equal(notes(".app-page-history time").first().attr("datetime"), "2022-05-30");
    assert.equal(notes("h1").length, 1);
    assert.equal(notes("main h2#a-conclusion-of-sorts").length, 1, "the body's # sections are shown as h2s");
  });
});

describe("the site's own content", () => {
  it("checks with no errors and no warnings: the pages brought in from other tools were imported", async () => {
    const check = await checkContent("content");
    assert.equal(check.code, 0, check.stdout);
    assert.deepEqual(printedDiagnostics(check.stdout), []);
  });
});
