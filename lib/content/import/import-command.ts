import { existsSync, realpathSync, statSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic } from "../../diagnostics.ts";
import { type Settings, readSettings } from "../../settings.ts";
import { defaultsForPage, loadDirectoryData } from "../directory-data.ts";
import { loadContent, parsePage, urlForFile } from "../load-content.ts";
import { loadNavigationData } from "../navigation-data.ts";
import { loadSiteData } from "../site-data.ts";
import { createWikiLinkResolver, listPublicFiles } from "../wiki-link-targets.ts";
import { importBlocked, planFolderImport } from "./import-folder.ts";
import { importPage } from "./import-page.ts";

export const IMPORT_USAGE = `Usage: npm run import -- <file> [--to content/section/page.md] [--force]
       npm run import -- <folder> [--to content/section/] [--force] [--dry-run]

Rewrites pages from Jekyll, Obsidian, Hugo, GOV.UK or the Defra service manual app into the
site's own front matter and places them in the content folder. The originals are never changed.

A file becomes one page. A folder (such as the Defra app's src/content/) is brought in whole:
each .md file keeps its path, so the folder tree stays the URL tree, and every other file (images,
PDFs) is copied to content/public/ at the same path, with the pages' relative links to it pointed
at its new URL. All or nothing: if any page would share a URL with a page already there or with
another file being imported (a.md and a/index.md), or would not build, nothing is written.
  --to       where to write the page (default: content/<title as a file name>.md), or the
             folder inside content/ a folder goes into (default: content/ itself)
  --force    replace pages and files at exactly the same paths
  --dry-run  say what a folder import would write, and write nothing`;

/** What `npm run import` printed, each stream as the terminal shows it, and the exit code it ends with. */
export interface ImportCommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ImportCommandOptions {
  /** The folder paths on the command line are read against, and diagnostics shown relative to. */
  projectRoot?: string;
  settings?: Settings;
}

/** Raised to end the command with exit code 1 after saying why on stderr. */
class Refusal extends Error {}

/**
 * `npm run import` with the given command-line arguments: writes the pages and files as the command does,
 * and returns what it would print rather than printing it, so that tests can run the command's own code
 * path in their own process. Only what the command refuses is reported this way; an unexpected failure
 * (an unreadable file) throws, as it would from the command.
 */
export async function runImportCommand(
  args: string[],
  { projectRoot = process.cwd(), settings = readSettings() }: ImportCommandOptions = {},
): Promise<ImportCommandResult> {
  const stdout: string[] = [];
  const say = (line: string) => stdout.push(`${line}\n`);
  const fail = (message: string): never => {
    throw new Refusal(message);
  };
  const result = (code: number, stderr = ""): ImportCommandResult => ({ code, stdout: stdout.join(""), stderr });

  try {
    const { values, positionals } = (() => {
      try {
        return parseArgs({
          args,
          allowPositionals: true,
          options: {
            to: { type: "string" },
            force: { type: "boolean", default: false },
            "dry-run": { type: "boolean", default: false },
            help: { type: "boolean", default: false },
          },
        });
      } catch (error) {
        return fail(`${(error as Error).message}\n\n${IMPORT_USAGE}`);
      }
    })();
    if (values.help) {
      say(IMPORT_USAGE);
      return result(0);
    }
    if (positionals.length !== 1) fail(IMPORT_USAGE);

    const contentDir = path.resolve(projectRoot, settings.contentDir);
    const sourceFile = path.resolve(projectRoot, positionals[0]);
    const to = values.to === undefined ? undefined : path.resolve(projectRoot, values.to);
    const context: ImportContext = { projectRoot, contentDir, writtenTo: values.to, to, force: values.force, say, fail };
    if (!existsSync(sourceFile)) fail(`${positionals[0]}: no such file`);
    if (statSync(sourceFile).isDirectory()) {
      await importFolder(context, sourceFile, positionals[0], values["dry-run"]);
    } else {
      await importFile(context, sourceFile);
    }
    return result(0);
  } catch (error) {
    if (error instanceof Refusal) return result(1, `${error.message}\n`);
    throw error;
  }
}

interface ImportContext {
  projectRoot: string;
  contentDir: string;
  /** --to as written, for messages. */
  writtenTo?: string;
  /** --to as an absolute path. */
  to?: string;
  force: boolean;
  say: (line: string) => void;
  fail: (message: string) => never;
}

/** Brings one file in as one page. */
async function importFile(
  { projectRoot, contentDir, writtenTo, to, force, say, fail }: ImportContext,
  sourceFile: string,
): Promise<void> {
  const [content, publicFiles, siteData] = await Promise.all([
    loadContent(contentDir, projectRoot),
    listPublicFiles(contentDir),
    loadSiteData(path.join(contentDir, "_data", "site.json"), projectRoot),
  ]);
  const resolveWikiLink = createWikiLinkResolver(
    content.pages.map((page) => ({
      url: page.url,
      title: page.frontMatter.title,
      aliases: page.frontMatter.aliases,
      file: page.file,
    })),
    { contentFolder: path.relative(projectRoot, contentDir), paths: publicFiles },
  );
  const shownSource = path.relative(projectRoot, sourceFile);
  // An embedded file beside the page's new place is found first, when --to says where that is.
  const from = writtenTo && to ? path.relative(projectRoot, to) : undefined;
  const sourceBytes = await readFile(sourceFile);
  const importTo = (url?: string) =>
    importPage(shownSource, sourceBytes, (link) => resolveWikiLink({ ...link, from }), {
      siteName: siteData.site.serviceName,
      url,
    });
  // Without --to the page's place comes from its title, so it is read once to learn the title, then again
  // knowing its address, which `slug` and `permalink` are read against.
  const firstReading = writtenTo ? undefined : importTo().page;
  const destination =
    to ?? path.resolve(contentDir, firstReading?.suggestedName ?? path.basename(sourceFile));
  const { page, diagnostics } = importTo(urlForFile(contentDir, destination));
  if (!page) return fail(diagnostics.map(formatDiagnostic).join("\n"));

  const shownDestination = path.relative(projectRoot, destination);
  if (!destination.endsWith(".md")) fail(`--to ${writtenTo}: a page's file name ends in .md`);
  if (path.relative(contentDir, destination).startsWith(".."))
    fail(`--to ${writtenTo}: pages go inside ${path.relative(projectRoot, contentDir)}/`);
  if (existsSync(destination) && realpathSync(destination) === realpathSync(sourceFile)) {
    fail(
      `${shownDestination} is the file being imported: the original is never changed, so choose another place with --to`,
    );
  }
  if (existsSync(destination) && !force)
    fail(`${shownDestination} already exists: give --force to replace it, or choose another place with --to`);

  // Check the result the way the build will read it, in its new place, before writing anything.
  const [navigation, directories] = await Promise.all([
    loadNavigationData(contentDir, projectRoot),
    loadDirectoryData(contentDir, projectRoot),
  ]);
  const checked = parsePage(
    shownDestination,
    urlForFile(contentDir, destination),
    new TextEncoder().encode(page.text),
    {
      navigation: { navigation: navigation.navigation, file: navigation.file },
      defaults: defaultsForPage(directories.byFolder, contentDir, destination),
    },
  );

  say(`Imported ${shownSource} as "${page.title}". What changed:`);
  for (const change of page.changes) say(`  ${formatDiagnostic(change)}`);
  if (checked.diagnostics.length) {
    say(`\nThe imported page still has these problems:`);
    for (const diagnostic of checked.diagnostics) say(`  ${formatDiagnostic(diagnostic)}`);
  }
  if (!checked.page)
    fail(`\nNothing was written: fix the errors above in ${shownSource} (or a copy of it) and import it again.`);

  await mkdir(path.dirname(destination), { recursive: true });
  await writeFile(destination, page.text);
  say(
    `\nWrote ${shownDestination}; ${shownSource} is unchanged. Run \`npm run check\` to see the page among the others.`,
  );
}

/** Brings a whole folder in, all or nothing, keeping each file's path. */
async function importFolder(
  { projectRoot, contentDir, writtenTo, to, force, say, fail }: ImportContext,
  sourceDir: string,
  writtenSource: string,
  dryRun: boolean,
): Promise<void> {
  const into = to ?? contentDir;
  const shown = (absolute: string) => path.relative(projectRoot, absolute);
  if (path.relative(contentDir, into).startsWith("..") || path.isAbsolute(path.relative(contentDir, into)))
    fail(`--to ${writtenTo}: pages go inside ${shown(contentDir)}/`);
  if (!path.relative(sourceDir, contentDir).startsWith("..") || !path.relative(contentDir, sourceDir).startsWith(".."))
    fail(`${writtenSource}: import a folder from outside ${shown(contentDir)}/, which does not hold it or sit inside it`);
  const plan = await planFolderImport(sourceDir, contentDir, projectRoot, { into, replace: force });
  for (const page of plan.pages) {
    say(`${page.source} -> ${shown(page.destination)} (${page.url})`);
    for (const change of page.changes) say(`  ${formatDiagnostic(change)}`);
    for (const problem of page.problems) say(`  ${formatDiagnostic(problem)}`);
  }
  for (const file of plan.files) say(`${shown(file.source)} -> ${shown(file.destination)} (${file.url})`);
  for (const problem of plan.refused) say(formatDiagnostic(problem));
  const counts = `${plan.pages.length} page${plan.pages.length === 1 ? "" : "s"} and ${plan.files.length} other file${plan.files.length === 1 ? "" : "s"}`;
  if (importBlocked(plan))
    fail(`\nNothing was written: fix the errors above and import the folder again (${counts} were ready).`);
  if (dryRun) {
    say(`\nWould write ${counts}; --dry-run wrote nothing.`);
    return;
  }
  for (const page of plan.pages) {
    await mkdir(path.dirname(page.destination), { recursive: true });
    await writeFile(page.destination, page.text);
  }
  for (const file of plan.files) {
    await mkdir(path.dirname(file.destination), { recursive: true });
    await copyFile(file.source, file.destination);
  }
  say(`\nWrote ${counts}; ${shown(sourceDir)} is unchanged. Run \`npm run check\` to see them among the others.`);
}
