import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { slugify } from "../lib/markdown/slugify.ts";
import { seededRandom, type Random } from "./random.ts";

/** A generated content folder: file paths relative to it, and their text. */
export interface Corpus {
  files: Map<string, string>;
  /** Every page's URL, in the order the pages were generated. */
  urls: string[];
}

interface Folder {
  dir: string;
  url: string;
  title: string;
  depth: number;
  /** The top-level section this folder is in (itself for a section). */
  section?: Folder;
  parent?: Folder;
}

interface PagePlan {
  file: string;
  url: string;
  title: string;
  folder: Folder;
  isIndex: boolean;
}

const SECTION_NAMES = [
  "Delivery groups",
  "Product and delivery",
  "Roles",
  "Related reading",
  "Playbooks",
  "Technology",
  "Design",
  "Data",
  "Security",
  "Operations",
  "Governance",
  "User research",
  "Content",
  "Assurance",
  "Funding",
];
const VERBS = [
  "Plan",
  "Run",
  "Choose",
  "Manage",
  "Review",
  "Design",
  "Publish",
  "Measure",
  "Understand",
  "Set up",
  "Assess",
  "Improve",
  "Prepare for",
  "Work with",
  "Budget for",
  "Recruit for",
  "Test",
  "Support",
  "Document",
  "Secure",
];
const OBJECTS = [
  "user research",
  "a service assessment",
  "the discovery phase",
  "an alpha",
  "a private beta",
  "a public beta",
  "live services",
  "accessibility testing",
  "performance data",
  "the product roadmap",
  "team governance",
  "supplier contracts",
  "cloud hosting",
  "data protection",
  "content design",
  "the service standard",
  "risk registers",
  "incident response",
  "technology choices",
  "open source code",
  "stakeholder reviews",
  "user needs",
  "prototypes",
  "agile ceremonies",
  "digital inclusion",
  "spend controls",
  "sprint planning",
  "API design",
  "identity checks",
  "paper forms",
  "service ownership",
  "delivery assurance",
];
const QUALIFIERS = [
  "",
  "",
  "",
  "in Defra",
  "for your team",
  "at scale",
  "with suppliers",
  "across a delivery group",
  "before you start",
];
const WORDS = (
  "service team user need delivery product owner manager research evidence decision budget roadmap outcome policy " +
  "standard assessment phase discovery alpha beta live data risk issue plan priority stakeholder profession role " +
  "support guidance process approval funding spend control contract supplier technology platform hosting security " +
  "privacy accessibility content design prototype iteration sprint backlog story release change governance board " +
  "group level function strategy portfolio performance measure metric report review audit record document template " +
  "meeting workshop session feedback survey interview analysis finding insight journey channel form letter email " +
  "digital paper phone office colleague citizen farmer business agency department partner network community"
).split(" ");
const LINKERS = ["the", "a", "your", "each", "every", "our", "this", "that", "any"];
const JOINERS = ["and", "or", "with", "for", "to", "from", "before", "after", "when", "so that", "because", "while"];
const VERB_WORDS = [
  "check",
  "agree",
  "share",
  "record",
  "review",
  "plan",
  "update",
  "publish",
  "test",
  "explain",
  "measure",
  "choose",
];
const TAGS = [
  "agile",
  "assurance",
  "accessibility",
  "budgets",
  "cloud",
  "content",
  "data",
  "discovery",
  "governance",
  "hiring",
  "live services",
  "open source",
  "performance",
  "policy",
  "procurement",
  "research",
  "risk",
  "security",
  "service design",
  "suppliers",
  "user needs",
];
const OWNERS = [
  "Product Community",
  "Delivery Management Community",
  "User Research Community",
  "Technology Office",
  "Service Design Community",
];
const ABBREVIATIONS = [
  ["DDTS", "Digital, Data and Technology Services"],
  ["GDS", "Government Digital Service"],
  ["SRO", "senior responsible owner"],
  ["API", "application programming interface"],
];

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const SYLLABLES =
  "ba be bi bo bu da de di do du fa fe fi fo ga ge go ha he hi ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi wa we wi ya yo za ze str pl gr tr an en in on un er ar or ent ion ing ed".split(
    " ",
  );

/**
 * The long tail of a real site's words: 25,000 made-up words, the n-th most common used about 1/n as
 * often as the first (Zipf's law, as in English text). Guidance reuses its own terms a great deal, but
 * 4,000 real pages still hold tens of thousands of different words, and a search index's size and
 * build time follow how many: a few hundred repeated words would flatter it.
 */
function longTailVocabulary(): { words: string[]; cumulative: Float64Array } {
  const random = seededRandom(0x5eed);
  const seen = new Set<string>(WORDS);
  const words: string[] = [];
  while (words.length < 25_000) {
    const word = Array.from({ length: random.int(2, 4) }, () => random.pick(SYLLABLES)).join("");
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  const cumulative = new Float64Array(words.length);
  let total = 0;
  words.forEach((_, rank) => (cumulative[rank] = total += 1 / (rank + 1)));
  return { words, cumulative };
}
let longTail: ReturnType<typeof longTailVocabulary> | undefined;

function longTailWord(random: Random): string {
  longTail ??= longTailVocabulary();
  const { words, cumulative } = longTail;
  const target = random.next() * cumulative[cumulative.length - 1];
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle] < target) low = middle + 1;
    else high = middle;
  }
  return words[low];
}

/** One plausible sentence of guidance, 8 to 20 words. */
function sentence(random: Random, words = random.int(8, 20)): string {
  const parts: string[] = [random.pick(LINKERS)];
  while (parts.length < words) {
    const roll = random.next();
    if (roll < 0.15) parts.push(random.pick(JOINERS));
    else if (roll < 0.3) parts.push(random.pick(VERB_WORDS));
    else if (roll < 0.4) parts.push(random.pick(LINKERS));
    else if (roll < 0.7) parts.push(random.pick(WORDS));
    else parts.push(longTailWord(random));
  }
  return `${capitalise(parts.join(" "))}.`;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Lays out folders (sections nested up to three deep) and the pages in them: every folder has an index.md. */
function planPages(random: Random, pageCount: number): { folders: Folder[]; pages: PagePlan[] } {
  const root: Folder = { dir: "", url: "/", title: "Defra digital service manual", depth: 0 };
  const folders: Folder[] = [root];
  const folderCount = Math.min(pageCount, Math.max(4, Math.ceil(pageCount / 16)));
  const sectionCount = Math.min(8, Math.max(1, Math.floor((folderCount - 1) / 2)));
  const usedSlugs = new Map<Folder, Set<string>>();
  const uniqueSlug = (parent: Folder, title: string) => {
    const used = usedSlugs.get(parent) ?? new Set<string>(["index"]);
    usedSlugs.set(parent, used);
    const base = slugify(title);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  };
  const topicTitle = () =>
    capitalise(
      `${random.pick(OBJECTS).replace(/^(a|an|the) /, "")} ${random.pick(["guidance", "standards", "practice", "in Defra", "basics", "tools"])}`,
    );

  for (let index = 1; index < folderCount; index++) {
    const isSection = index <= sectionCount;
    const candidates = folders.filter((folder) => folder.depth >= 1 && folder.depth < 3);
    const parent = isSection ? root : random.pick(candidates);
    const title = isSection ? SECTION_NAMES[index - 1] : topicTitle();
    const slug = uniqueSlug(parent, title);
    const folder: Folder = {
      dir: path.posix.join(parent.dir, slug),
      url: `${parent.url}${slug}/`,
      title,
      depth: parent.depth + 1,
      parent,
    };
    folder.section = isSection ? folder : parent.section;
    folders.push(folder);
  }

  const pages: PagePlan[] = folders.map((folder) => ({
    file: path.posix.join(folder.dir, "index.md"),
    url: folder.url,
    title: folder.title,
    folder,
    isIndex: true,
  }));
  for (let index = folders.length; index < pageCount; index++) {
    const folder = folders[random.int(1, folders.length - 1)];
    const qualifier = random.pick(QUALIFIERS);
    const title = `${random.pick(VERBS)} ${random.pick(OBJECTS)}${qualifier ? ` ${qualifier}` : ""}`;
    const slug = uniqueSlug(folder, title);
    pages.push({
      file: path.posix.join(folder.dir, `${slug}.md`),
      url: `${folder.url}${slug}/`,
      title,
      folder,
      isIndex: false,
    });
  }
  return { folders, pages };
}

function ancestorsOf(folder: Folder): Folder[] {
  const trail: Folder[] = [];
  for (let current: Folder | undefined = folder; current; current = current.parent) trail.unshift(current);
  return trail;
}

/** Front matter in the site's own dialect: caption, description, breadcrumbs, some section navigation and support boxes. */
function frontMatterFor(
  random: Random,
  page: PagePlan,
  siblings: PagePlan[],
  allPages: PagePlan[],
): Record<string, unknown> {
  const data: Record<string, unknown> = { title: page.title };
  const isHome = page.url === "/";
  if (!isHome) data.caption = page.folder.section?.title;
  if (isHome || random.chance(0.9)) data.description = sentence(random, random.int(12, 24));
  const isSectionIndex = page.isIndex && page.folder.depth === 1;
  if (isHome) data.layout = "full-width";
  else if (isSectionIndex || random.chance(0.1)) data.layout = "section";
  else if (random.chance(0.3)) data.layout = "two-thirds";

  if (isHome) data.breadcrumbs = [];
  else if (random.chance(0.7)) {
    const folders = ancestorsOf(page.isIndex ? page.folder.parent! : page.folder);
    data.breadcrumbs = [
      ...folders.map((folder) => ({ text: folder.depth === 0 ? "Home" : folder.title, href: folder.url })),
      { text: page.title },
    ];
  }

  if (data.layout === "section") {
    data.sectionTitle = page.folder.section?.title ?? page.folder.title;
    // Hrefs typed without the trailing slash, as editors do: the site model canonicalises them.
    const link = (target: PagePlan) => ({ text: target.title, href: target.url.replace(/\/$/, "") || "/" });
    data.sectionNav = [
      { title: "In this section", items: siblings.slice(0, 8).map(link) },
      { title: "Related guidance", items: Array.from({ length: random.int(2, 4) }, () => link(random.pick(allPages))) },
    ];
  }

  if (random.chance(0.25)) {
    const team = random.pick(["Product", "Delivery management", "User research", "Technology", "Service design"]);
    const email = `${slugify(team).replace(/-/g, ".")}@defra.gov.uk`;
    data.supportBox = {
      title: "Get support",
      description: `The <strong>${team} Community</strong> can help you understand these standards.<br><br>${sentence(random)}`,
      items: [`${team} email: <a href="mailto:${email}" class="govuk-link">${email}</a>`],
    };
  }

  if (random.chance(0.4)) {
    const year = random.int(2023, 2025);
    const month = String(random.int(1, 9)).padStart(2, "0");
    data.published = `${year}-${month}-${String(random.int(10, 28))}`;
    data.lastUpdated = `${year}-${String(Number(month) + 3).padStart(2, "0")}-${String(random.int(10, 28))}`;
    data.changeHistory = [{ date: data.lastUpdated, note: sentence(random, random.int(6, 12)) }];
  }
  if (random.chance(0.3)) data.order = random.int(1, 20);
  if (random.chance(0.3)) data.tags = [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(TAGS)))];
  if (random.chance(0.2)) {
    data.owner = random.pick(OWNERS);
    data.lastReviewed = `${random.int(2024, 2025)}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(10, 28))}`;
    data.reviewIn = random.pick(["6 months", "1 year"]);
  }
  return data;
}

/** A body of 600 to 1,200 words: h2 and h3 sections, lists, one table, links to other pages and some inline HTML. */
function bodyFor(random: Random, page: PagePlan, allPages: PagePlan[]): string {
  const target = random.int(600, 1000);
  const blocks: string[] = [];
  let words = 0;
  const add = (block: string) => {
    blocks.push(block);
    words += wordCount(block.replace(/<[^>]+>|\(\/[^)]*\)|\(https?:[^)]*\)|[#|*-]/g, " "));
  };
  const linkedSentence = () => {
    const other = random.pick(allPages);
    return random.chance(0.2)
      ? `Read the [GOV.UK Service Manual on ${random.pick(OBJECTS)}](https://www.gov.uk/service-manual/${slugify(random.pick(OBJECTS))}).`
      : `See [${other.title.toLowerCase()}](${other.url}) for more.`;
  };
  const paragraph = () => {
    const sentences = Array.from({ length: random.int(2, 5) }, () => sentence(random));
    if (random.chance(0.5)) sentences.splice(random.int(0, sentences.length), 0, linkedSentence());
    if (random.chance(0.2)) {
      const [short, long] = random.pick(ABBREVIATIONS);
      sentences.push(`Ask the <abbr title="${long}">${short}</abbr> team if you are <strong>not sure</strong>.`);
    }
    return sentences.join(" ");
  };
  const list = (ordered: boolean) =>
    Array.from(
      { length: random.int(3, 6) },
      (_, index) => `${ordered ? `${index + 1}.` : "-"} ${sentence(random, random.int(4, 10)).replace(/\.$/, "")}`,
    ).join("\n");
  const table = () => {
    const rows = Array.from(
      { length: random.int(3, 5) },
      () =>
        `| ${capitalise(random.pick(OBJECTS))} | ${sentence(random, random.int(4, 8))} | ${random.pick(["Alpha", "Beta", "Live"])} |`,
    );
    return ["| Activity | What to do | Phase |", "| --- | --- | --- |", ...rows].join("\n");
  };

  add(paragraph());
  let hasTable = false;
  let hasInset = false;
  const headings = new Set<string>();
  // Each block is added only while the page is short of its length, so bodies end between 600 and 1,200 words.
  const addWhileShort = (block: () => string) => words < target && add(block());
  while (words < target) {
    let heading = capitalise(`${random.pick(VERBS).toLowerCase()} ${random.pick(OBJECTS)}`);
    while (headings.has(heading)) heading += " again";
    headings.add(heading);
    add(`## ${heading}`);
    add(paragraph());
    if (random.chance(0.5)) addWhileShort(() => list(random.chance(0.3)));
    if (!hasTable && (random.chance(0.4) || words > target * 0.6)) {
      add(table());
      hasTable = true;
    }
    if (random.chance(0.4) && words < target) {
      add(`### ${capitalise(random.pick(WORDS))} ${random.pick(WORDS)} ${headings.size}`);
      add(paragraph());
    }
    if (!hasInset && random.chance(0.3)) {
      addWhileShort(() => `<div class="govuk-inset-text">\n  <p class="govuk-body">${sentence(random)}</p>\n</div>`);
      hasInset = true;
    }
    if (page.url !== "/" && random.chance(0.04))
      addWhileShort(
        () => `![A diagram of how ${random.pick(OBJECTS)} fits into a service](/public/images/diagram.svg)`,
      );
  }
  if (!hasTable) add(table());
  return `${blocks.join("\n\n")}\n`;
}

/** The site settings a corpus needs, shaped like content/_data/site.json; its navigation points at the first sections. */
function siteJson(folders: Folder[]): string {
  const sections = folders.filter((folder) => folder.depth === 1).slice(0, 4);
  return `${JSON.stringify(
    {
      brand: "defra",
      organisationName: "Defra",
      serviceName: "Defra digital service manual",
      serviceUrl: "/",
      showMainNavigation: true,
      navigation: sections.map((section) => ({ text: section.title, href: section.url })),
      footerLinks: [],
      themeColour: "#00703c",
      url: "https://defra.github.io",
      repository: { url: "https://github.com/DEFRA/service-manual", branch: "main" },
      accessibilityStatement: {
        contact: { email: "manual@example.gov.uk" },
        responseDays: 5,
        compliance: "partial",
        prepared: "2026-01-05",
      },
      privacy: { controller: "Defra", contactEmail: "privacy@example.gov.uk" },
    },
    null,
    2,
  )}\n`;
}

const DIAGRAM_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120"><rect width="320" height="120" fill="#f3f2f1"/><rect x="20" y="30" width="120" height="60" fill="#00703c"/><rect x="180" y="30" width="120" height="60" fill="#1d70b8"/></svg>\n`;

/**
 * Generates a content folder of `pages` Markdown pages that looks like this site's content.
 * The same seed and size always give the same files, byte for byte.
 */
export function generateCorpus({ pages: pageCount, seed }: { pages: number; seed: number }): Corpus {
  if (!Number.isInteger(pageCount) || pageCount < 4)
    throw new Error(`a corpus needs at least 4 pages, not ${pageCount}`);
  const random = seededRandom(seed);
  const { folders, pages } = planPages(random, pageCount);
  // A folder's index page sits among the folder's own pages in section navigation.
  const pagesByFolder = new Map<Folder, PagePlan[]>();
  for (const page of pages) {
    const list = pagesByFolder.get(page.folder) ?? [];
    list.push(page);
    pagesByFolder.set(page.folder, list);
  }

  const files = new Map<string, string>();
  files.set("_data/site.json", siteJson(folders));
  files.set("public/images/diagram.svg", DIAGRAM_SVG);
  for (const page of pages) {
    const frontMatter = frontMatterFor(random, page, pagesByFolder.get(page.folder) ?? [page], pages);
    const body = bodyFor(random, page, pages);
    files.set(page.file, `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n\n${body}`);
  }
  return { files, urls: pages.map((page) => page.url) };
}

/** Writes a corpus into a content folder. */
export async function writeCorpus(contentDir: string, corpus: Corpus): Promise<void> {
  const dirs = new Set([...corpus.files.keys()].map((file) => path.dirname(path.join(contentDir, file))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  await Promise.all([...corpus.files].map(([file, text]) => writeFile(path.join(contentDir, file), text)));
}
