import type { Diagnostic } from "../diagnostics.ts";
import type { SourcePage } from "../content/load-content.ts";
import type { ToolsData } from "../content/tools-data.ts";
import type { z } from "zod";
import { TOOL_CATEGORIES, TOOL_STATUSES, type TagColour as TagColourSchema } from "../schema/front-matter.ts";

// One collator: localeCompare with a locale builds a new one on every comparison.
const byEnglishTitle = new Intl.Collator("en").compare;

type TagColour = z.infer<typeof TagColourSchema>;

export type ToolStatus = (typeof TOOL_STATUSES)[number];
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

/** What each ring of the radar means, as the Defra manual words it; the order is the rings' from the centre out. */
export const STATUSES: Record<
  ToolStatus,
  { label: string; tagColour: TagColour; blipColour: string; description: string }
> = {
  using: {
    label: "Using",
    tagColour: "green",
    blipColour: "#00703c",
    description: "Used by teams across Defra today.",
  },
  trialling: {
    label: "Trialling",
    tagColour: "blue",
    blipColour: "#1d70b8",
    description: "Being trialled with some teams before wider use.",
  },
  exploring: {
    label: "Exploring",
    tagColour: "grey",
    blipColour: "#505a5f",
    description: "Being looked at. Not yet a recommendation either way.",
  },
};

const CATEGORY_LABELS: Record<ToolCategory, string> = {
  assistant: "Assistant",
  platform: "Platform",
  framework: "Framework",
  extension: "Extension",
};

// Angles in degrees: 0 points right and they grow clockwise, as SVG's y grows downwards. Each category
// fills a quarter, in this order from 0 degrees, which puts Assistant top right and Platform bottom right.
const QUADRANT_ORDER: ToolCategory[] = ["platform", "framework", "extension", "assistant"];

/** Each ring's outer edge (drawn as a circle) and the radius its blips sit on, in SVG units. */
const RING: Record<ToolStatus, { boundary: number; mid: number }> = {
  using: { boundary: 110, mid: 70 },
  trialling: { boundary: 200, mid: 155 },
  exploring: { boundary: 285, mid: 242 },
};

/** The diagram's coordinates: a square viewBox that scales to its container. */
export interface RadarGeometry {
  size: number;
  centre: number;
  /** The rings' outer edges, from the centre out. */
  ringBoundaries: number[];
}

const GEOMETRY: RadarGeometry = {
  size: 600,
  centre: 300,
  ringBoundaries: TOOL_STATUSES.map((status) => RING[status].boundary),
};

/** One tool on the radar: a row of the table, a numbered blip and an entry in the tool pages' navigation. */
export interface ToolRow {
  slug: string;
  title: string;
  status: ToolStatus;
  statusLabel: string;
  tagColour: TagColour;
  category: ToolCategory;
  categoryLabel: string;
  /** The tool page's URL. */
  href: string;
  /** Its place in the table and the number on its blip, from 1. */
  number: number;
}

/** A numbered point on the diagram, linking to its tool page. */
export interface RadarBlip {
  number: number;
  title: string;
  href: string;
  statusLabel: string;
  categoryLabel: string;
  colour: string;
  x: number;
  y: number;
}

/** The tools radar: every tool page with its status and category, worked out once per build from the content. */
export interface ToolsRadarView {
  /** The statuses from the centre out, each with what it means and its tag colour. */
  statuses: { key: ToolStatus; label: string; description: string; tagColour: TagColour; blipColour: string }[];
  /** The quadrants, each with the corner its label sits in. */
  categories: { key: ToolCategory; label: string; labelX: number; labelY: number; labelAnchor: "start" | "end" }[];
  geometry: RadarGeometry;
  /** Status labels along the vertical axis, each on its ring. */
  ringLabels: { label: string; x: number; y: number }[];
  /** Every tool, by status (centre out) then title, numbered from 1. */
  rows: ToolRow[];
  /** The rows of each status, every status present even when it has none. */
  rowsByStatus: { status: ToolStatus; label: string; rows: ToolRow[]; start: number }[];
  blips: RadarBlip[];
  /** The first `layout: radar-table` page, which lists every tool. */
  tableHref?: string;
  /** The first `layout: radar-diagram` page. */
  diagramHref?: string;
}

/** One tool page's place on the radar, for `layout: tool`, with the radar's navigation marking this page. */
export interface ToolView extends ToolRow {
  navigation: {
    label: string;
    groups: { title?: string; items: { text: string; href: string; current: boolean }[] }[];
  };
}

const RADAR_LAYOUTS = new Set(["radar-table", "radar-diagram"]);

const byStatusThenTitle = (a: { status: ToolStatus; title: string }, b: { status: ToolStatus; title: string }) =>
  TOOL_STATUSES.indexOf(a.status) - TOOL_STATUSES.indexOf(b.status) || byEnglishTitle(a.title, b.title);

/**
 * Where each tool sits: the tools sharing a ring and quadrant are spread evenly across the quadrant's
 * angle on the ring's middle radius, in table order, so the same tools always give the same picture.
 */
function blipsFor(rows: ToolRow[]): RadarBlip[] {
  const cells = new Map<string, ToolRow[]>();
  for (const row of rows) {
    const key = `${row.status}|${row.category}`;
    cells.set(key, [...(cells.get(key) ?? []), row]);
  }
  const blips: RadarBlip[] = [];
  for (const cell of cells.values()) {
    const start = QUADRANT_ORDER.indexOf(cell[0].category) * 90;
    const radius = RING[cell[0].status].mid;
    cell.forEach((row, index) => {
      const radians = ((start + ((index + 1) / (cell.length + 1)) * 90) * Math.PI) / 180;
      blips.push({
        number: row.number,
        title: row.title,
        href: row.href,
        statusLabel: row.statusLabel,
        categoryLabel: row.categoryLabel,
        colour: STATUSES[row.status].blipColour,
        x: Math.round((GEOMETRY.centre + radius * Math.cos(radians)) * 10) / 10,
        y: Math.round((GEOMETRY.centre + radius * Math.sin(radians)) * 10) / 10,
      });
    });
  }
  return blips;
}

/** A quadrant label's corner of the square: right for the quarters right of centre, bottom for those below it. */
function categoryCorner(category: ToolCategory): { labelX: number; labelY: number; labelAnchor: "start" | "end" } {
  const quadrant = QUADRANT_ORDER.indexOf(category);
  const right = quadrant === 0 || quadrant === 3;
  const bottom = quadrant === 0 || quadrant === 1;
  return {
    labelX: right ? GEOMETRY.size - 10 : 12,
    labelY: bottom ? GEOMETRY.size - 8 : 24,
    labelAnchor: right ? "end" : "start",
  };
}

/** Where a page's front matter field was written, for messages. */
const at = (source: SourcePage, field: string) => ({ file: source.file, line: source.locate([field]).line, field });

/**
 * The radar from the tool pages (`layout: tool` with `toolSlug`) and content/_data/tools.yaml; undefined
 * when the site has no tools.
 *
 * tools.yaml is the list the Defra manual keeps, so where it has the tool its status, category and title
 * win; a page's own `status` and `category` place a tool the file does not list (and a page that
 * disagrees with the file gets a warning, so the two cannot silently drift). A listed tool with no page
 * would be a dead link on the radar, so it is an error, and so is a tool page that neither gives. When two
 * pages give the same `toolSlug`, the first in URL order is the tool's page and the other is an error.
 */
export function toolsRadarFor(
  sources: SourcePage[],
  tools: ToolsData | undefined,
  diagnostics: Diagnostic[],
): ToolsRadarView | undefined {
  const entries = new Map((tools?.tools ?? []).map((tool) => [tool.slug, tool]));
  const invalid = new Set(tools?.invalidSlugs ?? []);
  const pageOf = new Map<string, SourcePage>();
  const placed: Omit<ToolRow, "number">[] = [];
  const ordered = [...sources].sort((a, b) => a.url.localeCompare(b.url));

  for (const source of ordered) {
    const fm = source.frontMatter;
    if (fm.layout !== "tool") {
      if (fm.toolSlug !== undefined) {
        diagnostics.push({
          severity: "warning",
          ...at(source, "toolSlug"),
          message: "is read only on pages with `layout: tool`, so this page is not on the tools radar",
        });
      }
      continue;
    }
    if (fm.toolSlug === undefined) {
      diagnostics.push({
        severity: "warning",
        ...at(source, "layout"),
        message:
          "a tool page without `toolSlug` is not on the tools radar: add `toolSlug:` with the tool's slug in content/_data/tools.yaml",
      });
      continue;
    }
    const slug = fm.toolSlug;
    const other = pageOf.get(slug);
    if (other) {
      diagnostics.push({
        severity: "error",
        ...at(source, "toolSlug"),
        message: `"${slug}" is also the toolSlug of ${other.file}: each tool has one page, so give this one its own slug`,
      });
      continue;
    }
    pageOf.set(slug, source);
    const entry = entries.get(slug);
    if (entry) {
      for (const field of ["status", "category"] as const) {
        if (fm[field] !== undefined && fm[field] !== entry[field]) {
          diagnostics.push({
            severity: "warning",
            ...at(source, field),
            message: `is "${fm[field]}" but ${tools!.file}${entry.line ? ` (line ${entry.line})` : ""} says "${entry[field]}", which the radar shows: change one so they agree`,
          });
        }
      }
    } else if (invalid.has(slug)) {
      continue;
    } else {
      const missing = (["status", "category"] as const).filter((field) => fm[field] === undefined);
      if (missing.length) {
        const where = tools ? `is not listed in ${tools.file}` : "has no entry in content/_data/tools.yaml";
        diagnostics.push({
          severity: "error",
          ...at(source, "toolSlug"),
          message: `"${slug}" ${where} and the page gives no ${missing.map((field) => `\`${field}\``).join(" or ")}, so the radar cannot place it: add the tool to the file, or ${missing.map((field) => `\`${field}:\``).join(" and ")} to the page`,
        });
        continue;
      }
    }
    const status = entry?.status ?? fm.status!;
    const category = entry?.category ?? fm.category!;
    placed.push({
      slug,
      title: entry?.title ?? fm.title,
      status,
      statusLabel: STATUSES[status].label,
      tagColour: STATUSES[status].tagColour,
      category,
      categoryLabel: CATEGORY_LABELS[category],
      href: source.url,
    });
  }

  for (const entry of tools?.tools ?? []) {
    if (pageOf.has(entry.slug)) continue;
    const index = tools!.tools.indexOf(entry);
    diagnostics.push({
      severity: "error",
      file: tools!.file,
      line: entry.line,
      field: `tools.${index}.slug`,
      message: `no page has \`toolSlug: ${entry.slug}\`, so "${entry.title}" would be a dead link on the radar: add a page with \`layout: tool\` and \`toolSlug: ${entry.slug}\`, or remove the entry`,
    });
  }

  const radarPages = ordered.filter((source) => RADAR_LAYOUTS.has(source.frontMatter.layout ?? ""));
  if (!placed.length) {
    for (const source of radarPages) {
      diagnostics.push({
        severity: "warning",
        ...at(source, "layout"),
        message: `shows the tools radar, but the site has no tool pages (\`layout: tool\` with \`toolSlug\`), so it shows none`,
      });
    }
    return undefined;
  }

  const rows = placed.sort(byStatusThenTitle).map((row, index) => ({ ...row, number: index + 1 }));
  const firstOf = (layout: string) => radarPages.find((source) => source.frontMatter.layout === layout)?.url;
  return {
    statuses: TOOL_STATUSES.map((key) => ({ key, ...STATUSES[key] })),
    categories: TOOL_CATEGORIES.map((key) => ({ key, label: CATEGORY_LABELS[key], ...categoryCorner(key) })),
    geometry: GEOMETRY,
    ringLabels: TOOL_STATUSES.map((status) => ({
      label: STATUSES[status].label,
      x: GEOMETRY.centre + 6,
      y: GEOMETRY.centre - RING[status].mid + 2,
    })),
    rows,
    rowsByStatus: TOOL_STATUSES.map((status) => {
      const ofStatus = rows.filter((row) => row.status === status);
      return { status, label: STATUSES[status].label, rows: ofStatus, start: ofStatus[0]?.number ?? 1 };
    }),
    blips: blipsFor(rows),
    tableHref: firstOf("radar-table"),
    diagramHref: firstOf("radar-diagram"),
  };
}

/** The radar entry of the tool a page describes, with the radar's navigation marking the page as current. */
export function toolViewFor(radar: ToolsRadarView | undefined, source: SourcePage): ToolView | undefined {
  if (!radar || source.frontMatter.layout !== "tool") return undefined;
  const row = radar.rows.find((candidate) => candidate.href === source.url);
  if (!row) return undefined;
  const link = (text: string, href: string) => ({ text, href, current: href === source.url });
  return {
    ...row,
    navigation: {
      label: "Tools radar",
      groups: [
        ...(radar.tableHref ? [{ title: "Tools radar", items: [link("All tools", radar.tableHref)] }] : []),
        ...radar.rowsByStatus
          .filter((group) => group.rows.length)
          .map((group) => ({ title: group.label, items: group.rows.map((each) => link(each.title, each.href)) })),
      ],
    },
  };
}
