import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { lastCommitDates } from "../../lib/content/git-dates.ts";

let scratch: string;
let repository: string;

function git(cwd: string, args: string[], date?: string) {
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    stdio: "pipe",
  });
}

function commit(files: Record<string, string>, date: string) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repository, file)), { recursive: true });
    writeFileSync(path.join(repository, file), text);
  }
  git(repository, ["add", "."]);
  git(repository, ["commit", "-q", "-m", `change at ${date}`], date);
}

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "git-dates-"));
  repository = path.join(scratch, "repository");
  mkdirSync(repository);
  git(repository, ["init", "-q"]);
  commit({ "content/a.md": "1", "content/b.md": "1", "content/sub/c.md": "1", "other.md": "1" }, "2024-01-01T10:00:00Z");
  commit({ "content/a.md": "2", "content/café.md": "2" }, "2024-02-01T10:00:00Z");
  commit({ "content/sub/c.md": "3", "other.md": "3" }, "2024-03-01T10:00:00Z");
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe("lastCommitDates", () => {
  it("gives each file under the folder the date of the last commit that changed it, keyed from the project root, names with accents included", async () => {
    const dates = await lastCommitDates(path.join(repository, "content"), repository);
    assert.deepEqual(Object.fromEntries([...dates].map(([file, date]) => [file, date.toISOString()])), {
      "content/a.md": "2024-02-01T10:00:00.000Z",
      "content/b.md": "2024-01-01T10:00:00.000Z",
      "content/café.md": "2024-02-01T10:00:00.000Z",
      "content/sub/c.md": "2024-03-01T10:00:00.000Z",
    });
  });

  it("gives no date, rather than a wrong one, to files last changed before a shallow clone's history starts", async () => {
    const clone = path.join(scratch, "shallow");
    execFileSync("git", ["clone", "-q", "--depth", "2", `file://${repository}`, clone], { stdio: "pipe" });
    const dates = await lastCommitDates(path.join(clone, "content"), clone);
    assert.deepEqual([...dates.keys()], ["content/sub/c.md"]);
    assert.equal(dates.get("content/sub/c.md")?.toISOString(), "2024-03-01T10:00:00.000Z");
  });

  it("is empty outside a git repository", async () => {
    const plain = path.join(scratch, "plain");
    mkdirSync(path.join(plain, "content"), { recursive: true });
    writeFileSync(path.join(plain, "content", "a.md"), "1");
    assert.equal((await lastCommitDates(path.join(plain, "content"), plain)).size, 0);
  });

  it("asks git nothing about a folder outside the project's repository, and asks it about one inside", async () => {
    // A git first on the PATH that notes each call: starting a process costs more than a small site's build.
    const bin = path.join(scratch, "noting-bin");
    const calls = path.join(scratch, "git-calls");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "git"), `#!/bin/sh\necho called >> "${calls}"\nexit 1\n`, { mode: 0o755 });
    const outside = path.join(scratch, "outside", "content");
    mkdirSync(outside, { recursive: true });
    const originalPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${originalPath}`;
    try {
      assert.equal((await lastCommitDates(outside, repository)).size, 0);
      assert.equal(existsSync(calls), false, "git was started for a folder outside the repository");
      await lastCommitDates(path.join(repository, "content"), repository);
      assert.equal(existsSync(calls), true, "git was not started for the repository's own folder");
    } finally {
      process.env.PATH = originalPath;
    }
  });
});
