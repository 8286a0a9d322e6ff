import v8 from "node:v8";
import vm from "node:vm";

/**
 * Runs a full garbage collection now. After Eleventy has written the pages, nothing holds their HTML
 * or the site model, but V8 would keep that memory until it next needs more: with Pagefind's indexer
 * running beside it, the build would hold both at once.
 */
export function releaseMemory(): void {
  let collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) {
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  }
  collect();
}
