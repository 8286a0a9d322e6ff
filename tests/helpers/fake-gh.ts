import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { GhProgram } from "../../lib/gates/github-issues.ts";

/** An issue as the fake keeps it. */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  assignees: string[];
  comments: string[];
}

interface Answer {
  code: number;
  stdout: string;
  stderr: string;
}

// The fake's one implementation, plain CommonJS so that both the `gh` on PATH and this process can load it:
// it answers from a JSON file of issues and records each call's arguments, one JSON line each.
const PROGRAM = `const fs = require("node:fs");
exports.answer = function answer(args, env) {
  fs.appendFileSync(env.FAKE_GH_LOG, JSON.stringify(args) + "\\n");
  const done = (code, stdout, stderr) => ({ code, stdout: stdout || "", stderr: stderr || "" });
  const unknown = () => done(1, "", "fake gh: unknown command " + args.join(" ") + "\\n");
  if (env.FAKE_GH_FAIL) return done(1, "", env.FAKE_GH_FAIL + "\\n");
  const state = JSON.parse(fs.readFileSync(env.FAKE_GH_STATE, "utf8"));
  const save = () => fs.writeFileSync(env.FAKE_GH_STATE, JSON.stringify(state, null, 2));
  const option = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
  const all = (name) => args.flatMap((arg, i) => (arg === name ? [args[i + 1]] : []));
  const [noun, verb, target] = args;
  if (noun === "label" && verb === "create") return done(0);
  if (noun !== "issue") return unknown();
  const find = () => state.issues.find((issue) => issue.number === Number(target));
  if (verb === "list") {
    const label = option("--label");
    const listed = state.issues
      .filter((issue) => issue.state === option("--state") && (!label || issue.labels.includes(label)))
      .map((issue) => ({ number: issue.number, title: issue.title, body: issue.body, assignees: issue.assignees.map((login) => ({ login })) }));
    return done(0, JSON.stringify(listed));
  }
  if (verb === "create") {
    const number = Math.max(0, ...state.issues.map((issue) => issue.number)) + 1;
    state.issues.push({ number, title: option("--title"), body: option("--body"), state: "open", labels: all("--label"), assignees: all("--assignee"), comments: [] });
    save();
    return done(0, "https://github.com/owner/repo/issues/" + number + "\\n");
  }
  if (verb === "edit") {
    const issue = find();
    if (option("--title") !== undefined) issue.title = option("--title");
    if (option("--body") !== undefined) issue.body = option("--body");
    issue.assignees.push(...all("--add-assignee"));
    save();
    return done(0);
  }
  if (verb === "close") {
    const issue = find();
    issue.state = "closed";
    if (option("--comment")) issue.comments.push(option("--comment"));
    save();
    return done(0);
  }
  return unknown();
};
`;

/**
 * A folder holding a fake `gh`, the environment that puts it first on PATH, the same fake as a GhProgram to
 * hand a command's body in this process (no process started per call), and readers of what it saw.
 */
export function fakeGh(issues: FakeIssue[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), "fake-gh-"));
  const bin = path.join(dir, "bin");
  const gh = path.join(bin, "gh");
  const program = path.join(dir, "fake-gh.cjs");
  const state = path.join(dir, "state.json");
  const log = path.join(dir, "calls.jsonl");
  mkdirSync(bin);
  writeFileSync(program, PROGRAM);
  writeFileSync(
    gh,
    [
      "#!/usr/bin/env node",
      `const answer = require(${JSON.stringify(program)}).answer(process.argv.slice(2), process.env);`,
      "process.stdout.write(answer.stdout);",
      "process.stderr.write(answer.stderr);",
      "process.exitCode = answer.code;",
      "",
    ].join("\n"),
  );
  chmodSync(gh, 0o755);
  writeFileSync(state, JSON.stringify({ issues }));
  writeFileSync(log, "");
  const env = { PATH: `${bin}${path.delimiter}${process.env.PATH}`, FAKE_GH_STATE: state, FAKE_GH_LOG: log };
  const { answer } = createRequire(import.meta.url)(program) as {
    answer: (args: string[], env: NodeJS.ProcessEnv) => Answer;
  };
  return {
    dir,
    env,
    /** The fake in this process, failing as execFile does when `gh` exits non-zero: with its code and stderr. */
    program: (async (args) => {
      const { code, stdout, stderr } = answer(args, env);
      if (code === 0) return stdout;
      throw Object.assign(new Error(`Command failed: gh ${args.join(" ")}\n${stderr}`), { code, stdout, stderr });
    }) satisfies GhProgram,
    issues: (): FakeIssue[] => JSON.parse(readFileSync(state, "utf8")).issues,
    calls: (): string[][] =>
      readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    clearCalls: () => writeFileSync(log, ""),
  };
}
