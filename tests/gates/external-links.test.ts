import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { printedText } from "../../lib/command-output.ts";
import { checkExternalUrls, externalUrlsInSite } from "../../lib/gates/external-links.ts";
import { externalLinksCommand } from "../../lib/gates/external-links-command.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { fakeGh } from "../helpers/fake-gh.ts";

const run = promisify(execFile);

/** A server whose paths answer as dead and living sites do, counting requests and how many were under way at once. */
function startServer() {
  const seen = new Map<string, number>();
  const stats = { inFlight: 0, maxInFlight: 0, missingFixed: false };
  const server = createServer((request, response) => {
    const url = request.url ?? "/";
    const key = `${request.method} ${url}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    // Only the /busy/ paths count, as the slow path's answers outlive the requests that timed out.
    const busy = url.startsWith("/busy/");
    if (busy) stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const answer = (status: number, headers: Record<string, string> = {}) => {
      if (busy) stats.inFlight--;
      response.writeHead(status, headers).end();
    };
    const count = seen.get(key)!;
    if (url === "/ok") answer(200);
    else if (url === "/missing") answer(stats.missingFixed ? 200 : 404);
    else if (url === "/flaky") answer(count === 1 ? 500 : 200);
    else if (url === "/broken") answer(500);
    else if (url === "/no-head") answer(request.method === "HEAD" ? 405 : 200);
    else if (url === "/slow") setTimeout(() => answer(200), 2_000);
    else if (url === "/loop-a") answer(302, { location: "/loop-b" });
    else if (url === "/loop-b") answer(302, { location: "/loop-a" });
    else if (busy) setTimeout(() => answer(200), 40);
    else answer(404);
  });
  return { server, seen, stats };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const FAST = { timeoutMs: 500, retries: 2, backoffMs: 10 };
let one: ReturnType<typeof startServer>;
let two: ReturnType<typeof startServer>;
let originOne: string;
let originTwo: string;

before(async () => {
  one = startServer();
  two = startServer();
  [originOne, originTwo] = await Promise.all([listen(one.server), listen(two.server)]);
});
after(() => {
  for (const { server } of [one, two]) {
    server.closeAllConnections();
    server.close();
  }
});

describe("checkExternalUrls", () => {
  it("tells living links from dead ones, retrying server errors and falling back from HEAD to GET", async () => {
    const paths = ["/ok", "/missing", "/flaky", "/broken", "/no-head", "/slow", "/loop-a"];
    const urls = new Map(paths.map((url) => [`${originOne}${url}`, ["/page/"]]));
    const results = new Map(
      (await checkExternalUrls(urls, FAST)).map((result) => [new URL(result.url).pathname, result]),
    );
    const summary = (url: string) => {
      const { ok, status, reason, attempts } = results.get(url)!;
      return { ok, status, reason, attempts };
    };
    assert.deepEqual(summary("/ok"), { ok: true, status: 200, reason: undefined, attempts: 1 });
    assert.deepEqual(summary("/missing"), { ok: false, status: 404, reason: "HTTP 404", attempts: 2 });
    assert.deepEqual(summary("/flaky"), { ok: true, status: 200, reason: undefined, attempts: 2 });
    assert.deepEqual(summary("/broken"), { ok: false, status: 500, reason: "HTTP 500", attempts: 3 });
    assert.deepEqual(summary("/no-head"), { ok: true, status: 200, reason: undefined, attempts: 2 });
    assert.equal(summary("/slow").ok, false);
    assert.equal(summary("/slow").reason, "no answer within 500 ms");
    assert.equal(summary("/slow").attempts, 3);
    assert.equal(summary("/loop-a").ok, false);
    assert.match(summary("/loop-a").reason ?? "", /^redirect loop through .*\/loop-a$/);
    assert.equal(one.seen.get("GET /missing"), 1, "a 404 to HEAD is asked again with GET, once");
    assert.equal(one.seen.get("HEAD /broken"), 3, "a 500 is retried, then given up");
    assert.deepEqual(results.get("/ok")?.pages, ["/page/"]);
  });

  it("keeps to the overall and per-host limits", async () => {
    one.stats.maxInFlight = 0;
    two.stats.maxInFlight = 0;
    const urls = new Map(
      Array.from({ length: 12 }, (_, index) => [`${index % 2 ? originOne : originTwo}/busy/${index}`, ["/"]]),
    );
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, one.stats.inFlight + two.stats.inFlight)), 2);
    const results = await checkExternalUrls(urls, { ...FAST, concurrency: 3, perHost: 2 });
    clearInterval(watch);
    assert.ok(results.every((result) => result.ok));
    assert.equal(one.stats.maxInFlight, 2, "two at once to one host, and no more");
    assert.equal(two.stats.maxInFlight, 2);
    assert.ok(peak <= 3, `at most three requests at once overall, saw ${peak}`);
  });
});

describe("npm run check:external-links --issue", () => {
  it("files one issue listing the dead links, updates it on the next run and closes it once they work (the command run end to end)", async () => {
    const site = mkdtempSync(path.join(tmpdir(), "external-links-site-"));
    mkdirSync(path.join(site, "guide"));
    writeFileSync(
      path.join(site, "index.html"),
      `<a href="${originTwo}/ok">ok</a> <a href="${originTwo}/missing">gone</a>`,
    );
    writeFileSync(path.join(site, "guide", "index.html"), `<a href="${originTwo}/missing#part">gone</a>`);
    const found = externalUrlsInSite(site, "/");
    assert.deepEqual(found.get(`${originTwo}/ok`), ["/"]);
    assert.deepEqual(found.get(`${originTwo}/missing`), ["/", "/guide/"], "the #fragment dropped");
    assert.equal(found.size, 2);
    const gh = fakeGh();
    const env = {
      ...process.env,
      ...gh.env,
      OUTPUT_DIR: site,
      LINK_CHECK_TIMEOUT_MS: "500",
      LINK_CHECK_BACKOFF_MS: "10",
    };
    // The first run is the command itself, as the workflow's schedule starts it; the next two its body in this
    // process, with the same environment and the same fake `gh`.
    const checkEndToEnd = () =>
      run(process.execPath, ["scripts/run.mjs", "external-links", "--issue"], { cwd: projectRoot, env });
    const check = async () => {
      const result = await externalLinksCommand(["--issue"], { env, cwd: projectRoot, gh: gh.program });
      assert.equal(result.exitCode, 0, printedText(result, "stderr"));
      return { stdout: printedText(result, "stdout") };
    };

    const first = await checkEndToEnd();
    assert.match(first.stdout, /1 dead of 2 external URLs/);
    assert.equal(gh.issues().length, 1);
    const [issue] = gh.issues();
    assert.equal(issue.title, "1 external link does not work");
    assert.ok(issue.labels.includes("external-links"));
    assert.match(issue.body, new RegExp(`\\| ${originTwo}/missing \\| HTTP 404 \\| \`/\`, \`/guide/\` \\|`));
    assert.doesNotMatch(issue.body, /\/ok \|/);

    await check();
    assert.equal(gh.issues().length, 1, "no second issue");
    assert.equal(gh.calls().filter((args) => args[0] === "issue" && args[1] === "create").length, 1);

    two.stats.missingFixed = true;
    const last = await check();
    assert.match(last.stdout, /closed #1/);
    assert.equal(gh.issues()[0].state, "closed");
  });
});
