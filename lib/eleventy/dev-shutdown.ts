/**
 * Work the dev server leaves running beside the serving (its search indexer), to finish when it stops.
 * Kept on globalThis: `npm start` loads the site plugin from its bundled configuration file, a module copy
 * of its own, and serve-site.ts must still find what that copy started.
 */
const KEY = Symbol.for("service-manual.dev-server-background-work");

type Stop = () => Promise<void>;

function registry(): Set<Stop> {
  const holder = globalThis as { [KEY]?: Set<Stop> };
  return (holder[KEY] ??= new Set());
}

/** Registers work to stop (and wait for) when the dev server stops. */
export function onDevServerStop(stop: Stop): void {
  registry().add(stop);
}

/** Stops every piece of registered work and waits for each. */
export async function stopDevServerWork(): Promise<void> {
  const stops = [...registry()];
  registry().clear();
  await Promise.allSettled(stops.map((stop) => stop()));
}
