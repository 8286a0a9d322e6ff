/**
 * The slice of Eleventy's configuration API this project uses. Eleventy ships no TypeScript
 * types, so this is the one place that decides how we type it.
 */
export interface EleventyConfig {
  addPlugin(plugin: (config: EleventyConfig, options?: unknown) => void | Promise<void>, options?: unknown): void;
  addFilter(name: string, filter: (...args: any[]) => unknown): void;
  addTransform(name: string, transform: (this: any, content: unknown) => unknown): void;
  addGlobalData(name: string, data: unknown): void;
  addTemplate(
    virtualPath: string,
    content: string | { render(data: any): string | Promise<string> },
    data: Record<string, unknown>,
  ): void;
  addTemplateFormats(formats: string): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addWatchTarget(path: string): void;
  setLibrary(name: string, library: unknown): void;
  setTemplateFormats(formats: string[]): void;
  setDataFileSuffixes(suffixes: string[]): void;
  setServerOptions(options: Record<string, unknown>): void;
  setServerPassthroughCopyBehavior(behavior: "copy" | "passthrough"): void;
  on(event: string, callback: (...args: any[]) => unknown): void;
  emit(event: string, ...args: unknown[]): unknown;
  ignores: Set<string>;
  watchIgnores: Set<string>;
  directories: { input: string; output: string };
  pathPrefix?: string;
}
