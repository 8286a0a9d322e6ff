import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import nunjucks from "nunjucks";
import { dueForPruning, removeOldFiles, writeAtomicallySync } from "../cache-files.ts";

/** What Nunjucks compiles a template's text to: its root render function and one function per block. */
type CompiledTemplate = Record<string, unknown>;

const KEPT_FOR_MS = 30 * 24 * 60 * 60 * 1000;

/** The installed version of a package, read from the package.json above its entry point (some export no package.json). */
function versionOf(name: string): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  for (; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return `${name}@${manifest.version}`;
    } catch {
      // Not the package's own folder yet.
    }
  }
  return `${name}@unknown`;
}

// Eleventy's shortcodes are Nunjucks extensions, whose parsers shape the compiled code.
const versions = [versionOf("nunjucks"), versionOf("@11ty/eleventy")].join(" ");

/**
 * Compiled templates by key, shared by every environment in this process. Safe to keep for the process's
 * life: a key is the hash of the template's text and of everything its compiled code depends on, so an
 * entry is never out of date, and a changed layout simply has a new key.
 */
const compiledInProcess = new Map<string, CompiledTemplate>();

/** Empties this process's share, so a test can show what an earlier process's compiled templates give. */
export function forgetCompiledTemplatesInProcess(): void {
  compiledInProcess.clear();
}

/** Whether this process has asked to look over the folder for old entries yet. */
let prunedThisProcess = false;

/**
 * Finds templates as Nunjucks' FileSystemLoader does, but hands Nunjucks each one already compiled when
 * it has compiled the same text with the same settings before, in this process or (through `cacheDir`)
 * an earlier one. Compiling GOV.UK Frontend's template and macros is most of what Nunjucks does in a
 * small site's build, and they never change between builds. The kept code is what Nunjucks itself would
 * make of the text and run through `new Function`, so a page renders the same either way.
 */
export class CompilingLoader extends nunjucks.FileSystemLoader {
  /** The environment whose filters and tags the templates are compiled for; set once it exists. */
  environment?: nunjucks.Environment;

  constructor(
    searchPaths: string[],
    private readonly cacheDir: string | undefined,
  ) {
    super(searchPaths);
  }

  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name);
    const environment = this.environment as
      | (nunjucks.Environment & {
          opts: object;
          asyncFilters: string[];
          extensionsList: unknown[];
          extensions: Record<string, unknown>;
        })
      | undefined;
    if (!source || !environment) return source;
    const key = createHash("sha256")
      .update(
        JSON.stringify([
          versions,
          source.path,
          environment.opts,
          [...environment.asyncFilters].sort(),
          Object.keys(environment.extensions).sort(),
        ]),
      )
      .update(source.src)
      .digest("hex");
    let compiled = compiledInProcess.get(key);
    if (!compiled) {
      const code = this.keptCode(key) ?? this.compile(source, environment, key);
      // A template that does not compile is handed over as text, so Nunjucks reports the error as it always does.
      if (code === undefined) return source;
      compiled = new Function(code)() as CompiledTemplate;
      compiledInProcess.set(key, compiled);
    }
    return { ...source, src: { type: "code", obj: compiled } } as unknown as nunjucks.LoaderSource;
  }

  private keptCode(key: string): string | undefined {
    if (!this.cacheDir) return undefined;
    try {
      return readFileSync(path.join(this.cacheDir, `${key}.js`), "utf8");
    } catch {
      return undefined;
    }
  }

  private compile(
    source: nunjucks.LoaderSource,
    environment: { opts: object; asyncFilters: string[]; extensionsList: unknown[] },
    key: string,
  ): string | undefined {
    let code: string;
    try {
      code = (
        nunjucks as unknown as {
          compiler: { compile(...args: unknown[]): string };
        }
      ).compiler.compile(
        source.src,
        environment.asyncFilters,
        environment.extensionsList,
        source.path,
        environment.opts,
      );
    } catch {
      return undefined;
    }
    if (this.cacheDir) {
      try {
        writeAtomicallySync(path.join(this.cacheDir, `${key}.js`), code);
      } catch {
        // A cache that cannot be written (a read-only checkout) costs the next build time, never this one.
      }
      if (!prunedThisProcess) {
        prunedThisProcess = true;
        const dir = this.cacheDir;
        // Looked over beside the build, never waited for: a cache that cannot be tidied costs disk space only.
        void dueForPruning(dir)
          .then((due) => (due ? removeOldFiles(dir, KEPT_FOR_MS, (name) => name.endsWith(".js")) : undefined))
          .catch(() => {});
      }
    }
    return code;
  }
}
