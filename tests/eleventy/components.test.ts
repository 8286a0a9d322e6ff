import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { layoutComponents } from "../../lib/eleventy/used-components.ts";

// Our components keep GOV.UK Frontend's shape (govuk/components/<name>/ in govuk-frontend's dist), so
// each one is found, called, styled and documented the same way as theirs.
const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const componentsDir = path.join(projectRoot, "layouts", "components");
const components = readdirSync(componentsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** One entry of macro-options.json, in GOV.UK Frontend's format. */
interface MacroOption {
  name: string;
  type: string;
  required: boolean;
  description: string;
  params?: MacroOption[];
}

// The types GOV.UK Frontend's own macro-options.json files use.
const OPTION_TYPES = new Set(["string", "boolean", "integer", "object", "array", "nunjucks-block"]);

const read = (component: string, file: string) => readFileSync(path.join(componentsDir, component, file), "utf8");
const macroName = (component: string) =>
  `app${component.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`;
const options = (component: string) => JSON.parse(read(component, "macro-options.json")) as MacroOption[];

function assertWellFormed(option: MacroOption, where: string): void {
  assert.deepEqual(
    Object.keys(option).filter((key) => key !== "params"),
    ["name", "type", "required", "description"],
    `${where}: name, type, required and description, in that order`,
  );
  assert.match(option.name, /^[a-z][A-Za-z]*$/, `${where}: a camelCase name`);
  assert.ok(OPTION_TYPES.has(option.type), `${where}: type ${option.type} is one of ${[...OPTION_TYPES].join(", ")}`);
  assert.equal(typeof option.required, "boolean", `${where}: required is true or false`);
  assert.ok(typeof option.description === "string" && option.description.trim() !== "", `${where}: has a description`);
  if (option.params) {
    assert.ok(option.type === "object" || option.type === "array", `${where}: only objects and arrays have params`);
    for (const param of option.params) assertWellFormed(param, `${where}.${param.name}`);
  }
}

/** Every param path the options describe: `review`, `review.owner`, `groups.items.href`… */
function describedPaths(list: MacroOption[], prefix = ""): string[] {
  return list.flatMap((option) => [
    `${prefix}${option.name}`,
    ...describedPaths(option.params ?? [], `${prefix}${option.name}.`),
  ]);
}

/**
 * Every param path a template reads, with the same spelling as describedPaths(). A loop variable or a
 * `set` of a param stands for what it was taken from, so `{% for item in params.items %}` then
 * `item.href` reads `items.href`; `.length` of a list reads only the list.
 */
function readPaths(template: string): string[] {
  const bindings = new Map<string, string>([["params", ""]]);
  const reads = new Set<string>();
  const resolve = (expression: string): string | undefined => {
    const [head, ...rest] = expression.split(".");
    const base = bindings.get(head);
    if (base === undefined) return undefined;
    const segments = [
      ...(base ? base.split(".") : []),
      ...rest.filter((segment, index) => !(segment === "length" && index === rest.length - 1)),
    ];
    return segments.length ? segments.join(".") : undefined;
  };
  // Only Nunjucks tags and outputs: comments and markup may hold dotted words that are not params.
  for (const [tag] of template.matchAll(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g)) {
    const binding = /^\{%-?\s*(?:for\s+(\w+)\s+in|set\s+(\w+)\s*=)\s*([\w.]+)\s*-?%\}$/.exec(tag);
    const bound = binding && resolve(binding[3]);
    if (binding && bound) bindings.set(binding[1] ?? binding[2], bound);
    for (const [reference] of tag.matchAll(/(?<![\w."'])[A-Za-z_]\w*(?:\.\w+)+/g)) {
      const resolved = resolve(reference);
      if (resolved)
        resolved.split(".").forEach((_, index, segments) => reads.add(segments.slice(0, index + 1).join(".")));
    }
  }
  return [...reads];
}

it("finds the components", () => {
  assert.ok(components.length > 0);
  assert.ok(components.includes("site-search"));
});

for (const component of components) {
  describe(`the ${component} component`, () => {
    it("has GOV.UK Frontend's four files: macro.njk, template.njk, _index.scss and macro-options.json", () => {
      for (const file of ["macro.njk", "template.njk", "_index.scss", "macro-options.json"]) {
        assert.ok(existsSync(path.join(componentsDir, component, file)), `layouts/components/${component}/${file}`);
      }
    });

    it(`has a three-line macro.njk defining ${macroName(component)} over its template`, () => {
      assert.equal(
        read(component, "macro.njk"),
        `{% macro ${macroName(component)}(params) %}\n  {%- include "./template.njk" -%}\n{% endmacro %}\n`,
      );
    });

    it("describes each param in macro-options.json, in GOV.UK Frontend's format", () => {
      const list = options(component);
      assert.ok(Array.isArray(list) && list.length > 0);
      for (const option of list) assertWellFormed(option, option.name);
      const paths = describedPaths(list);
      assert.deepEqual(paths, [...new Set(paths)], "no param is described twice");
    });

    it("describes exactly the params its template reads, so the two cannot drift apart", () => {
      const reads = readPaths(read(component, "template.njk")).sort();
      const described = describedPaths(options(component)).sort();
      assert.deepEqual(
        reads.filter((param) => !described.includes(param)),
        [],
        "params the template reads that macro-options.json does not describe",
      );
      assert.deepEqual(
        described.filter((param) => !reads.includes(param)),
        [],
        "params macro-options.json describes that the template never reads",
      );
    });

    it("has styles the stylesheet can compile in", () => {
      assert.ok(
        layoutComponents(projectRoot).some((styled) => styled.name === component),
        `the stylesheet can be compiled with layouts/components/${component}/_index.scss`,
      );
    });
  });
}

describe("reading the params a template reads", () => {
  it("follows loop variables and sets, and counts a list's length as the list", () => {
    const template = [
      "{# params.inComment is not read #}",
      '<p class="a.b">{{ params.title }}</p>',
      "{% set when = params.review %}{{ when.due }}",
      "{% if params.groups.length %}{% for group in params.groups %}",
      "{% for item in group.items %}{{ item.href }}{{ loop.last }}{% endfor %}",
      "{% endfor %}{% endif %}",
    ].join("\n");
    assert.deepEqual(readPaths(template).sort(), [
      "groups",
      "groups.items",
      "groups.items.href",
      "review",
      "review.due",
      "title",
    ]);
  });
});
