import { existsSync, realpathSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic } from "../lib/diagnostics.ts";
import { defaultsForPage, loadDirectoryData } from "../lib/content/directory-data.ts";
import { importPage } from "../lib/content/import/import-page.ts";
import { loadContent, parsePage, urlForFile } from "../lib/content/load-content.ts";
import { loadNavigationData } from "../lib/content/navigation-data.ts";
import { createWikiLinkResolver } from "../lib/content/wiki-link-targets.ts";
import { siteSettings } from "../lib/settings.ts";

const USAGE = `Usage: npm run import -- <file> [--to content/section/page.md] [--force]

Rewrites a page from Jekyll, Obsidian, Hugo or GOV.UK into the site's own front matter and
places it in the content folder. The original file is never changed.
  --to     where to write the page (default: content/<title as a file name>.md)
  --force  replace a page that is already there`;

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

const content = await loadContent(contentDir, projectRoot);
const resolveWikiLink = createWikiLinkResolver(
  content.pages.map((page) => ({
    url: page.url,
    title: page.frontMatter.title,
    aliases: page.frontMatter.aliases,
    file: page.file,
  })),
);
const shownSource = path.relative(projectRoot, sourceFile);
const { page, diagnostics } = importPage(shownSource, await readFile(sourceFile), resolveWikiLink);
if (!page) fail(diagnostics.map(formatDiagnostic).join("\n"));

const destination = path.resolve(values.to ?? path.join(contentDir, page.suggestedName));
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
