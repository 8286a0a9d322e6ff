import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { readToolsData } from "../../lib/content/tools-data.ts";
import type { Diagnostic } from "../../lib/diagnostics.ts";
import { collectSiteModel } from "../../lib/model/load-site-model.ts";
import type { SiteModel } from "../../lib/model/site-model.ts";
import { readSettings } from "../../lib/settings.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

const TOOLS_FILE = path.join("_data", "tools.yaml");

/** A tool page's Markdown: `layout: tool` with the given extra front matter lines. */
const toolPage = (title: string, extra: string) =>
  `---\ntitle: ${title}\nlayout: tool\n${extra}\n---\n\nAbout ${title}.\n`;

const tool = (slug: string, title: string, category: string, status: string) =>
  `  - slug: ${slug}\n    title: ${title}\n    category: ${category}\n    status: ${status}\n`;

/** The model and diagnostics of a content folder made of these files (path → text). */
async function modelOf(
  name: string,
  files: Record<string, string>,
): Promise<{ model: SiteModel; diagnostics: Diagnostic[]; dir: string }> {
  const dir = makeContentDir(`tools-radar-${name}`, { "index.md": "---\ntitle: Home\n---\n\nHome.\n", ...files });
  const settings = readSettings({ CONTENT_DIR: shown(dir, ""), SITE_TODAY: "2026-01-15" });
  return { ...(await collectSiteModel(projectRoot, dir, undefined, settings)), dir };
}

/** The diagnostics about one file, as `line field: message` (or `field: message`) strings. */
const about = (diagnostics: Diagnostic[], file: string) =>
  diagnostics
    .filter((diagnostic) => diagnostic.file === file)
    .map((d) => ({ severity: d.severity, line: d.line, field: d.field, message: d.message }));

describe("reading content/_data/tools.yaml", () => {
  const read = (text: string) => readToolsData("content/_data/tools.yaml", new TextEncoder().encode(text));

  it("reads each tool with the line it starts on", () => {
    const { tools, diagnostics } = read(
      `# The radar\ntools:\n${tool("rope-ladder", "Rope Ladder", "framework", "trialling")}${tool("kettle", "Kettle", "assistant", "using")}`,
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(tools?.tools, [
      { slug: "rope-ladder", title: "Rope Ladder", category: "framework", status: "trialling", line: 3 },
      { slug: "kettle", title: "Kettle", category: "assistant", status: "using", line: 7 },
    ]);
  });

  it("names the line and field of an unknown status or category, with the nearest one", () => {
    const { tools, diagnostics } = read(
      `tools:\n${tool("kettle", "Kettle", "assistant", "trailling")}${tool("loom", "Loom", "plattform", "using")}`,
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.line, d.field, d.message]),
      [
        [
          "error",
          5,
          "tools.0.status",
          'expected one of `using`, `trialling`, `exploring`, found "trailling" (did you mean `trialling`?)',
        ],
        [
          "error",
          8,
          "tools.1.category",
          'expected one of `assistant`, `platform`, `framework`, `extension`, found "plattform" (did you mean `platform`?)',
        ],
      ],
    );
    assert.deepEqual(tools?.tools, [], "an entry with an error is left out");
    assert.deepEqual(tools?.invalidSlugs, ["kettle", "loom"]);
  });

  it("names a missing field at its tool's line, and a duplicate slug at the second one's line", () => {
    const { tools, diagnostics } = read(
      `tools:\n  - slug: kettle\n    title: Kettle\n    status: using\n${tool("loom", "Loom", "platform", "using")}${tool("loom", "Loom again", "platform", "exploring")}`,
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.line, d.field]),
      [
        ["error", 2, "tools.0.category"],
        ["error", 9, "tools.2.slug"],
      ],
    );
    assert.equal(diagnostics[0].message, "is required: each tool has a `slug`, `title`, `category` and `status`");
    assert.match(diagnostics[1].message, /"loom" is listed twice \(first on line 5\)/);
    assert.deepEqual(
      tools?.tools.map((entry) => entry.title),
      ["Loom"],
    );
  });

  it("warns of a field it does not read, suggesting the one meant", () => {
    const { diagnostics } = read(`tools:\n${tool("kettle", "Kettle", "assistant", "using")}    catgory: assistant\n`);
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.line, d.field, d.message]),
      [["warning", 6, "tools.0.catgory", "is not a field a tool has, so it is ignored (did you mean `category`?)"]],
    );
  });

  it("reports YAML that does not parse, and a file without a list of tools, as errors with a line", () => {
    const broken = read("tools:\n  - slug: kettle\n   title: [Kettle\n");
    assert.equal(broken.tools, undefined);
    assert.equal(broken.diagnostics[0].severity, "error");
    assert.match(broken.diagnostics[0].message, /^is not valid YAML/);
    assert.ok(broken.diagnostics[0].line! >= 2);
    const empty = read("tools: []\n");
    assert.deepEqual(
      empty.diagnostics.map((d) => [d.severity, d.line, d.field]),
      [["error", 1, "tools"]],
    );
    const none = read("# nothing yet\n");
    assert.deepEqual(
      none.diagnostics.map((d) => [d.severity, d.field]),
      [["error", "tools"]],
    );
  });
});

describe("the tools radar", () => {
  it("numbers every tool page in status order, then by title, with its page's URL", async () => {
    const { model, diagnostics, dir } = await modelOf("sorted", {
      [TOOLS_FILE]: `tools:\n${tool("weather-vane", "Weather Vane", "platform", "exploring")}${tool("kettle", "Kettle", "assistant", "trialling")}${tool("abacus", "Abacus", "framework", "exploring")}${tool("loom", "Loom", "extension", "using")}`,
      "kit/vane.md": toolPage("Vane page", "toolSlug: weather-vane"),
      "kit/kettle.md": toolPage("Kettle", "toolSlug: kettle"),
      "kit/abacus.md": toolPage("Abacus", "toolSlug: abacus"),
      "other/loom.md": toolPage("Loom", "toolSlug: loom"),
      "kit/index.md": "---\ntitle: All the tools\nlayout: radar-table\n---\n\nThe list.\n",
      "kit/picture.md": "---\ntitle: Picture\nlayout: radar-diagram\n---\n\nThe picture.\n",
    });
    assert.deepEqual(
      diagnostics.filter((d) => d.severity !== "info"),
      [],
      JSON.stringify(diagnostics),
    );
    const radar = model.byUrl.get("/kit/")!.toolsRadar!;
    assert.deepEqual(
      radar.rows.map((row) => [row.number, row.title, row.status, row.href]),
      [
        [1, "Loom", "using", "/other/loom/"],
        [2, "Kettle", "trialling", "/kit/kettle/"],
        [3, "Abacus", "exploring", "/kit/abacus/"],
        [4, "Weather Vane", "exploring", "/kit/vane/"],
      ],
    );
    assert.deepEqual(
      radar.rowsByStatus.map((group) => [group.label, group.start, group.rows.map((row) => row.number)]),
      [
        ["Using", 1, [1]],
        ["Trialling", 2, [2]],
        ["Exploring", 3, [3, 4]],
      ],
    );
    assert.equal(radar.tableHref, "/kit/");
    assert.equal(radar.diagramHref, "/kit/picture/");
    assert.deepEqual(
      radar.statuses.map((status) => [status.label, status.tagColour, status.description]),
      [
        ["Using", "green", "Used by teams across Defra today."],
        ["Trialling", "blue", "Being trialled with some teams before wider use."],
        ["Exploring", "grey", "Being looked at. Not yet a recommendation either way."],
      ],
    );
    for (const url of ["/kit/", "/kit/picture/", "/kit/kettle/"])
      assert.equal(model.byUrl.get(url)!.toolsRadar, radar, `${url} shares the one radar`);
    assert.equal(model.byUrl.get("/")!.toolsRadar, undefined);
    assert.ok(dir);
  });

  it("places blips as the Defra app does: spread across the quadrant on the ring's middle radius", async () => {
    const { model } = await modelOf("blips", {
      [TOOLS_FILE]: `tools:\n${tool("kettle", "Kettle", "assistant", "using")}${tool("abacus", "Abacus", "platform", "exploring")}${tool("bellows", "Bellows", "platform", "exploring")}`,
      "kettle.md": toolPage("Kettle", "toolSlug: kettle"),
      "abacus.md": toolPage("Abacus", "toolSlug: abacus"),
      "bellows.md": toolPage("Bellows", "toolSlug: bellows"),
    });
    const radar = model.byUrl.get("/kettle/")!.toolsRadar!;
    const at = (angle: number, radius: number) => {
      const radians = (angle * Math.PI) / 180;
      return [
        Math.round((300 + radius * Math.cos(radians)) * 10) / 10,
        Math.round((300 + radius * Math.sin(radians)) * 10) / 10,
      ];
    };
    // Assistant is the quarter from 270 to 360 degrees (top right); Platform from 0 to 90 (bottom right).
    assert.deepEqual(
      radar.blips.map((blip) => [blip.number, blip.title, blip.colour, [blip.x, blip.y]]),
      [
        [1, "Kettle", "#00703c", at(315, 70)],
        [2, "Abacus", "#505a5f", at(30, 242)],
        [3, "Bellows", "#505a5f", at(60, 242)],
      ],
    );
    assert.deepEqual(radar.geometry, { size: 600, centre: 300, ringBoundaries: [110, 200, 285] });
  });

  it("takes status, category and title from tools.yaml first, and from the page for a tool the file does not list", async () => {
    const { model, diagnostics, dir } = await modelOf("merged", {
      [TOOLS_FILE]: `tools:\n${tool("kettle", "Kettle Pro", "assistant", "using")}`,
      "kettle.md": toolPage("Kettle page", "toolSlug: kettle\nstatus: exploring"),
      "loom.md": toolPage("Loom", "toolSlug: loom\nstatus: trialling\ncategory: framework"),
    });
    const radar = model.byUrl.get("/loom/")!.toolsRadar!;
    assert.deepEqual(
      radar.rows.map((row) => [row.title, row.status, row.category]),
      [
        ["Kettle Pro", "using", "assistant"],
        ["Loom", "trialling", "framework"],
      ],
    );
    assert.deepEqual(about(diagnostics, shown(dir, "kettle.md")), [
      {
        severity: "warning",
        line: 5,
        field: "status",
        message: `is "exploring" but ${shown(dir, TOOLS_FILE)} (line 2) says "using", which the radar shows: change one so they agree`,
      },
    ]);
    const view = model.byUrl.get("/loom/")!.tool!;
    assert.equal(view.statusLabel, "Trialling");
    assert.equal(view.categoryLabel, "Framework");
    assert.deepEqual(
      view.navigation.groups.map((group) => [group.title, group.items.map((item) => [item.text, item.current])]),
      [
        ["Using", [["Kettle Pro", false]]],
        ["Trialling", [["Loom", true]]],
      ],
    );
  });

  it("is an error for a listed tool without a page, or a tool page that nothing places, each at its line", async () => {
    const { model, diagnostics, dir } = await modelOf("unplaced", {
      [TOOLS_FILE]: `tools:\n${tool("kettle", "Kettle", "assistant", "using")}${tool("ghost", "Ghost", "platform", "exploring")}`,
      "kettle.md": toolPage("Kettle", "toolSlug: kettle"),
      "loom.md": toolPage("Loom", "toolSlug: loom\ncategory: framework"),
      "later/kettle.md": toolPage("Kettle again", "toolSlug: kettle"),
      "plain.md": toolPage("Plain", "caption: No slug"),
      "elsewhere.md": "---\ntitle: Elsewhere\ntoolSlug: kettle\n---\n\nNot a tool page.\n",
    });
    assert.deepEqual(
      about(diagnostics, shown(dir, TOOLS_FILE)).map((d) => [d.severity, d.line, d.field]),
      [["error", 6, "tools.1.slug"]],
    );
    assert.match(
      about(diagnostics, shown(dir, TOOLS_FILE))[0].message,
      /no page has `toolSlug: ghost`, so "Ghost" would be a dead link/,
    );
    const loom = about(diagnostics, shown(dir, "loom.md"));
    assert.deepEqual(
      loom.map((d) => [d.severity, d.line, d.field]),
      [["error", 4, "toolSlug"]],
    );
    assert.match(loom[0].message, /"loom" is not listed in .*tools\.yaml and the page gives no `status`/);
    const again = about(diagnostics, shown(dir, "later/kettle.md"));
    assert.deepEqual(
      again.map((d) => [d.severity, d.line, d.field]),
      [["error", 4, "toolSlug"]],
    );
    assert.match(again[0].message, /is also the toolSlug of .*kettle\.md/);
    assert.deepEqual(
      about(diagnostics, shown(dir, "plain.md")).map((d) => [d.severity, d.line, d.field]),
      [["warning", 3, "layout"]],
    );
    assert.deepEqual(
      about(diagnostics, shown(dir, "elsewhere.md")).map((d) => [d.severity, d.line, d.field]),
      [["warning", 3, "toolSlug"]],
    );
    assert.deepEqual(
      model.byUrl.get("/kettle/")!.toolsRadar!.rows.map((row) => row.href),
      ["/kettle/"],
    );
    assert.equal(
      model.byUrl.get("/later/kettle/")!.tool,
      undefined,
      "the page later in URL order is not the tool's page",
    );
  });

  it("does not also report the page of a tool whose entry has an error of its own", async () => {
    const { diagnostics, dir } = await modelOf("invalid-entry", {
      [TOOLS_FILE]: `tools:\n${tool("kettle", "Kettle", "assistant", "usng")}`,
      "kettle.md": toolPage("Kettle", "toolSlug: kettle"),
    });
    assert.deepEqual(about(diagnostics, shown(dir, "kettle.md")), []);
    assert.deepEqual(
      about(diagnostics, shown(dir, TOOLS_FILE)).map((d) => [d.severity, d.line, d.field]),
      [["error", 5, "tools.0.status"]],
    );
  });

  it("places tool pages from their own front matter when the site has no tools.yaml, and warns of a radar with no tools", async () => {
    const placed = await modelOf("no-file", {
      "loom.md": toolPage("Loom", "toolSlug: loom\nstatus: using\ncategory: extension"),
    });
    assert.deepEqual(
      placed.diagnostics.filter((d) => d.severity !== "info"),
      [],
    );
    assert.equal(placed.model.byUrl.get("/loom/")!.tool!.number, 1);
    const empty = await modelOf("no-tools", {
      "radar.md": "---\ntitle: Radar\nlayout: radar-table\n---\n\nNothing yet.\n",
    });
    assert.deepEqual(
      about(empty.diagnostics, shown(empty.dir, "radar.md")).map((d) => [d.severity, d.line, d.field]),
      [["warning", 3, "layout"]],
    );
    assert.equal(empty.model.byUrl.get("/radar/")!.toolsRadar, undefined);
  });
});
