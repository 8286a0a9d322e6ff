import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { readSettings } from "../settings.ts";

/** Debian's Chromium and ChromeDriver (apt-get install chromium chromium-driver); nothing downloads a browser. */
export const { chromiumPath: CHROMIUM_PATH, chromedriverPath: CHROMEDRIVER_PATH } = readSettings();

/**
 * Switches (without "--") that let Chromium run headless as root in containers and CI, and keep it
 * off the network: there is none here but the local server.
 */
export const CHROMIUM_SWITCHES = [
  "headless=new",
  "no-sandbox",
  "disable-gpu",
  "disable-dev-shm-usage",
  "disable-background-networking",
  "disable-component-update",
  "disable-sync",
  "no-first-run",
  "disable-quic",
];

/** Throws a message that says how to install the browser, rather than a driver's stack trace, when it is missing. */
export function requireChromium(paths: string[] = [CHROMIUM_PATH]): void {
  const missing = paths.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(" and ")} not found: install Debian's browser with \`apt-get install -y chromium chromium-driver\` (or set CHROMIUM_PATH and CHROMEDRIVER_PATH).`,
    );
  }
}

/** Launches Debian's Chromium through Playwright. */
export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_SWITCHES.map((name) => `--${name}`) });
}
