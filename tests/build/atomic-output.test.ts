import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import {
  buildAtomically,
  exchangeFolders,
  returnSpareFolders,
  reuseSpareFolders,
} from "../../lib/build/atomic-output.ts";

const canExchange = process.platform === "linux" && spawnSync("python3", ["--version"]).status === 0;

const writeSite = (dir: string, text: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "index.html"), text);
};

describe("the atomic swap of a finished build", () => {
  it(
    "exchanges two folders in one step where the platform allows",
    { skip: !canExchange && "needs Linux and python3" },
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), "swap-"));
      writeSite(path.join(dir, "a"), "a");
      writeSite(path.join(dir, "b"), "b");
      assert.equal(exchangeFolders(path.join(dir, "a"), path.join(dir, "b")), true);
      assert.equal(readFileSync(path.join(dir, "a", "index.html"), "utf8"), "b");
      assert.equal(readFileSync(path.join(dir, "b", "index.html"), "utf8"), "a");
    },
  );

  it(
    "never leaves a moment without the site while builds replace it",
    { skip: !canExchange && "needs Linux and python3" },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "swap-"));
      const site = path.join(dir, "_site");
      const ready = path.join(dir, "ready");
      writeSite(site, "first");
      // A separate process polls as hard as it can while this one swaps, as a web server would read.
      // Two renames leave the site missing for a moment per build: builds for a second and a quarter
      // (at least three of them) against a reader this busy land in that moment, and the poll stops when they are done.
      const watcher = spawn(process.execPath, [
        "-e",
        `const fs = require("fs"); let misses = 0, reads = 0; const end = Date.now() + 10000;
       fs.writeFileSync(${JSON.stringify(ready)}, "");
       while (Date.now() < end && !fs.existsSync(${JSON.stringify(path.join(dir, "stop"))})) { reads++; if (!fs.existsSync(${JSON.stringify(path.join(site, "index.html"))})) misses++; }
       console.log(JSON.stringify({ misses, reads }));`,
      ]);
      let output = "";
      watcher.stdout.on("data", (chunk) => (output += chunk));
      // "close", not "exit": the process can exit before its last output has been read.
      const finished = new Promise((resolve) => watcher.on("close", resolve));
      while (!existsSync(ready)) await new Promise((resolve) => setTimeout(resolve, 10));
      const until = performance.now() + 1250;
      let builds = 0;
      for (; builds < 3 || performance.now() < until; builds++)
        await buildAtomically(site, async (staging) => writeSite(staging, `build ${builds}`));
      writeFileSync(path.join(dir, "stop"), "");
      await finished;
      const { misses, reads } = JSON.parse(output) as { misses: number; reads: number };
      assert.ok(reads > 1000, `the watcher read ${reads} times`);
      assert.equal(misses, 0);
      assert.equal(readFileSync(path.join(site, "index.html"), "utf8"), `build ${builds - 1}`);
    },
  );

  it("removes what killed builds left behind, and leaves a running build's folder alone", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "swap-"));
    const site = path.join(dir, "_site");
    writeSite(site, "old");
    // 2**22 is above Linux's largest process id, so no process has it.
    const killed = path.join(dir, `._site-building-${2 ** 22 + 1}-abc123`);
    const oldStyle = path.join(dir, "._site-building-Xy12Zq");
    const running = path.join(dir, `._site-building-${process.ppid}-def456`);
    for (const folder of [killed, oldStyle, running]) writeSite(folder, "half");
    await buildAtomically(site, async (staging) => writeSite(staging, "new"));
    assert.equal(existsSync(killed), false);
    assert.equal(existsSync(oldStyle), false);
    assert.equal(existsSync(running), true);
    assert.deepEqual(readdirSync(dir).sort(), ["._site-building-" + process.ppid + "-def456", "_site"]);
  });

  it("keeps the last good site when the build fails, and removes its own staging folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "swap-"));
    const site = path.join(dir, "_site");
    writeSite(site, "good");
    await assert.rejects(
      buildAtomically(site, async (staging) => {
        writeSite(staging, "half");
        throw new Error("broken page");
      }),
      /broken page/,
    );
    assert.equal(readFileSync(path.join(site, "index.html"), "utf8"), "good");
    assert.deepEqual(readdirSync(dir), ["_site"]);
  });

  it("builds a site where there was none", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "swap-"));
    await buildAtomically(path.join(dir, "_site"), async (staging) => writeSite(staging, "first"));
    assert.equal(readFileSync(path.join(dir, "_site", "index.html"), "utf8"), "first");
    assert.deepEqual(readdirSync(dir), ["_site"]);
  });
});

describe("the folders of the site a build replaced", () => {
  const filesUnder = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();

  it("are kept where asked and built in next time, emptied of its files, without the folders left empty", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "swap-"));
    const site = path.join(dir, "_site");
    const spare = path.join(dir, "cache", "spare");
    const pages = (staging: string, names: string[]) => {
      for (const name of names) writeSite(path.join(staging, name), name);
    };
    await buildAtomically(site, async (staging) => pages(staging, ["a", "b/c"]), { spare });
    await buildAtomically(site, async (staging) => pages(staging, ["a", "d"]), { spare });
    assert.deepEqual(filesUnder(spare), ["a/index.html", "b/c/index.html"]);
    const reused = await reuseSpareFolders(site, spare);
    assert.ok(reused, "the spare folders are taken");
    assert.equal(path.dirname(reused.staging), dir, "beside the site, to be swapped with it");
    assert.deepEqual(filesUnder(reused.staging), [], "not one of the last site but one's files is left");
    assert.equal(existsSync(spare), false);
    await buildAtomically(site, async (staging) => pages(staging, ["a", "e"]), {
      reused: Promise.resolve(reused),
      spare,
    });
    assert.deepEqual(filesUnder(site), ["a/index.html", "e/index.html"]);
    assert.deepEqual(readdirSync(site).sort(), ["a", "e"], "b and b/c, left empty, are gone");
    assert.deepEqual(readdirSync(dir).sort(), ["_site", "cache"]);
    assert.deepEqual(filesUnder(spare), ["a/index.html", "d/index.html"]);
  });

  it("are given back when the build fails before it can use them, and not taken twice", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "swap-"));
    const site = path.join(dir, "_site");
    const spare = path.join(dir, "spare");
    for (const text of ["first", "second"])
      await buildAtomically(site, async (staging) => writeSite(staging, text), { spare });
    const reused = await reuseSpareFolders(site, spare);
    assert.ok(reused);
    assert.equal(await reuseSpareFolders(site, spare), undefined, "a second build alongside makes its own");
    await returnSpareFolders(reused, spare);
    assert.deepEqual(readdirSync(dir).sort(), ["_site", "spare"]);
    assert.equal(readFileSync(path.join(site, "index.html"), "utf8"), "second");
  });
});

describe("what a finished build may hold", () => {
  it("refuses to publish a symbolic link, keeping the last good site", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "swap-"));
    const site = path.join(dir, "_site");
    writeSite(site, "good");
    await assert.rejects(
      buildAtomically(site, async (staging) => {
        writeSite(staging, "new");
        symlinkSync("/etc/passwd", path.join(staging, "passwd"));
      }),
      /symbolic links.*passwd/,
    );
    assert.equal(readFileSync(path.join(site, "index.html"), "utf8"), "good");
    assert.deepEqual(readdirSync(dir), ["_site"]);
  });
});
