import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import nunjucks from "nunjucks";
import { CompilingLoader, forgetCompiledTemplatesInProcess } from "../../lib/eleventy/compiled-templates.ts";

const OPTIONS = { autoescape: true, trimBlocks: true, lstripBlocks: true, throwOnUndefined: false };

describe("templates compiled once and kept (CompilingLoader)", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "compiled-templates-"));
  const layouts = path.join(work, "layouts");
  const cacheDir = path.join(work, "cache");
  mkdirSync(path.join(layouts, "components"), { recursive: true });
  const write = (name: string, text: string) => writeFileSync(path.join(layouts, name), text);
  write("base.njk", "<title>{% block title %}{% endblock %}</title>\n<main>{% block main %}{% endblock %}</main>\n");
  write("components/card.njk", '{% macro card(params) %}<p class="card">{{ params.text }}</p>{% endmacro %}');
  write(
    "page.njk",
    '{% extends "base.njk" %}{% from "components/card.njk" import card %}{% block title %}{{ view.title }}{% endblock %}' +
      "{% block main %}{% for item in view.items %}{{ card({ text: item | shout }) }}{% endfor %}{% endblock %}",
  );
  after(() => rmSync(work, { recursive: true, force: true }));

  const environmentWith = (loader: nunjucks.ILoader) => {
    const environment = new nunjucks.Environment(loader, OPTIONS);
    environment.addFilter("shout", (text: string) => `${text}!`);
    if (loader instanceof CompilingLoader) loader.environment = environment;
    return environment;
  };
  const compiling = () => environmentWith(new CompilingLoader([layouts], cacheDir));
  const plain = () => environmentWith(new nunjucks.FileSystemLoader([layouts]));
  const view = { title: "Fish & chips", items: ["<b>one</b>", "two"] };

  it("renders exactly what Nunjucks renders from the text, in a new environment and from an earlier process's files", () => {
    const expected = plain().render("page.njk", { view });
    assert.match(expected, /<title>Fish &amp; chips<\/title>/);
    assert.match(expected, /<p class="card">&lt;b&gt;one&lt;\/b&gt;!<\/p>/);
    assert.equal(compiling().render("page.njk", { view }), expected);
    assert.ok(readdirSync(cacheDir).filter((name) => name.endsWith(".js")).length >= 3, "each template kept on disk");
    assert.equal(compiling().render("page.njk", { view }), expected, "from this process's compiled templates");
    forgetCompiledTemplatesInProcess();
    assert.equal(compiling().render("page.njk", { view }), expected, "from the files alone");
  });

  it("compiles a template again once its text changes, in a new environment", () => {
    compiling().render("page.njk", { view });
    write("components/card.njk", '{% macro card(params) %}<p class="card changed">{{ params.text }}</p>{% endmacro %}');
    assert.match(compiling().render("page.njk", { view }), /<p class="card changed">two!<\/p>/);
  });

  it("compiles for the environment's settings: the same text without autoescape is not the same template", () => {
    const loader = new CompilingLoader([layouts], cacheDir);
    const unescaped = new nunjucks.Environment(loader, { ...OPTIONS, autoescape: false });
    loader.environment = unescaped;
    unescaped.addFilter("shout", (text: string) => `${text}!`);
    assert.match(unescaped.render("page.njk", { view }), /<title>Fish & chips<\/title>/);
  });

  it("leaves a template that does not compile to Nunjucks, which reports it as it always does", () => {
    write("broken.njk", "{% if view.title %}never closed");
    const message = (render: () => string) => {
      try {
        render();
      } catch (error) {
        return (error as Error).message;
      }
      assert.fail("rendering a broken template threw nothing");
    };
    const expected = message(() => plain().render("broken.njk", { view }));
    assert.match(expected, /broken\.njk/);
    assert.equal(
      message(() => compiling().render("broken.njk", { view })),
      expected,
    );
  });
});
