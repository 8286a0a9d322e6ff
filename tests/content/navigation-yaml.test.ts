import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../lib/diagnostics.ts";
import { loadContent } from "../../lib/content/load-content.ts";
import { loadNavigationData } from "../../lib/content/navigation-data.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { makeContentDir, shown } from "../helpers/content-dir.ts";

const page = (frontMatter: string) => `---\n${frontMatter}\n---\n\nSome words.\n`;

/** A content folder with the given files and no navigation.json unless one is given. */
function contentWith(name: string, files: Record<string, string>): string {
  const dir = makeContentDir(`navigation-yaml-${name}`, files);
  if (!("_data/navigation.json" in files)) rmSync(path.join(dir, "_data", "navigation.json"));
  return dir;
}

// The named form: each list under its own name, groups for a side navigation, links for a header one.
const NAMED = `# Lists pages name in front matter
nav-gardening:
  - title: In this section
    items:
      - text: Gardening
        href: /gardening/
  - title: Jobs by season
    items:
      - text: Pruning
        href: /gardening/pruning/
nav-allotment-links:
  - text: Allotments
    href: /allotments/
  - text: Waiting list
    href: /allotments/waiting-list/
`;

const errorsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.severity === "error");

describe("content/_data/navigation.yaml", () => {
  it("takes lists under their own names: sectionNav names a list of groups, customNav a list of links", async () => {
    const dir = contentWith("named", {
      "_data/navigation.yaml": NAMED,
      "gardening.md": page("title: Gardening\nlayout: section\nsectionNav: nav-gardening\ncustomNav: nav-allotment-links"),
    });
    const { pages, diagnostics } = await loadContent(dir, projectRoot);
    assert.deepEqual(errorsOf(diagnostics), []);
    const gardening = pages.find((each) => each.url === "/gardening/")!;
    assert.equal(gardening.frontMatter.sectionNav?.[1].title, "Jobs by season");
    assert.deepEqual(gardening.frontMatter.sectionNav?.[1].items, [{ text: "Pruning", href: "/gardening/pruning/" }]);
    assert.deepEqual(
      gardening.frontMatter.customNav?.map((link) => link.text),
      ["Allotments", "Waiting list"],
    );
  });

  it("still reads the keyed form, with lists under sectionNav and customNav as in navigation.json", async () => {
    const dir = contentWith("keyed", {
      "_data/navigation.yaml": "sectionNav:\n  orchard:\n    - items:\n        - text: Apples\n          href: /apples/\ncustomNav:\n  top:\n    - text: Pears\n      href: /pears/\n",
      "apples.md": page("title: Apples\nlayout: section\nsectionNav: orchard\ncustomNav: top"),
    });
    const { pages, diagnostics } = await loadContent(dir, projectRoot);
    assert.deepEqual(errorsOf(diagnostics), []);
    const apples = pages.find((each) => each.url === "/apples/")!;
    assert.equal(apples.frontMatter.sectionNav?.[0].items[0].text, "Apples");
    assert.equal(apples.frontMatter.customNav?.[0].href, "/pears/");
  });

  it("reads navigation.json beside it, and names both files when a name is in each", async () => {
    const dir = contentWith("both-files", {
      "_data/navigation.json": '{\n  "sectionNav": {\n    "nav-gardening": [{ "items": [{ "text": "Sheds", "href": "/sheds/" }] }],\n    "sheds": [{ "items": [{ "text": "Sheds", "href": "/sheds/" }] }]\n  }\n}\n',
      "_data/navigation.yaml": NAMED,
      "sheds.md": page("title: Sheds\nlayout: section\nsectionNav: sheds"),
    });
    const { pages, diagnostics } = await loadContent(dir, projectRoot);
    const sheds = pages.find((each) => each.url === "/sheds/")!;
    assert.equal(sheds.frontMatter.sectionNav?.[0].items[0].text, "Sheds", "a list from the JSON file is found");
    const twice = errorsOf(diagnostics);
    assert.equal(twice.length, 1, JSON.stringify(diagnostics));
    assert.deepEqual([twice[0].file, twice[0].line, twice[0].field], [shown(dir, "_data/navigation.yaml"), 2, "nav-gardening"]);
    assert.match(twice[0].message, new RegExp(`is also a navigation list in ${shown(dir, "_data/navigation.json").replace(/[.]/g, "\\.")} line 3`));
  });

  it("names the page's file, line and field, the navigation file and the nearest name for a name it does not have", async () => {
    const dir = contentWith("unknown-name", {
      "_data/navigation.yaml": NAMED,
      "beds.md": page("title: Raised beds\nlayout: section\nsectionNav: nav-gardenning"),
    });
    const { diagnostics } = await loadContent(dir, projectRoot);
    const [error] = errorsOf(diagnostics);
    assert.deepEqual([error.file, error.line, error.field], [shown(dir, "beds.md"), 4, "sectionNav"]);
    assert.match(error.message, /no `sectionNav` list called "nav-gardenning" in .*_data\/navigation\.yaml \(did you mean `nav-gardening`\?\)/);
  });

  it("says which field takes a list when a page names one of the other shape", async () => {
    const dir = contentWith("wrong-shape", {
      "_data/navigation.yaml": NAMED,
      "plots.md": page("title: Plots\nlayout: section\nsectionNav: nav-allotment-links\ncustomNav: nav-gardening"),
    });
    const { diagnostics } = await loadContent(dir, projectRoot);
    const errors = errorsOf(diagnostics);
    assert.deepEqual(
      errors.map((error) => [error.line, error.field]),
      [
        [4, "sectionNav"],
        [5, "customNav"],
      ],
    );
    assert.match(errors[0].message, /names "nav-allotment-links" in .*navigation\.yaml, which is a list of links, which `customNav` takes; `sectionNav` takes a list of groups/);
    assert.match(errors[1].message, /which is a section navigation \(groups of links\), which `sectionNav` takes; `customNav` takes a list of links/);
  });

  it("reports each problem in the file at its line and field", async () => {
    const dir = contentWith("problems", {
      "_data/navigation.yaml": [
        "nav-ok:",
        "  - text: Fine",
        "    href: /fine/",
        "nav-no-href:",
        "  - title: Tools",
        "    items:",
        "      - text: Spades",
        "nav-word: just some words",
        "sectonNav:",
        "  greenhouse: []",
        "nav-unsafe:",
        "  - text: Click",
        "    href: javascript:alert(1)",
      ].join("\n"),
      "shed.md": page("title: Shed\nlayout: section\nsectionNav: nav-no-href"),
    });
    const { diagnostics } = await loadContent(dir, projectRoot);
    const yamlFile = shown(dir, "_data/navigation.yaml");
    const inFile = errorsOf(diagnostics).filter((diagnostic) => diagnostic.file === yamlFile);
    assert.deepEqual(
      inFile.map((diagnostic) => [diagnostic.line, diagnostic.field]),
      [
        [7, "nav-no-href.0.items.0.href"],
        [8, "nav-word"],
        [9, "sectonNav"],
        [13, "nav-unsafe.0.href"],
      ],
    );
    assert.match(inFile[2].message, /did you mean `sectionNav`, which holds lists by name\?/);
    // The page is told its list has problems of its own, not that the list does not exist.
    const pageError = errorsOf(diagnostics).find((diagnostic) => diagnostic.file === shown(dir, "shed.md"));
    assert.match(pageError!.message, /names "nav-no-href" in .*navigation\.yaml, which cannot be used until the errors reported in it are fixed/);
  });

  it("gives the line of a YAML syntax error, and reads a file of comments as no lists", async () => {
    const broken = contentWith("syntax", { "_data/navigation.yaml": "nav-a:\n  - text: A\n    href: /a/\n  nav-b: [\n" });
    const { diagnostics } = await loadNavigationData(broken, projectRoot);
    assert.ok(diagnostics.length > 0);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.file, shown(broken, "_data/navigation.yaml"));
      assert.ok(diagnostic.line! >= 4, `at the line of the mistake: ${JSON.stringify(diagnostic)}`);
      assert.match(diagnostic.message, /^is not valid YAML: /);
    }

    const comments = contentWith("comments-only", { "_data/navigation.yaml": "# Lists will go here\n" });
    const loaded = await loadNavigationData(comments, projectRoot);
    assert.deepEqual(loaded.diagnostics, []);
    assert.deepEqual(loaded.navigation, { sectionNav: {}, customNav: {} });
  });

  it("names the file that holds the lists in messages, or both when there is neither", async () => {
    const neither = contentWith("neither", { "a.md": page("title: A\nlayout: section\nsectionNav: somewhere") });
    const { diagnostics } = await loadContent(neither, projectRoot);
    assert.match(errorsOf(diagnostics)[0].message, /in .*_data\/navigation\.yaml or .*_data\/navigation\.json; it has no `sectionNav` lists yet$/);
  });
});
