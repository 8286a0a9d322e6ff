import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import {
  contentSecurityPolicy,
  govukFrontendSupportedScript,
  inlineScripts,
  POLICY_DIRECTIVES,
  scriptHashSource,
} from "../../lib/safety/content-security-policy.ts";
import { projectRoot } from "../helpers/built-site.ts";

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
