import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import {
  contentSecurityPolicy,
  govukFrontendSupportedScript,
  inlineScripts,
  POLICY_DIRECTIVES,
  scriptHashSource,
} from "../../lib/safety/content-security-policy.ts";
import { projectRoot, testOutputDir } from "../helpers/built-site.ts";

describe("the Content-Security-Policy", () => {
  it("finds inline scripts but not external ones", () => {
    assert.deepEqual(
      inlineScripts(
        `<script>one()</script><script src="/a.js"></script><script type="module">two()</script><SCRIPT defer src='/b.js'></SCRIPT>`,
      ),
      ["one()", "two()"],
    );
  });

  it("renders GOV.UK Frontend's govuk-frontend-supported snippet from the installed template", () => {
    const script = govukFrontendSupportedScript(projectRoot);
    assert.match(script, /document\.body\.className \+= ' js-enabled'/);
    assert.match(script, /govuk-frontend-supported/);
  });

  it("keeps the rendered snippet in node_modules/.cache, and renders it again when the kept file is not the snippet", () => {
    const rootWith = (name: string) => {
      const root = path.join(testOutputDir, "inline-script", name);
      rmSync(root, { recursive: true, force: true });
      mkdirSync(path.join(root, "node_modules"), { recursive: true });
      for (const pkg of ["govuk-frontend", "nunjucks"])
        symlinkSync(path.join(projectRoot, "node_modules", pkg), path.join(root, "node_modules", pkg));
      return root;
    };
    const rendered = govukFrontendSupportedScript(projectRoot);
    const first = rootWith("first");
    assert.equal(govukFrontendSupportedScript(first), rendered);
    const keptDir = path.join(first, "node_modules", ".cache", "site-inline-script");
    const [kept] = readdirSync(keptDir);
    assert.equal(readFileSync(path.join(keptDir, kept), "utf8"), rendered);

    const second = rootWith("second");
    mkdirSync(path.join(second, "node_modules", ".cache", "site-inline-script"), { recursive: true });
    writeFileSync(path.join(second, "node_modules", ".cache", "site-inline-script", kept), "document.body");
    assert.equal(govukFrontendSupportedScript(second), rendered);
  });

  it("allows the site's own files and the given inline scripts' hashes, nothing else", () => {
    const policy = contentSecurityPolicy(["alert(1)"]);
    const hash = createHash("sha256").update("alert(1)").digest("base64");
    assert.equal(scriptHashSource("alert(1)"), `'sha256-${hash}'`);
    const directives = new Map(
      policy.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]),
    );
    assert.deepEqual(directives.get("script-src"), [...POLICY_DIRECTIVES["script-src"], `'sha256-${hash}'`]);
    assert.equal(directives.get("script-src")?.[0], "'self'");
    assert.deepEqual(directives.get("style-src"), ["'self'"]);
    assert.deepEqual(directives.get("object-src"), ["'none'"]);
    assert.equal(directives.size, Object.keys(POLICY_DIRECTIVES).length);
    // 'wasm-unsafe-eval' (Pagefind's WebAssembly) allows compiling WebAssembly only, never eval() of strings.
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\*|https:|data:/);
  });
});
