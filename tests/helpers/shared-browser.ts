import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../lib/gates/chromium.ts";

interface Shared {
  browser: Promise<Browser>;
  users: number;
  closing?: NodeJS.Timeout;
}

let shared: Shared | undefined;

/**
 * One Chromium for the browser test files a test process runs, as Playwright's own runner keeps one per worker,
 * rather than a browser started and stopped for each file. Files share no state through it: each opens contexts
 * of its own (their own cookies, storage and pages), and releaseSharedBrowser, in the same file's `after`, closes
 * every context still open, as closing the browser did. The files of a process run one at a time, so those are
 * the file's own. The browser closes a moment after the last file using it lets go, unless another takes it first.
 */
export function openSharedBrowser(): Promise<Browser> {
  if (!shared) {
    const opened: Shared = { browser: launchChromium(), users: 0 };
    opened.browser.then(
      (browser) =>
        browser.on("disconnected", () => {
          if (shared === opened) shared = undefined;
        }),
      () => {
        if (shared === opened) shared = undefined;
      },
    );
    shared = opened;
  }
  shared.users += 1;
  clearTimeout(shared.closing);
  return shared.browser;
}

/** Closes the contexts left open and lets go of the shared browser; the last user to let go closes it, after a second. */
export async function releaseSharedBrowser(): Promise<void> {
  const leaving = shared;
  if (!leaving || leaving.users === 0) return;
  const browser = await leaving.browser.catch(() => undefined);
  await Promise.all(browser?.contexts().map((context) => context.close().catch(() => {})) ?? []);
  leaving.users -= 1;
  if (leaving.users > 0) return;
  // Not holding the process open itself: the browser's own connection does that until it closes.
  leaving.closing = setTimeout(() => {
    if (shared !== leaving || leaving.users > 0) return;
    shared = undefined;
    void leaving.browser.then((browser) => browser.close()).catch(() => {});
  }, 1000).unref();
}

/** The shared browser for the calling file's tests: taken before its first test, let go after its last. */
export function sharedBrowserForThisFile(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await openSharedBrowser();
  });
  after(() => releaseSharedBrowser());
  return () => {
    if (!browser) throw new Error("the shared browser is taken in a before hook, so only tests can use it");
    return browser;
  };
}
