import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { after, describe, it } from "node:test";
import { compileStyles, stopSassWorker } from "../../lib/eleventy/sass.ts";
import {
  componentsAlwaysIn,
  keepParts,
  partDependencies,
  type PartDependencies,
} from "../../lib/eleventy/stylesheet-parts.ts";
import { availableStyles, CONTENT_COMPONENTS, type UsedStyles } from "../../lib/eleventy/used-components.ts";
import { projectRoot } from "../helpers/built-site.ts";

const available = availableStyles(projectRoot);
const styles = (used: Partial<UsedStyles>): UsedStyles => ({
  govuk: [],
  layout: [],
  content: [],
  classes: [],
  ...used,
});

describe("a stylesheet's parts", () => {
  // A stylesheet as Sass writes the whole one: text in no part, and each group's parts after its start marker.
  const whole = [
    ".core{}",
    "/*! stylesheet-part start govuk */",
    ".button{}/*! stylesheet-part govuk/button */",
    ".hint{}/*! stylesheet-part govuk/hint */",
    ".label{}/*! stylesheet-part govuk/label */",
    ".radios{}/*! stylesheet-part govuk/radios */",
    ".utilities{}",
    "/*! stylesheet-part start layout */",
    ".card{}/*! stylesheet-part layout/card */",
    ".meta{}/*! stylesheet-part layout/meta */",
    ".content{}",
    "/*! stylesheet-part start content */",
    ".callout{}/*! stylesheet-part content/callout */",
    ".print{}",
  ].join("");
  const dependencies: PartDependencies = new Map([
    ["govuk/button", []],
    ["govuk/hint", []],
    ["govuk/label", []],
    ["govuk/radios", ["govuk/label", "govuk/hint"]],
    ["layout/card", ["govuk/button"]],
    ["layout/meta", []],
    ["content/callout", ["govuk/button"]],
  ]);

  it("keeps what is in no part, and only the parts used, without their markers", () => {
    assert.equal(
      keepParts(whole, styles({ govuk: ["hint"], layout: ["meta"] }), dependencies),
      ".core{}.hint{}.utilities{}.meta{}.content{}.print{}",
    );
  });

  it("puts a component after those it depends on, where Sass would compile them from the used ones alone", () => {
    assert.equal(
      keepParts(whole, styles({ govuk: ["radios"] }), dependencies),
      ".core{}.label{}.hint{}.radios{}.utilities{}.content{}.print{}",
    );
    // A GOV.UK Frontend component only our components use is written where the first of them is, once.
    assert.equal(
      keepParts(whole, styles({ layout: ["card"], content: ["callout"] }), dependencies),
      ".core{}.utilities{}.button{}.card{}.content{}.callout{}.print{}",
    );
  });
});

describe("what a stylesheet's parts depend on, from their Sass", () => {
  const dependencies = partDependencies(projectRoot, available);

  it("follows GOV.UK Frontend's components to the ones they use", () => {
    assert.deepEqual(dependencies.get("govuk/password-input"), ["govuk/button", "govuk/input"]);
    assert.ok(dependencies.get("govuk/radios")?.includes("govuk/fieldset"));
  });

  it("follows our components to the GOV.UK Frontend components they use", () => {
    assert.deepEqual(dependencies.get("content/app-code-block"), ["govuk/button"]);
  });

  it("keeps the components the stylesheet's own files use in every build", () => {
    assert.deepEqual(componentsAlwaysIn(projectRoot, available), ["back-link"]);
  });
});

/** The stylesheet compiled from these components alone, as Sass gives it. */
function compiledFromOnly(brand: string, used: UsedStyles): string {
  const sass = createRequire(import.meta.url)("sass") as typeof import("sass");
  const uses = (urls: string[]) => urls.map((url) => `@use "${url}";\n`).join("");
  const modules: Record<string, string> = {
    "govuk-components": uses(used.govuk.map((name) => `pkg:govuk-frontend/components/${name}`)),
    "layout-components": uses(used.layout.map((name) => `layouts/components/${name}`)),
    "content-components": uses(used.content.map((name) => `${CONTENT_COMPONENTS}/${name}`)),
  };
  const result = sass.compile(path.join(projectRoot, "assets", "scss", `${brand}.scss`), {
    importers: [
      {
        canonicalize: (url) => (url.startsWith("build:") && Object.hasOwn(modules, url.slice(6)) ? new URL(url) : null),
        load: (url) => ({ contents: modules[url.href.slice(6)], syntax: "scss" }),
      },
      new sass.NodePackageImporter(projectRoot),
    ],
    loadPaths: [projectRoot],
    style: "compressed",
    quietDeps: true,
  });
  return result.css;
}

describe("the stylesheet cut from the whole one", () => {
  after(() => stopSassWorker());

  it("is byte for byte the stylesheet compiled from the components used alone", async () => {
    // Radios depends on label, hint, fieldset and error-message, and button is used only by a content component.
    const used = styles({
      govuk: ["back-link", "radios"],
      layout: available.layout.slice(0, 3).map((component) => component.name),
      content: ["app-code-block", "defra-button"],
    });
    assert.equal(await compileStyles(projectRoot, "defra", used), compiledFromOnly("defra", used));
  });
});
