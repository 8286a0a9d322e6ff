import { existsSync, realpathSync, statSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic } from "../lib/diagnostics.ts";
import { defaultsForPage, loadDirectoryData } from "../lib/content/directory-data.ts";
import { importBlocked, planFolderImport } from "../lib/content/import/import-folder.ts";
import { importPage } from "../lib/content/import/import-page.ts";
import { loadContent, parsePage, urlForFile } from "../lib/content/load-content.ts";
import { loadNavigationData } from "../lib/content/navigation-data.ts";
import { loadSiteData } from "../lib/content/site-data.ts";
import { createWikiLinkResolver, listPublicFiles } from "../lib/content/wiki-link-targets.ts";
import { siteSettings } from "../lib/settings.ts";

const USAGE = `Usage: npm run import -- <file> [--to content/section/page.md] [--force]
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

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        to: { type: "string" },
        force: { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(USAGE);

const projectRoot = process.cwd();
const contentDir = path.resolve(projectRoot, siteSettings().contentDir);
const sourceFile = path.resolve(positionals[0]);
if (!existsSync(sourceFile)) fail(`${positionals[0]}: no such file`);
if (statSync(sourceFile).isDirectory()) {
  await importFolder(sourceFile);
  process.exit(process.exitCode ?? 0);
}

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
const from = values.to ? path.relative(projectRoot, path.resolve(values.to)) : undefined;
const sourceBytes = await readFile(sourceFile);
const importTo = (url?: string) =>
  importPage(shownSource, sourceBytes, (link) => resolveWikiLink({ ...link, from }), {
    siteName: siteData.site.serviceName,
    url,
  });
// Without --to the page's place comes from its title, so it is read once to learn the title, then again
// knowing its address, which `slug` and `permalink` are read against.
const firstReading = values.to ? undefined : importTo().page;
const destination = path.resolve(
  values.to ?? path.join(contentDir, firstReading?.suggestedName ?? path.basename(sourceFile)),
);
const { page, diagnostics } = importTo(urlForFile(contentDir, destination));
if (!page) fail(diagnostics.map(formatDiagnostic).join("\n"));

const shownDestination = path.relative(projectRoot, destination);
if (!destination.endsWith(".md")) fail(`--to ${values.to}: a page's file name ends in .md`);
if (path.relative(contentDir, destination).startsWith(".."))
  fail(`--to ${values.to}: pages go inside ${path.relative(projectRoot, contentDir)}/`);
if (existsSync(destination) && realpathSync(destination) === realpathSync(sourceFile)) {
  fail(
    `${shownDestination} is the file being imported: the original is never changed, so choose another place with --to`,
  );
}
if (existsSync(destination) && !values.force)
  fail(`${shownDestination} already exists: give --force to replace it, or choose another place with --to`);

// Check the result the way the build will read it, in its new place, before writing anything.
const [navigation, directories] = await Promise.all([
  loadNavigationData(contentDir, projectRoot),
  loadDirectoryData(contentDir, projectRoot),
]);
const checked = parsePage(shownDestination, urlForFile(contentDir, destination), new TextEncoder().encode(page.text), {
  navigation: { navigation: navigation.navigation, file: navigation.file },
  defaults: defaultsForPage(directories.byFolder, contentDir, destination),
});

console.log(`Imported ${shownSource} as "${page.title}". What changed:`);
for (const change of page.changes) console.log(`  ${formatDiagnostic(change)}`);
if (checked.diagnostics.length) {
  console.log(`\nThe imported page still has these problems:`);
  for (const diagnostic of checked.diagnostics) console.log(`  ${formatDiagnostic(diagnostic)}`);
}
if (!checked.page)
  fail(`\nNothing was written: fix the errors above in ${shownSource} (or a copy of it) and import it again.`);

await mkdir(path.dirname(destination), { recursive: true });
await writeFile(destination, page.text);
console.log(
  `\nWrote ${shownDestination}; ${shownSource} is unchanged. Run \`npm run check\` to see the page among the others.`,
);

/** Brings a whole folder in, all or nothing, keeping each file's path. */
async function importFolder(sourceDir: string): Promise<void> {
  const into = path.resolve(values.to ?? contentDir);
  const shown = (absolute: string) => path.relative(projectRoot, absolute);
  if (path.relative(contentDir, into).startsWith("..") || path.isAbsolute(path.relative(contentDir, into)))
    fail(`--to ${values.to}: pages go inside ${shown(contentDir)}/`);
  if (!path.relative(sourceDir, contentDir).startsWith("..") || !path.relative(contentDir, sourceDir).startsWith(".."))
    fail(
      `${positionals[0]}: import a folder from outside ${shown(contentDir)}/, which does not hold it or sit inside it`,
    );
  const plan = await planFolderImport(sourceDir, contentDir, projectRoot, { into, replace: values.force });
  for (const page of plan.pages) {
    console.log(`${page.source} -> ${shown(page.destination)} (${page.url})`);
    for (const change of page.changes) console.log(`  ${formatDiagnostic(change)}`);
    for (const problem of page.problems) console.log(`  ${formatDiagnostic(problem)}`);
  }
  for (const file of plan.files) console.log(`${shown(file.source)} -> ${shown(file.destination)} (${file.url})`);
  for (const problem of plan.refused) console.log(formatDiagnostic(problem));
  const counts = `${plan.pages.length} page${plan.pages.length === 1 ? "" : "s"} and ${plan.files.length} other file${plan.files.length === 1 ? "" : "s"}`;
  if (importBlocked(plan))
    fail(`\nNothing was written: fix the errors above and import the folder again (${counts} were ready).`);
  if (values["dry-run"]) {
    console.log(`\nWould write ${counts}; --dry-run wrote nothing.`);
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
  console.log(
    `\nWrote ${counts}; ${shown(sourceDir)} is unchanged. Run \`npm run check\` to see them among the others.`,
  );
}
