import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import nunjucks from "nunjucks";
import { writeAtomicallySync } from "../cache-files.ts";

/**
 * The sources each Content-Security-Policy directive allows: the site's own files and nothing else.
 * Extend here, in one place, when a feature needs more (Pagefind's WebAssembly search, for example,
 * needs "'wasm-unsafe-eval'" in script-src). frame-ancestors, report-uri and sandbox are left out:
 * browsers ignore them in a <meta> policy, and GitHub Pages cannot send headers.
 */
export const POLICY_DIRECTIVES: Record<string, string[]> = {
  "default-src": ["'self'"],
  // Where Pagefind cannot start its worker, it compiles its WebAssembly on the page: that needs
  // 'wasm-unsafe-eval', which allows WebAssembly only, not eval() ('unsafe-eval').
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "style-src": ["'self'"],
  "img-src": ["'self'"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
};

/**
 * The policy's directives with the origins the site's configured analytics needs added (lib/model/cookies.ts
 * works them out from site.json), and nothing more: without analytics the policy is POLICY_DIRECTIVES.
 * Only https origins are taken, so a site.json typo cannot open the policy to `*` or `data:`.
 */
export function directivesWithOrigins(
  origins: Partial<Record<string, readonly string[]>> = {},
  directives: Record<string, string[]> = POLICY_DIRECTIVES,
): Record<string, string[]> {
  const widened = Object.fromEntries(Object.entries(directives).map(([name, sources]) => [name, [...sources]]));
  for (const [name, added] of Object.entries(origins)) {
    if (!widened[name]) throw new Error(`${name} is not a directive of the site's policy`);
    for (const origin of added ?? []) {
      if (!/^https:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(origin))
        throw new Error(`${origin} is not an https origin, so it is not added to ${name}`);
      if (!widened[name].includes(origin)) widened[name].push(origin);
    }
  }
  return widened;
}

/** The CSP source expression that allows one inline script, by the SHA-256 of its exact text. */
export function scriptHashSource(scriptText: string): string {
  return `'sha256-${createHash("sha256").update(scriptText, "utf8").digest("base64")}'`;
}

/** The policy for the site's <meta http-equiv="Content-Security-Policy">, allowing the given inline scripts by hash. */
export function contentSecurityPolicy(
  inlineScripts: string[],
  directives: Record<string, string[]> = POLICY_DIRECTIVES,
): string {
  const hashes = inlineScripts.map(scriptHashSource);
  return Object.entries(directives)
    .map(([directive, sources]) => [directive, ...sources, ...(directive === "script-src" ? hashes : [])].join(" "))
    .join("; ");
}

/** The text of every inline <script> (one without src) in some HTML. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi)].map((match) => match[1]);
}

// Rendering the template takes a fresh Nunjucks environment 40–90 ms, in every build and dev-server start.
// The script is kept, in this process and in node_modules/.cache, by a hash of the template's text and the
// versions of govuk-frontend and Nunjucks: nothing else decides what the template renders it as.
const supportedScripts = new Map<string, string>();

function supportedScriptKey(frontend: string, projectRoot: string): string {
  const digest = createHash("sha256").update(readFileSync(path.join(frontend, "govuk/template.njk")));
  for (const pkg of ["govuk-frontend", "nunjucks"])
    digest.update("\0").update(readFileSync(path.join(projectRoot, "node_modules", pkg, "package.json")));
  return digest.digest("hex");
}

/**
 * GOV.UK Frontend's one inline script, which adds the `js-enabled` and `govuk-frontend-supported`
 * body classes before first paint, exactly as govuk/template.njk renders it. Rendered from the
 * installed template rather than copied, so an upgrade that changes it changes the hash with it.
 */
export function govukFrontendSupportedScript(projectRoot = process.cwd()): string {
  const frontend = path.join(projectRoot, "node_modules/govuk-frontend/dist");
  const key = supportedScriptKey(frontend, projectRoot);
  const cacheFile = path.join(projectRoot, "node_modules", ".cache", "site-inline-script", `${key}.js`);
  let script = supportedScripts.get(cacheFile);
  if (script === undefined) {
    script = keptScript(cacheFile);
    if (script === undefined) {
      script = renderSupportedScript(frontend);
      try {
        writeAtomicallySync(cacheFile, script);
      } catch {
        // A cache that cannot be written costs the next build time, never this one.
      }
    }
    supportedScripts.set(cacheFile, script);
  }
  return script;
}

/** The kept script, unless it is missing or is not the snippet (a cache file cut short). */
function keptScript(cacheFile: string): string | undefined {
  try {
    const script = readFileSync(cacheFile, "utf8");
    return script.includes("govuk-frontend-supported") ? script : undefined;
  } catch {
    return undefined;
  }
}

function renderSupportedScript(frontend: string): string {
  const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(frontend), { autoescape: true });
  const scripts = inlineScripts(environment.render("govuk/template.njk", {})).filter((script) =>
    script.includes("govuk-frontend-supported"),
  );
  if (scripts.length !== 1)
    throw new Error(
      `expected one govuk-frontend-supported inline script in govuk/template.njk, found ${scripts.length}`,
    );
  return scripts[0];
}
