import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import * as sass from "sass";
import { createMarkdown, type MarkdownEnv } from "../../lib/markdown/govuk-markdown.ts";
import { projectRoot } from "../helpers/built-site.ts";

const markdown = createMarkdown();
const render = (source: string, env: MarkdownEnv = {}) => markdown.render(source, env).trim();

describe("code blocks", () => {
  const cases: [string, string, string][] = [
    [
      "highlights a language it knows, at build time",
      '```js\nconst name = "Ada"; // who\n```',
      '<pre class="app-code-block" tabindex="0"><code class="language-js"><span class="hljs-keyword">const</span> name = ' +
        '<span class="hljs-string">&quot;Ada&quot;</span>; <span class="hljs-comment">// who</span>\n</code></pre>',
    ],
    [
      "knows a language by its alias and in capitals",
      "```YML\nkey: 1\n```",
      '<pre class="app-code-block" tabindex="0"><code class="language-YML"><span class="hljs-attr">key:</span> ' +
        '<span class="hljs-number">1</span>\n</code></pre>',
    ],
    [
      "escapes markup in highlighted HTML",
      '```html\n<a href="/x">Go</a>\n```',
      '<pre class="app-code-block" tabindex="0"><code class="language-html"><span class="hljs-tag">&lt;<span class="hljs-name">a</span> ' +
        '<span class="hljs-attr">href</span>=<span class="hljs-string">&quot;/x&quot;</span>&gt;</span>Go' +
        '<span class="hljs-tag">&lt;/<span class="hljs-name">a</span>&gt;</span>\n</code></pre>',
    ],
    [
      "leaves a language it does not know as plain, escaped code",
      "```klingon\n<b>Qapla'</b>\n```",
      '<pre class="app-code-block" tabindex="0"><code class="language-klingon">&lt;b&gt;Qapla\'&lt;/b&gt;\n</code></pre>',
    ],
    [
      "leaves a fence without a language plain",
      "```\nif (a < b) {}\n```",
      '<pre class="app-code-block" tabindex="0"><code>if (a &lt; b) {}\n</code></pre>',
    ],
    [
      "leaves indented code plain",
      "    <script>alert(1)</script>",
      '<pre class="app-code-block" tabindex="0"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>',
    ],
    [
      "escapes a language name that tries to break out of its attribute",
      '```"><script>\nx\n```',
      '<pre class="app-code-block" tabindex="0"><code class="language-&quot;&gt;&lt;script&gt;">x\n</code></pre>',
    ],
  ];
  for (const [name, source, html] of cases) it(name, () => assert.equal(render(source), html));

  it("never lets code out of its escaping, in a language it highlights", () => {
    const html = render("```js\nconst s = '</code></pre><script>alert(1)</script>';\n```");
    assert.ok(!html.includes("<script>"), html);
    assert.equal(html.match(/<\/pre>/g)?.length, 1);
    assert.match(html, /&lt;\/code&gt;&lt;\/pre&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it("shows a mermaid diagram as its code, and warns at its line that it is not drawn", () => {
    const env: MarkdownEnv = { notes: [] };
    assert.equal(
      render("Intro.\n\n```mermaid\ngraph TD; A-->B\n```", env),
      '<p class="govuk-body">Intro.</p>\n' +
        '<pre class="app-code-block" tabindex="0"><code class="language-mermaid">graph TD; A--&gt;B\n</code></pre>',
    );
    assert.deepEqual(env.notes, [
      {
        severity: "warning",
        line: 3,
        message:
          "a mermaid diagram is shown as its code: drawing it would need JavaScript in the reader's browser. Draw it as an image with alt text that says what it shows, or write it as a list or table",
      },
    ]);
  });

  it("does not warn about code in other languages", () => {
    const env: MarkdownEnv = { notes: [] };
    render("```js\nx\n```\n\n    y", env);
    assert.deepEqual(env.notes, []);
  });
});

/** WCAG 2's relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(one: string, other: string): number {
  const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

/** The code block's background as _content.scss sets it, evaluated by Sass with GOV.UK Frontend's colours. */
function codeBlockBackground(): string {
  const content = readFileSync(path.join(projectRoot, "assets/scss/_content.scss"), "utf8");
  const rule = /\.app-code-block\s*{([^}]*)}/.exec(content)?.[1] ?? "";
  const value = /background-color:\s*([^;]+);/.exec(rule)?.[1];
  assert.ok(value, "_content.scss gives .app-code-block a background-color");
  const css = sass.compileString(`@use "pkg:govuk-frontend/base" as *;\na { color: ${value}; }`, {
    importers: [new sass.NodePackageImporter(projectRoot)],
    style: "compressed",
  }).css;
  const hex = /color:(#[0-9a-f]{6})/i.exec(css)?.[1];
  assert.ok(hex, `the background is a solid colour: ${css}`);
  return hex.toLowerCase();
}

describe("highlighting colours", () => {
  const scss = readFileSync(path.join(projectRoot, "assets/scss/content-components/_app-code-block.scss"), "utf8");
  const colours = [...scss.matchAll(/^\s*color:\s*([^;]+);/gm)].map((match) => match[1].trim());

  it("are written as hex colours, so they can be checked", () => {
    assert.ok(colours.length >= 5, `found ${colours.length} colours`);
    for (const colour of colours) assert.match(colour, /^#[0-9a-f]{6}$/i);
  });

  it("each pass WCAG AA (4.5:1) against the code block's background", () => {
    const background = codeBlockBackground();
    for (const colour of colours) {
      const ratio = contrast(colour, background);
      assert.ok(ratio >= 4.5, `${colour} on ${background} is ${ratio.toFixed(2)}:1`);
    }
  });

  it("computes contrast as WCAG does", () => {
    assert.equal(contrast("#000000", "#ffffff").toFixed(0), "21");
    assert.equal(contrast("#767676", "#ffffff").toFixed(2), "4.54");
  });
});
