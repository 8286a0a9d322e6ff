import hljsCore from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import csharp from "highlight.js/lib/languages/csharp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import go from "highlight.js/lib/languages/go";
import http from "highlight.js/lib/languages/http";
import ini from "highlight.js/lib/languages/ini";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import php from "highlight.js/lib/languages/php";
import plaintext from "highlight.js/lib/languages/plaintext";
import powershell from "highlight.js/lib/languages/powershell";
import python from "highlight.js/lib/languages/python";
import ruby from "highlight.js/lib/languages/ruby";
import scss from "highlight.js/lib/languages/scss";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import type MarkdownIt from "markdown-it";
import { escapeHtml } from "../safety/escape-html.ts";
import type { MarkdownEnv } from "./govuk-markdown.ts";

// The core and the languages a service manual's examples are written in, each registered by name (their
// aliases come with them: sh, js, ts, html, yml, toml…). Loading highlight.js whole registers nearly 200
// languages, most of which no page here will use, on every build.
const LANGUAGES = {
  bash,
  csharp,
  css,
  diff,
  dockerfile,
  go,
  http,
  ini,
  java,
  javascript,
  json,
  markdown,
  php,
  plaintext,
  powershell,
  python,
  ruby,
  scss,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};

// An instance of our own, so nothing else in the process that registers a language changes our output.
const hljs = hljsCore.newInstance();
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** The code as HTML: highlighted when the language is one we know, else escaped as it is. */
export function highlightedCode(code: string, language: string): string {
  if (!language || !hljs.getLanguage(language)) return escapeHtml(code);
  // highlight.js escapes the code's text and writes only <span class="hljs-…"> around it.
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/**
 * Fenced and indented code as a focusable block, so keyboard users can scroll a long line sideways,
 * highlighted here when the site is built: readers' browsers run no highlighting script.
 */
export function codeBlocks(md: MarkdownIt): void {
  md.renderer.rules.fence = (tokens, index, _options, env: MarkdownEnv) => {
    const token = tokens[index];
    const language = token.info.trim().split(/\s+/)[0] ?? "";
    if (language.toLowerCase() === "mermaid")
      env.notes?.push({
        severity: "warning",
        line: (token.map?.[0] ?? 0) + 1,
        message:
          "a mermaid diagram is shown as its code: drawing it would need JavaScript in the reader's browser. Draw it as an image with alt text that says what it shows, or write it as a list or table",
      });
    const languageClass = language ? ` class="language-${escapeHtml(language)}"` : "";
    return `<pre class="app-code-block" tabindex="0"><code${languageClass}>${highlightedCode(token.content, language)}</code></pre>\n`;
  };
  md.renderer.rules.code_block = (tokens, index) =>
    `<pre class="app-code-block" tabindex="0"><code>${escapeHtml(tokens[index].content)}</code></pre>\n`;
}
