import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFrontMatter } from "../../lib/content/front-matter-source.ts";

const read = (text: string) => readFrontMatter("page.md", text);

// The fences are read by hand rather than by gray-matter (README, "Dependencies and why"): these are
// the forms where the two part ways, so a change of splitter shows up here first.
describe("splitting front matter from the body", () => {
  it("starts the body on the line after the closing fence", () => {
    const { source, diagnostics } = read("---\ntitle: Home\norder: 2\n---\n\n# Home\n");
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(source?.data, { title: "Home", order: 2 });
    assert.equal(source?.body, "\n# Home\n");
    assert.equal(source?.bodyLine, 5);
    assert.equal(source?.lineOf(["order"]), 3);
  });

  it("closes on YAML's end-of-document line `...`, keeping the body", () => {
    const { source, diagnostics } = read("---\ntitle: Home\n...\n# Home\n\nText\n");
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(source?.data, { title: "Home" });
    assert.equal(source?.body, "# Home\n\nText\n");
    assert.equal(source?.bodyLine, 4);
  });

  it("takes fences with spaces after them, and no space into the body", () => {
    const { source } = read("---  \ntitle: Home\n--- \t\n# Home\n");
    assert.deepEqual(source?.data, { title: "Home" });
    assert.equal(source?.body, "# Home\n");
    assert.equal(source?.bodyLine, 4);
    assert.equal(source?.lineOf(["title"]), 2);
  });

  it("does not close on a line that only starts with three dashes", () => {
    const { source, diagnostics } = read("---\ntitle: Home\n----\nmore: x\n---\nBody\n");
    assert.equal(source, undefined);
    assert.deepEqual(diagnostics.map(({ line, message }) => ({ line, message })), [
      { line: 3, message: "front matter is not valid YAML: Implicit keys need to be on a single line" },
    ]);
  });

  it("reads an empty block, and a block closed at the end of the file", () => {
    assert.deepEqual(read("---\n---\nBody\n").source?.data, {});
    assert.equal(read("---\n---\nBody\n").source?.bodyLine, 3);
    const atEnd = read("---\ntitle: Home\n---").source;
    assert.deepEqual(atEnd?.data, { title: "Home" });
    assert.equal(atEnd?.body, "");
    assert.equal(atEnd?.bodyLine, 4);
  });

  it("reports a block that is opened but never closed, rather than taking the page as front matter", () => {
    for (const text of ["---\ntitle: Home\n# Home\n", "+++\ntitle = 'Home'\n"]) {
      assert.deepEqual(read(text), {
        diagnostics: [{ severity: "error", file: "page.md", line: 1, message: "front matter is opened but never closed: add a closing line of the same three characters" }],
      });
    }
  });

  it("reads Hugo's TOML between `+++`, with lines for fields and errors", () => {
    const { source } = read("+++\ntitle = 'Home'\norder = 3\n+++\nBody\n");
    assert.equal(source?.format, "toml");
    assert.deepEqual(source?.data, { title: "Home", order: 3 });
    assert.equal(source?.bodyLine, 5);
    assert.equal(source?.lineOf(["order"]), 3);
    const broken = read("+++\ntitle = 'Home'\norder = \n+++\n");
    assert.equal(broken.source, undefined);
    assert.equal(broken.diagnostics[0].line, 3);
    assert.match(broken.diagnostics[0].message, /^front matter is not valid TOML: /);
  });

  it("gives each read its own data, so changing one page's data changes no other page read from the same text", () => {
    const text = "---\ntitle: Home\ntags: [a]\n---\n";
    const first = read(text).source!.data as { title: string; tags: string[] };
    first.title = "Changed";
    first.tags.push("b");
    assert.deepEqual(read(text).source?.data, { title: "Home", tags: ["a"] });
  });
});

describe("front matter cannot run or construct code", () => {
  it("takes a language after the opening fence (`---js`, `---toml`) as no front matter, running nothing", () => {
    const marker = "__frontMatterRan";
    for (const language of ["js", "javascript", "coffee", "toml", "json", "yaml", "constructor"]) {
      const text = `---${language}\n(globalThis.${marker} = true)\n---\nBody\n`;
      const { source, diagnostics } = read(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(source?.format, "none", language);
      assert.equal(source?.body, text);
    }
    assert.equal(marker in globalThis, false);
  });

  it("reads js-yaml's JavaScript tags as plain text, never as a function, regular expression or undefined", () => {
    const tags = [
      ["!!js/function", "'function () { globalThis.__tagRan = true; return 1 }'"],
      ["!!js/function", "function () { return 1 }"],
      ["!!js/regexp", "/a+/g"],
      ["!!js/undefined", "''"],
      ["!<tag:yaml.org,2002:js/function>", "'function () { return 1 }'"],
      ["!js/function", "'function () { return 1 }'"],
    ];
    for (const [tag, value] of tags) {
      for (const text of [`---\ntitle: Home\nvalue: ${tag} ${value}\n---\n`, `---\ntitle: Home\nlist:\n  - ${tag} ${value}\n---\n`]) {
        const { source, diagnostics } = read(text);
        // An error is as good as text here; what must never come back is anything but plain data.
        if (!source) {
          assert.ok(diagnostics.some((diagnostic) => diagnostic.severity === "error"), text);
          continue;
        }
        const data = source.data as { value?: unknown; list?: unknown[] };
        const found = data.value ?? data.list?.[0];
        assert.equal(typeof found, "string", `${tag} gave ${typeof found}`);
        assert.ok(!(found instanceof RegExp));
      }
    }
    assert.equal("__tagRan" in globalThis, false);
  });
});
