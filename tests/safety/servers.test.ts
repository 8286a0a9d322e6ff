import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { generateCorpus, writeCorpus } from "../../bench/corpus.ts";
import { freePort, startDevServer, type DevServer } from "../../bench/dev-server.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { writeFixtureSite } from "../helpers/fixture-site.ts";

/**
 * What anyone who can reach a server of the project (another page in the browser, a neighbour on the
 * network) might send it. Each server must answer 400, 404 or 414, never serve a file from outside the
 * folder it serves, and keep running.
 */
const HOSTILE_PATHS = [
  "/100%",
  "/%ff",
  "/caf%E9/",
  "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
  "/..%2f..%2fetc%2fpasswd",
  "/..%2F..%2Fetc%2Fpasswd",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "/../../etc/passwd",
  "/..\\..\\etc\\passwd",
  "/%5c..%5c",
  "/%5C..%5C..%5Cetc%5Cpasswd",
  "/%00",
  "/a%00b/",
  "/index.html%00.css",
  "/%0d%0aSet-Cookie:%20x=1",
  "/%1b[31m",
  "/%7f",
  `/${"a".repeat(10_240)}`,
  `/${"%61".repeat(1_000)}`,
  "//etc/passwd",
  "http://127.0.0.1/../../etc/passwd",
];

const SECRET = `a secret from outside the site ${Math.random().toString(36).slice(2)}`;

interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** Sends a GET with the path written exactly as given: fetch() and http.request would normalise or refuse some. */
function rawGet(port: number, requestTarget: string, host = "127.0.0.1"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host });
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to ${requestTarget.slice(0, 80)}`)));
    socket.on("connect", () =>
      socket.write(`GET ${requestTarget} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, "latin1"),
    );
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const split = text.indexOf("\r\n\r\n");
      resolve({ status, headers: text.slice(0, split), body: text.slice(split + 4) });
    });
  });
}

/** The local addresses a TCP port is listening on, from the kernel's own tables. */
function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const [file, ipv6] of [
    ["/proc/net/tcp", false],
    ["/proc/net/tcp6", true],
  ] as const) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A: LISTEN
      const [hexAddress, hexPort] = local.split(":");
      if (parseInt(hexPort, 16) !== port) continue;
      if (!ipv6) addresses.push(Buffer.from(hexAddress, "hex").reverse().join("."));
      else
        addresses.push(
          /^0+$/.test(hexAddress)
            ? "::"
            : /^0{24}0100007F$/i.test(hexAddress)
              ? "::ffff:127.0.0.1"
              : /^0{30}01000000$/.test(hexAddress)
                ? "::1"
                : hexAddress,
        );
    }
  }
  return addresses;
}

const externalAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && entry.family === "IPv4" && !entry.internal)
    .map((entry) => entry!.address);

/** Plants links inside the served folder to a file and a folder outside it. */
function plantLinks(siteDir: string, outsideDir: string) {
  symlinkSync(path.join(outsideDir, "secret.txt"), path.join(siteDir, "leak.txt"));
  symlinkSync(path.join(outsideDir, "secret.txt"), path.join(siteDir, "leak.html"));
  symlinkSync("/etc/passwd", path.join(siteDir, "passwd"));
  symlinkSync(outsideDir, path.join(siteDir, "leak-folder"));
}
const LINKED_PATHS = [
  "/leak.txt",
  "/leak.html",
  "/leak",
  "/passwd",
  "/leak-folder/",
  "/leak-folder",
  "/leak-folder/index.html",
  "/leak-folder/secret.txt",
];

function outsideFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "service-manual-outside-"));
  writeFileSync(path.join(dir, "secret.txt"), SECRET);
  writeFileSync(path.join(dir, "index.html"), `<!DOCTYPE html><title>x</title><p>${SECRET}</p>`);
  return dir;
}

/** The assertions every server must pass, given how to reach it. */
function describeServer(name: string, server: () => { port: number; alive: () => boolean }) {
  describe(name, () => {
    it("listens on 127.0.0.1 only when HOST is not set", async () => {
      const { port } = server();
      const addresses = listeningAddresses(port);
      if (addresses.length) assert.deepEqual([...new Set(addresses)], ["127.0.0.1"]);
      for (const address of externalAddresses()) {
        await assert.rejects(rawGet(port, "/", address), `reachable at ${address}:${port}`);
      }
      assert.ok(addresses.length || externalAddresses().length, "no way to tell which addresses the server listens on");
    });

    it("answers every hostile URL with 400, 404 or 414, and keeps running", async () => {
      const { port, alive } = server();
      const failures: string[] = [];
      for (const hostile of HOSTILE_PATHS) {
        const shown = hostile.length > 60 ? `${hostile.slice(0, 40)}… (${hostile.length} bytes)` : hostile;
        const response = await rawGet(port, hostile).catch((error: Error) => ({
          status: 0,
          headers: "",
          body: error.message,
        }));
        if (![400, 404, 414].includes(response.status))
          failures.push(`${shown}: ${response.status} ${response.body.slice(0, 200)}`);
        if (/root:.*:0:0:/.test(response.body)) failures.push(`${shown}: served /etc/passwd`);
        if (!alive()) {
          failures.push(`${shown}: the server stopped`);
          break;
        }
      }
      assert.deepEqual(failures, []);
      const home = await rawGet(port, "/");
      assert.equal(home.status, 200);
      assert.ok(alive(), "the server stopped");
    });

    it("never serves a symlink that leads out of the folder it serves", async () => {
      const { port, alive } = server();
      const failures: string[] = [];
      for (const linked of LINKED_PATHS) {
        const response = await rawGet(port, linked).catch((error: Error) => ({
          status: 0,
          headers: "",
          body: error.message,
        }));
        if (response.status !== 404) failures.push(`${linked}: ${response.status}`);
        if (response.body.includes(SECRET) || /root:.*:0:0:/.test(response.body))
          failures.push(`${linked}: served a file from outside the site`);
      }
      assert.deepEqual(failures, []);
      assert.equal((await rawGet(port, "/")).status, 200);
      assert.ok(alive(), "the server stopped");
    });
  });
}

const defaults = { HOST: undefined, PATH_PREFIX: undefined };

describe("the dev server (npm start)", () => {
  let dir: string;
  let outside: string;
  let server: DevServer | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "service-manual-servers-"));
    outside = outsideFolder();
    // The smallest site the generator makes: only requests are made, and most are refused before any page is read.
    await writeCorpus(path.join(dir, "content"), generateCorpus({ pages: 4, seed: 3 }));
    // The real `npm start`, in a process of its own, as anyone on the network would reach it. Only requests
    // are made, so the server need not be known to notice saves: no warm-up save.
    server = await startDevServer({
      projectRoot,
      contentDir: path.join(dir, "content"),
      outputDir: path.join(dir, "_site"),
      env: defaults,
    });
    plantLinks(path.join(dir, "_site"), outside);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  describeServer("on its own port", () => ({ port: server!.port, alive: () => server!.running() }));
});

describe("the preview server (npm run preview, and the gates' static server)", () => {
  let siteDir: string;
  let outside: string;
  let child: ChildProcess;
  let port: number;
  let exited = false;

  before(async () => {
    siteDir = writeFixtureSite({
      "index.html": "home page",
      "guide/index.html": "guide page",
      "404.html": "not found page",
    });
    outside = outsideFolder();
    plantLinks(siteDir, outside);
    mkdirSync(path.join(siteDir, "empty"));
    port = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", "scripts/preview.ts"], {
      cwd: projectRoot,
      env: { ...process.env, ...defaults, OUTPUT_DIR: siteDir, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.on("exit", () => (exited = true));
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (output.includes("Previewing")) resolve();
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.on("exit", () => reject(new Error(`the preview server stopped:\n${output}`)));
    });
  });
  after(() => {
    child?.kill("SIGTERM");
    rmSync(siteDir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  describeServer("on its own port", () => ({ port, alive: () => !exited }));
});
