import assert from "node:assert/strict";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import {
  linkAtomically,
  dueForPruning,
  removeOldFiles,
  writeAtomically,
  writeAtomicallySync,
} from "../../lib/cache-files.ts";

describe("cache files (lib/cache-files.ts)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cache-files-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a file whole into a folder it makes, leaving no partial file beside it", async () => {
    const file = path.join(dir, "entries", "one.json");
    await writeAtomically(file, "{}");
    assert.deepEqual(readdirSync(path.dirname(file)), ["one.json"]);
  });

  it("makes a folder again when it was removed after a first write into it, as a cache deleted by hand", async () => {
    const folder = path.join(dir, "removed");
    const source = path.join(dir, "source.txt");
    writeFileSync(source, "copied");
    for (const write of [
      (file: string) => writeAtomically(file, "async"),
      async (file: string) => writeAtomicallySync(file, "sync"),
      (file: string) => linkAtomically(source, file),
    ]) {
      await write(path.join(folder, "first.txt"));
      rmSync(folder, { recursive: true });
      await write(path.join(folder, "second.txt"));
      assert.deepEqual(readdirSync(folder), ["second.txt"]);
      rmSync(folder, { recursive: true });
    }
  });

  it("fails a link from a file that is not there, leaving nothing in its place", async () => {
    const folder = path.join(dir, "links");
    await writeAtomically(path.join(folder, "kept.txt"), "x");
    await assert.rejects(linkAtomically(path.join(dir, "missing.txt"), path.join(folder, "lost.txt")), {
      code: "ENOENT",
    });
    assert.deepEqual(readdirSync(folder), ["kept.txt"]);
  });

  it("links a file under its new name, sharing its storage, and replaces what was there", async () => {
    const source = path.join(dir, "linked-source.txt");
    writeFileSync(source, "page");
    const file = path.join(dir, "linked", "entry.html");
    await linkAtomically(source, file);
    writeFileSync(path.join(dir, "other.txt"), "other");
    await linkAtomically(path.join(dir, "other.txt"), file);
    assert.equal(readFileSync(file, "utf8"), "other");
    assert.equal(statSync(file).ino, statSync(path.join(dir, "other.txt")).ino);
    assert.deepEqual(readdirSync(path.dirname(file)), ["entry.html"]);
  });

  it("is due for pruning once a day: yes the first time, then no until the mark is a day old", async () => {
    const folder = path.join(dir, "due");
    assert.equal(await dueForPruning(folder), true);
    assert.equal(await dueForPruning(folder), false);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(path.join(folder, ".pruned"), twoDaysAgo, twoDaysAgo);
    assert.equal(await dueForPruning(folder), true);
  });

  it("removes only the matching files older than the time kept", async () => {
    const folder = path.join(dir, "old");
    await writeAtomically(path.join(folder, "old.js"), "x");
    writeFileSync(path.join(folder, "new.js"), "x");
    writeFileSync(path.join(folder, "old.txt"), "x");
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(path.join(folder, "old.js"), longAgo, longAgo);
    utimesSync(path.join(folder, "old.txt"), longAgo, longAgo);
    await removeOldFiles(folder, 30 * 24 * 60 * 60 * 1000, (name) => name.endsWith(".js"));
    assert.equal(existsSync(path.join(folder, "old.js")), false);
    assert.equal(existsSync(path.join(folder, "new.js")), true);
    assert.equal(existsSync(path.join(folder, "old.txt")), true, "a file the cache does not own stays");
  });
});
