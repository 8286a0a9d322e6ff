import type { BuildOptions, Plugin } from "esbuild";

/** See esbuild-own-location.mjs. */
export declare const ownLocation: Plugin;

/** See esbuild-own-location.mjs. */
export declare const nodeBundleOptions: BuildOptions & { metafile: true };
