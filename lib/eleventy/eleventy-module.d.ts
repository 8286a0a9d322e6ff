// Eleventy ships no type declarations; lib/eleventy/types.ts types the config API we use.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    init(): Promise<void>;
    write(): Promise<unknown>;
    /** Resolves, once the watcher is ready, with the rebuild it runs for a changed file. */
    watch(): Promise<(changedFile: string) => Promise<void>>;
    watcher?: import("node:events").EventEmitter;
    serve(port?: number): Promise<void>;
  }
  export const HtmlBasePlugin: unknown;
}
