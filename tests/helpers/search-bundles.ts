import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** The URLs a Pagefind bundle holds, read from its page fragments (gzip, a "pagefind_dcd" signature, then JSON). */
export function bundleUrls(bundleDir: string): string[] {
  const fragments = path.join(bundleDir, "fragment");
  return readdirSync(fragments).map(
    (name) =>
      JSON.parse(
        gunzipSync(readFileSync(path.join(fragments, name)))
          .subarray("pagefind_dcd".length)
          .toString(),
      ).url,
  );
}
