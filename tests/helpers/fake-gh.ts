import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

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

// A `gh` that answers from a JSON file of issues and records each call's arguments, one JSON line each.
const SCRIPT = `#!/usr/bin/env node
const fs = require("node:fs");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_GH_LOG, JSON.stringify(args) + "\\n");
if (process.env.FAKE_GH_FAIL) { console.error(process.env.FAKE_GH_FAIL); process.exit(1); }
const state = JSON.parse(fs.readFileSync(process.env.FAKE_GH_STATE, "utf8"));
const save = () => fs.writeFileSync(process.env.FAKE_GH_STATE, JSON.stringify(state, null, 2));
const option = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const all = (name) => args.flatMap((arg, i) => (arg === name ? [args[i + 1]] : []));
const [noun, verb, target] = args;
if (noun === "label" && verb === "create") process.exit(0);
if (noun !== "issue") { console.error("fake gh: unknown command " + args.join(" ")); process.exit(1); }
const find = () => state.issues.find((issue) => issue.number === Number(target));
if (verb === "list") {
  const label = option("--label");
  const listed = state.issues
    .filter((issue) => issue.state === option("--state") && (!label || issue.labels.includes(label)))
    .map((issue) => ({ number: issue.number, title: issue.title, body: issue.body, assignees: issue.assignees.map((login) => ({ login })) }));
  process.stdout.write(JSON.stringify(listed));
} else if (verb === "create") {
  const number = Math.max(0, ...state.issues.map((issue) => issue.number)) + 1;
  state.issues.push({ number, title: option("--title"), body: option("--body"), state: "open", labels: all("--label"), assignees: all("--assignee"), comments: [] });
  save();
  console.log("https://github.com/owner/repo/issues/" + number);
} else if (verb === "edit") {
  const issue = find();
  if (option("--title") !== undefined) issue.title = option("--title");
  if (option("--body") !== undefined) issue.body = option("--body");
  issue.assignees.push(...all("--add-assignee"));
  save();
} else if (verb === "close") {
  const issue = find();
  issue.state = "closed";
  if (option("--comment")) issue.comments.push(option("--comment"));
  save();
} else { console.error("fake gh: unknown command " + args.join(" ")); process.exit(1); }
`;

/** A folder holding a fake `gh`, the environment that puts it first on PATH, and readers of what it saw. */
export function fakeGh(issues: FakeIssue[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), "fake-gh-"));
  const bin = path.join(dir, "bin");
  const gh = path.join(bin, "gh");
  const state = path.join(dir, "state.json");
  const log = path.join(dir, "calls.jsonl");
  mkdirSync(bin);
  writeFileSync(gh, SCRIPT);
  chmodSync(gh, 0o755);
  writeFileSync(state, JSON.stringify({ issues }));
  writeFileSync(log, "");
  return {
    dir,
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH}`, FAKE_GH_STATE: state, FAKE_GH_LOG: log },
    issues: (): FakeIssue[] => JSON.parse(readFileSync(state, "utf8")).issues,
    calls: (): string[][] =>
      readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    clearCalls: () => writeFileSync(log, ""),
  };
}
