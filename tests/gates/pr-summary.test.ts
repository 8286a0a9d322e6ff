import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import {
  changedOnSite,
  escapeMarkdown,
  parseGateOutput,
  parseNameStatus,
  prSummaryMarkdown,
  pullRequestComparison,
  type GateOutput,
} from "../../lib/gates/pr-summary.ts";
import { projectRoot } from "../helpers/built-site.ts";

const run = promisify(execFile);
const runner = path.join(projectRoot, "scripts/run.mjs");
const ARTIFACT = "https://github.com/defra/manual/actions/runs/42/artifacts/7";

const linksOutput = [
  "> service-manual@0.1.0 check:links",
  "> tsx scripts/check-links.ts",
  "",
  '/roles/service-owner/: error: <a href="/guides/gone/"> points to /guides/gone/, which does not exist',
  '/roles/: error: <a href="/roles/old-name/"> points to /roles/old-name/, which does not exist',
  '/roles/: error: <a href="/roles/old-name-two/"> points to /roles/old-name-two/, which does not exist',
  "",
  "check:links: 3 problems in 40 URLs in 6 pages and 1 stylesheets (site /x/_site, prefix /).",
].join("\n");
const htmlOutput = [
  "/guides/new%20page/: error: guides/new page/index.html:12:3: heading-level: Heading level can only increase by one",
  "/a-to-z/: error: a-to-z/index.html:4:1: no-dup-id: Duplicate ID `x`",
  "",
  "check:html: 2 problems in 6 pages (site /x/_site, prefix /).",
].join("\n");

describe("reading git's list of changed files", () => {
  it("reads each kind of change, renames with both names, and names with spaces as they are", () => {
    const output = [
      "M",
      "content/roles/service-owner.md",
      "A",
      "content/guides/new page.md",
      "R087",
      "content/roles/old-name.md",
      "content/roles/new-name.md",
      "D",
      "content/guides/gone.md",
      "C100",
      "content/a.md",
      "content/b.md",
      "T",
      "content/c.md",
      "",
    ].join("\0");
    assert.deepEqual(parseNameStatus(output), [
      { kind: "modified", file: "content/roles/service-owner.md" },
      { kind: "added", file: "content/guides/new page.md" },
      { kind: "renamed", file: "content/roles/new-name.md", from: "content/roles/old-name.md" },
      { kind: "deleted", file: "content/guides/gone.md" },
      { kind: "added", file: "content/b.md" },
      { kind: "modified", file: "content/c.md" },
    ]);
    assert.deepEqual(parseNameStatus(""), []);
  });
});

describe("what a changed content file is on the site", () => {
  it("maps pages to their URLs as the content loader does", () => {
    assert.deepEqual(changedOnSite("content", "content/roles/service-owner.md"), {
      what: "page",
      url: "/roles/service-owner/",
    });
    assert.deepEqual(changedOnSite("content", "content/roles/index.md"), { what: "page", url: "/roles/" });
    assert.deepEqual(changedOnSite("content", "content/index.md"), { what: "page", url: "/" });
    assert.deepEqual(changedOnSite("content", "content/guides/new page.md"), {
      what: "page",
      url: "/guides/new%20page/",
    });
  });

  it("tells site data, folder defaults and public files from pages, and names what is never published", () => {
    assert.deepEqual(changedOnSite("content", "content/_data/site.json"), { what: "site data" });
    assert.deepEqual(changedOnSite("content", "content/_data/navigation.yaml"), { what: "site data" });
    assert.deepEqual(changedOnSite("content", "content/guides/guides.11tydata.json"), {
      what: "folder defaults",
      url: "/guides/",
    });
    assert.deepEqual(changedOnSite("content", "content/public/images/map.png"), {
      what: "public file",
      url: "/public/images/map.png",
    });
    assert.equal(changedOnSite("content", "content/_drafts/idea.md").what, "not published");
    assert.equal(changedOnSite("content", "content/.obsidian/app.json").what, "not published");
    assert.equal(changedOnSite("content", "content/guides/notes.txt").what, "not published");
    assert.equal(changedOnSite("content", "content/guides/other.11tydata.json").what, "not published");
  });
});

describe("reading a gate's saved output", () => {
  it("takes each finding by the page it names, and the closing line", () => {
    const links = parseGateOutput("check:links", linksOutput);
    assert.equal(links.outcome, "failed");
    assert.match(links.closing, /^check:links: 3 problems in 40 URLs/);
    assert.deepEqual(
      links.findings.map((finding) => finding.page),
      ["/roles/service-owner/", "/roles/", "/roles/"],
    );
    assert.equal(parseGateOutput("check:html", htmlOutput).findings[0].page, "/guides/new%20page/");
  });

  it("tells a pass, a gate that could not run, one cut short and one never run apart", () => {
    assert.equal(
      parseGateOutput("check:a11y", "check:a11y: no problems in 3 pages (site s, prefix /).").outcome,
      "passed",
    );
    assert.equal(parseGateOutput("check:a11y", "check:a11y could not run: no Chromium").outcome, "could not run");
    assert.equal(
      parseGateOutput("check:a11y", "check:a11y: no built site in /x: run `npm run build` first").outcome,
      "could not run",
    );
    assert.equal(
      parseGateOutput("check:a11y", "/a/: error: image-alt (critical, desktop): …").outcome,
      "could not run",
    );
    assert.equal(parseGateOutput("check:a11y", undefined).outcome, "not run");
  });
});

describe("finding the commits a pull request compares", () => {
  it("takes the event's base and head commits, else GITHUB_BASE_REF against what is checked out", () => {
    assert.deepEqual(
      pullRequestComparison({}, { pull_request: { base: { sha: "b".repeat(40) }, head: { sha: "h".repeat(40) } } }),
      {
        base: "b".repeat(40),
        head: "h".repeat(40),
      },
    );
    assert.deepEqual(pullRequestComparison({ GITHUB_BASE_REF: "main" }, undefined), {
      base: "origin/main",
      head: "HEAD",
    });
    assert.ok("problem" in pullRequestComparison({}, undefined));
  });
});

describe("the summary's Markdown", () => {
  const gates: GateOutput[] = [
    parseGateOutput("check:links", linksOutput),
    parseGateOutput("check:html", htmlOutput),
    parseGateOutput("check:a11y", undefined),
  ];
  const markdown = prSummaryMarkdown({
    changes: [
      { kind: "modified", file: "content/roles/service-owner.md" },
      { kind: "renamed", file: "content/roles/new-name.md", from: "content/roles/old-name.md" },
      { kind: "deleted", file: "content/guides/gone.md" },
      { kind: "added", file: "content/guides/a|b.md" },
    ],
    contentDir: "content",
    pathPrefix: "/",
    gates,
    previewUrl: ARTIFACT,
    base: "a".repeat(40),
    head: "HEAD",
  });

  it("has a row per change, linking the page to the preview and naming its file there", () => {
    assert.match(
      markdown,
      /^Compared `aaaaaaa`\.\.\.`HEAD` in `content\/`: 4 files \(1 modified, 1 added, 1 renamed, 1 deleted\)\.$/m,
    );
    assert.ok(
      markdown.includes(
        `| [/roles/service-owner/](${ARTIFACT}) | modified \`content/roles/service-owner.md\` | \`roles/service-owner/index.html\` | 1 finding | none | not run |`,
      ),
      markdown,
    );
    assert.ok(
      markdown.includes(
        `| [/roles/new-name/](${ARTIFACT}) (was /roles/old-name/) | renamed from \`content/roles/old-name.md\` to \`content/roles/new-name.md\` | \`roles/new-name/index.html\` | 1 finding | none | not run |`,
      ),
      markdown,
    );
    assert.ok(
      markdown.includes(
        "| ~~/guides/gone/~~ | deleted `content/guides/gone.md` | no longer published | 1 finding | — | not run |",
      ),
      markdown,
    );
    // A | in a file name stays inside its cell.
    assert.ok(markdown.includes("added `content/guides/a\\|b.md`"), markdown);
  });

  it("lists each page's findings, with the links still pointing at a moved or deleted page's old address", () => {
    const findings = markdown.slice(markdown.indexOf("### Findings on these pages"));
    assert.match(
      findings,
      /#### \/roles\/service-owner\/\n\n- check:links: `\/roles\/service-owner\/: error: <a href="\/guides\/gone\/">/,
    );
    assert.match(
      findings,
      /#### \/roles\/new-name\/ \(was \/roles\/old-name\/\)\n\n- check:links: `\/roles\/: error: <a href="\/roles\/old-name\/">/,
    );
    assert.doesNotMatch(findings, /old-name-two/, "a longer address that starts the same is another page");
    assert.match(
      findings,
      /#### \/guides\/gone\/ \(deleted\)\n\n- check:links: `\/roles\/service-owner\/: error: <a href="\/guides\/gone\/">/,
    );
    assert.doesNotMatch(
      markdown,
      /a-to-z/,
      "findings on pages the pull request did not change are left to the gates' steps",
    );
  });

  it("says how each gate ended", () => {
    assert.match(markdown, /^- \*\*check:links\*\*: failed, 3 findings: `check:links: 3 problems in 40 URLs/m);
    assert.match(markdown, /^- \*\*check:html\*\*: failed, 2 findings: /m);
    assert.match(markdown, /^- \*\*check:a11y\*\*: not run: `did not run: an earlier step failed`$/m);
  });

  it("escapes what Markdown would read as markup", () => {
    assert.equal(escapeMarkdown("a_b*c|d<e>[f](g)"), "a\\_b\\*c\\|d\\<e\\>\\[f\\](g)");
  });
});

describe("scripts/pr-summary.ts in a pull request's checkout", () => {
  let repo: string;
  let summaryFile: string;
  let summary: string;
  let base: string;
  let head: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  };
  const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;

  before(async () => {
    repo = mkdtempSync(path.join(tmpdir(), "pr-summary-"));
    git("init", "--quiet", "--initial-branch=main");
    git("config", "user.email", "editor@example.gov.uk");
    git("config", "user.name", "An editor");
    git("config", "commit.gpgsign", "false");
    write("content/_data/site.json", `{ "serviceName": "Manual" }\n`);
    write("content/index.md", page("Home", "Welcome."));
    write("content/roles/service-owner.md", page("Service owner", "Owns the service."));
    write(
      "content/roles/old-name.md",
      page("Product manager", "A long page that keeps its words when it moves.\n".repeat(20)),
    );
    write("content/guides/gone.md", page("Gone", "Soon removed."));
    write("content/roles/unchanged.md", page("Unchanged", "Stays as it is."));
    write("README.md", "Outside content.\n");
    git("add", ".");
    git("commit", "--quiet", "-m", "Base");
    base = git("rev-parse", "HEAD");
    git("checkout", "--quiet", "-b", "editor/changes");
    write("content/roles/service-owner.md", page("Service owner", "Owns the service, end to end."));
    write("content/guides/new page.md", page("New page", "Added."));
    renameSync(path.join(repo, "content/roles/old-name.md"), path.join(repo, "content/roles/new-name.md"));
    unlinkSync(path.join(repo, "content/guides/gone.md"));
    write("content/_data/site.json", `{ "serviceName": "The manual" }\n`);
    write("README.md", "Changed outside content.\n");
    git("add", "--all");
    git("commit", "--quiet", "-m", "Head");
    head = git("rev-parse", "HEAD");

    write("gate-results/check-links.txt", linksOutput);
    write("gate-results/check-html.txt", htmlOutput);
    // The built site, in which the added page is missing, as a draft would be.
    for (const built of ["index.html", "roles/service-owner/index.html", "roles/new-name/index.html"]) {
      write(`_site/${built}`, "<!doctype html>");
    }
    write("event.json", JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head } } }));
    summaryFile = path.join(repo, "step-summary.md");
    writeFileSync(summaryFile, "An earlier step's summary.\n");

    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !name.startsWith("GITHUB_") && !["CONTENT_DIR", "OUTPUT_DIR", "PATH_PREFIX"].includes(name),
      ),
    );
    // As the workflow's step starts it.
    await run(process.execPath, [runner, "pr-summary"], {
      cwd: repo,
      env: {
        ...env,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_EVENT_PATH: path.join(repo, "event.json"),
        GITHUB_BASE_REF: "main",
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "defra/manual",
        GITHUB_RUN_ID: "42",
      },
    });
    summary = readFileSync(summaryFile, "utf8");
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it("appends to the step summary, after what earlier steps wrote", () => {
    assert.ok(summary.startsWith("An earlier step's summary.\n## Pages this pull request changes\n"), summary);
  });

  it("compares the pull request's base and head commits, in the content folder only", () => {
    assert.ok(
      summary.includes(
        `Compared \`${base.slice(0, 7)}\`...\`${head.slice(0, 7)}\` in \`content/\`: 5 files (2 modified, 1 added, 1 renamed, 1 deleted).`,
      ),
      summary,
    );
    assert.doesNotMatch(summary, /README|unchanged/);
  });

  it("says site data changes every page, and gives the whole site's gate results for it", () => {
    assert.match(summary, /^\*\*Every page changes:\*\* `content\/_data\/site.json` is site data/m);
    assert.ok(
      summary.includes(
        "| every page | modified `content/_data/site.json` (site data: every page changes) | — | failed, 3 findings | failed, 2 findings | not run |",
      ),
      summary,
    );
  });

  it("links to the run's artifacts when the upload step gave no artifact address", () => {
    assert.ok(
      summary.includes("[download it from this run](https://github.com/defra/manual/actions/runs/42#artifacts)"),
      summary,
    );
  });

  it("lists every changed page with its findings, and says which the build left out", () => {
    const preview = "https://github.com/defra/manual/actions/runs/42#artifacts";
    assert.ok(
      summary.includes(
        `| [/roles/service-owner/](${preview}) | modified \`content/roles/service-owner.md\` | \`roles/service-owner/index.html\` | 1 finding | none | not run |`,
      ),
      summary,
    );
    assert.ok(
      summary.includes(
        `| [/guides/new%20page/](${preview}) | added \`content/guides/new page.md\` | not built | none | 1 finding | not run |`,
      ),
      summary,
    );
    assert.ok(
      summary.includes(
        `| [/roles/new-name/](${preview}) (was /roles/old-name/) | renamed from \`content/roles/old-name.md\` to \`content/roles/new-name.md\` | \`roles/new-name/index.html\` | 1 finding | none | not run |`,
      ),
      summary,
    );
    assert.ok(
      summary.includes(
        "| ~~/guides/gone/~~ | deleted `content/guides/gone.md` | no longer published | 1 finding | — | not run |",
      ),
      summary,
    );
    assert.match(
      summary,
      /#### \/guides\/new%20page\/\n\n- check:html: `\/guides\/new%20page\/: error: guides\/new page\/index.html:12:3: heading-level: /,
    );
    assert.match(summary, /^Not in the preview: `content\/guides\/new page.md`\./m);
  });
});
