import { setTimeout as wait } from "node:timers/promises";
import v8 from "node:v8";
import vm from "node:vm";

/**
 * Has V8 collect garbage once the heap has grown a quarter past what was live after the last
 * collection, instead of letting it grow to about twice that. A build holds every page's HTML until
 * Eleventy has written the last one, so collecting sooner lowers the peak at little cost in time
 * (README, "Where the time and memory go"). The flag is read at each collection, so setting it at start-up works.
 */
export function limitHeapGrowth(percent = 25): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * Collects garbage now, and again once V8 has swept, so the freed memory goes back to the system.
 * After Eleventy has written the pages nothing holds their HTML or the site model, but V8 would keep
 * that memory until it next needs more: with Pagefind's indexer running beside it, the build would
 * hold both at once. Both collections compact the heap: what is still live (the search documents'
 * places, the cache's entries) is scattered over pages the pages' HTML filled, and V8's own
 * heuristics moved too little of it to free them. At 10,000 pages that kept 196 MB of heap for 92 MB
 * live, against 123 MB compacted, for 0.1 s more (README, "Where the time and memory go"). Says
 * whether the build had grown the heap enough to collect.
 */
export async function releaseMemory(heapUsedAtStart: number, smallGrowthBytes = 128 * 1024 * 1024): Promise<boolean> {
  // A small site's pages are not worth two full collections and the waits between them: what Pagefind
  // needs beside them is the same either way. Judged by what this build added to the heap, not by the
  // heap's size, so a process that holds much else (a test run) does not collect after every small build.
  if (process.memoryUsage().heapUsed - heapUsedAtStart < smallGrowthBytes) return false;
  let collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) {
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  }
  // One collection frees the objects; a second, once V8's background sweeping is done, hands the
  // emptied heap pages back to the system too. The flag is read at each collection.
  v8.setFlagsFromString("--compact-on-every-full-gc");
  try {
    collect();
    await wait(50);
    collect();
    await wait(50);
  } finally {
    v8.setFlagsFromString("--no-compact-on-every-full-gc");
  }
  return true;
}
