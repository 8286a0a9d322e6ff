import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { SAVED_GATES } from "../../lib/gates/pr-summary.ts";
import { projectRoot } from "../helpers/built-site.ts";

interface Step {
  name?: string;
  if?: string;
  shell?: string;
  uses?: string;
  run?: string;
  id?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  steps: Step[];
}
interface Workflow {
  on: { pull_request?: unknown; push?: { branches?: string[] }; schedule?: { cron: string }[] };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/pages.yml"), "utf8")) as Workflow;
const runs = (job: Job) => job.steps.map((step) => step.run ?? "").join("\n");
const checksJob = Object.entries(workflow.jobs).find(([, job]) => /npm test/.test(runs(job)))!;
const deployJob = Object.entries(workflow.jobs).find(([, job]) =>
  job.steps.some((step) => step.uses?.startsWith("actions/deploy-pages@")),
)!;

const jobRunning = (script: string) => Object.entries(workflow.jobs).find(([, job]) => runs(job).includes(script))!;
const checksOut = (job: Job) => job.steps.find((step) => step.uses?.startsWith("actions/checkout@"));

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

  it("builds from the whole git history wherever it builds, so published pages have their Last updated dates", () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (!runs(job).includes("npm run build") || name === "external-links") continue;
      assert.equal(checksOut(job)?.with?.["fetch-depth"], 0, `${name} checks out with fetch-depth: 0`);
    }
  });

  it("rebuilds and deploys every day, so review notices appear on the day they fall due", () => {
    const [cron] = workflow.on.schedule ?? [];
    assert.match(cron?.cron ?? "", /^\d+ \d+ \* \* \*$/, "a daily cron");
    const [, deploy] = deployJob;
    // A scheduled run is on the default branch and is not a pull request, so the deploy job's condition lets it through.
    assert.doesNotMatch(deploy.if ?? "", /github\.event_name == 'push'/);
  });

  it("keeps the built site of a pull request as an artifact", () => {
    const [, job] = checksJob;
    const upload = job.steps.find(
      (step) => step.uses?.startsWith("actions/upload-artifact@") && step.with?.path === "_site/",
    );
    assert.ok(upload, "the checks job uploads _site/");
  });

  it("saves each gate's output for the pull request summary, and still fails the step when the gate fails", () => {
    const [, job] = checksJob;
    for (const { gate, file } of SAVED_GATES) {
      const step = job.steps.find((candidate) => candidate.run?.includes(`npm run ${gate}`));
      assert.ok(step, `a step runs ${gate}`);
      assert.equal(step.shell, "bash", `${gate}: pipefail needs bash, not the container's sh`);
      assert.match(step.run ?? "", /^set -o pipefail$/m, `${gate}: a failing gate fails its step through tee`);
      assert.match(step.run ?? "", /^mkdir -p gate-results$/m);
      assert.ok(
        step.run?.includes(`npm run ${gate} 2>&1 | tee gate-results/${file}`),
        `${gate} saves what it prints, errors included, to gate-results/${file}`,
      );
    }
  });

  it("writes the pull request summary whatever failed, after the preview is uploaded, linking to that artifact", () => {
    const [, job] = checksJob;
    const summary = job.steps.findIndex((step) => step.run?.includes("node scripts/run.mjs pr-summary"));
    assert.ok(summary >= 0, "a step runs scripts/pr-summary.ts");
    assert.ok(existsSync(path.join(projectRoot, "scripts/pr-summary.ts")));
    const step = job.steps[summary];
    assert.match(step.if ?? "", /^always\(\)/, "it runs when a gate has failed, which is when it matters most");
    assert.match(step.if ?? "", /github\.event_name == 'pull_request'/);
    const upload = job.steps.findIndex((candidate) => candidate.with?.name === "site-preview");
    assert.ok(upload >= 0 && upload < summary, "the preview is uploaded first, so its address is known");
    const uploadId = job.steps[upload].id;
    assert.ok(uploadId, "the upload step has an id to read its outputs by");
    assert.equal(step.env?.PREVIEW_ARTIFACT_URL, `\${{ steps.${uploadId}.outputs.artifact-url }}`);
    const lastGate = Math.max(
      ...SAVED_GATES.map(({ gate }) => job.steps.findIndex((candidate) => candidate.run?.includes(`npm run ${gate}`))),
    );
    assert.ok(lastGate < summary, "every gate has saved its output by then");
  });

  for (const name of ["content-health-issues", "external-links"]) {
    const script = `scripts/${name}.ts`;
    // How the workflow starts a command with no npm script of its own (scripts/run.mjs).
    const command = `node scripts/run.mjs ${name}`;
    it(`runs ${script} on the schedule only, with a token that may write issues`, () => {
      assert.ok(existsSync(path.join(projectRoot, script)), `${script} exists`);
      const found = jobRunning(command);
      assert.ok(found, `a job runs ${script}`);
      const [name, job] = found;
      assert.match(job.if ?? "", /github\.event_name == 'schedule'/, `${name} runs on the schedule`);
      assert.doesNotMatch(job.if ?? "", /pull_request/);
      assert.equal(job.permissions?.issues, "write");
      const step = job.steps.find((candidate) => candidate.run?.includes(command));
      assert.equal(step?.env?.GH_TOKEN, "${{ github.token }}");
      const commands = runs(job);
      assert.ok(commands.indexOf("npm run build") < commands.indexOf(command), "it reads a fresh build");
    });
  }
});
