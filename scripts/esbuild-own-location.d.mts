import type { Plugin } from "esbuild";

/** See esbuild-own-location.mjs. */
export declare const ownLocation: Plugin;
