// Eleventy ships no type declarations; lib/eleventy-types.ts types the config API we use.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
  }
  export const HtmlBasePlugin: unknown;
}
