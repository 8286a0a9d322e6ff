import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { projectRoot } from "../helpers/built-site.ts";

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  steps: Step[];
}
interface Workflow {
  on: { pull_request?: unknown; push?: { branches?: string[] } };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/pages.yml"), "utf8")) as Workflow;
const runs = (job: Job) => job.steps.map((step) => step.run ?? "").join("\n");
const checksJob = Object.entries(workflow.jobs).find(([, job]) => /npm test/.test(runs(job)))!;
const deployJob = Object.entries(workflow.jobs).find(([, job]) =>
  job.steps.some((step) => step.uses?.startsWith("actions/deploy-pages@")),
)!;

describe("the GitHub Pages workflow", () => {
  it("runs on pull requests and on pushes to main", () => {
    assert.ok("pull_request" in workflow.on);
    assert.deepEqual(workflow.on.push?.branches, ["main"]);
  });

  it("has a checks job that installs without downloads, installs Debian's Chromium, builds and runs every check", () => {
    assert.ok(checksJob, "a job runs npm test");
    const [, job] = checksJob;
    const commands = runs(job);
    assert.equal(workflow.env?.CHROMEDRIVER_SKIP_DOWNLOAD, "true");
    assert.match(commands, /apt-get install [^\n]*chromium chromium-driver/);
    assert.match(commands, /npm ci/);
    for (const command of [
      "npm run typecheck",
      "npm run lint",
      "npm run build",
      "npm run check:links",
      "npm run check:html",
      "npm run check:a11y",
      "npm run check:audit",
      "npm test",
    ]) {
      assert.ok(commands.includes(command), `checks job runs ${command}`);
    }
    assert.ok(
      commands.indexOf("npm run typecheck") < commands.indexOf("npm test"),
      "type errors are their own step, before the tests",
    );
    assert.ok(
      commands.indexOf("npm run lint") < commands.indexOf("npm test"),
      "lint is its own step, before the tests",
    );
    assert.doesNotMatch(
      commands,
      /NPM_AUDIT_UNAVAILABLE/,
      "GitHub's registry answers audits, so an unanswered audit must fail there",
    );
  });

  it("deploys only from main, after the checks job passes", () => {
    assert.ok(deployJob, "a job uses actions/deploy-pages");
    const [name, job] = deployJob;
    assert.notEqual(name, checksJob[0]);
    assert.ok([job.needs].flat().includes(checksJob[0]), `${name} needs ${checksJob[0]}`);
    assert.match(job.if ?? "", /github\.ref == 'refs\/heads\/main'/);
    assert.match(job.if ?? "", /github\.event_name != 'pull_request'/);
  });

  it("builds with the path prefix actions/configure-pages reports, then uploads and deploys that build", () => {
    const [, job] = deployJob;
    const uses = job.steps.map((step) => step.uses?.split("@")[0]);
    const configure = job.steps.findIndex((step) => step.uses?.startsWith("actions/configure-pages@"));
    const build = job.steps.findIndex((step) => step.run?.includes("npm run build"));
    const upload = uses.indexOf("actions/upload-pages-artifact");
    const deploy = uses.indexOf("actions/deploy-pages");
    assert.ok(
      configure >= 0 && configure < build && build < upload && upload < deploy,
      `step order: ${uses.join(", ")}`,
    );
    const pagesId = job.steps[configure].id;
    assert.ok(pagesId, "configure-pages has an id to read its outputs by");
    assert.equal(job.steps[build].env?.PATH_PREFIX, `\${{ steps.${pagesId}.outputs.base_path }}`);
    assert.equal(job.steps[upload].with?.path, "_site");
  });

  it("gives the deploy job the permissions and environment GitHub Pages requires", () => {
    const [, job] = deployJob;
    assert.equal(job.permissions?.pages, "write");
    assert.equal(job.permissions?.["id-token"], "write");
    assert.equal(job.environment?.name, "github-pages");
    const deployStep = job.steps.find((step) => step.uses?.startsWith("actions/deploy-pages@"));
    assert.equal(job.environment?.url, `\${{ steps.${deployStep?.id}.outputs.page_url }}`);
  });
});
