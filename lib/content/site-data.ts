import path from "node:path";
import { z } from "zod";
import { readDataFile } from "./data-file.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { didYouMean } from "./nearest.ts";
import { issuesToDiagnostics } from "./schema-issues.ts";
import { Href, NavigationItem } from "../schema/front-matter.ts";

/** The site-wide settings editors change: branding, navigation and footer. One file: content/_data/site.json. */
export const SiteData = z.object({
  /** `defra` (default) uses a text logotype and system fonts; `govuk` is only for services on GOV.UK (crown, logotype, GDS Transport). */
  brand: z.enum(["defra", "govuk"]).default("defra"),
  /** The organisation's name in the header logotype (Defra branding). */
  organisationName: z.string().min(1),
  /** The service name in the service navigation. */
  serviceName: z.string().min(1),
  /** Where the service name links to. */
  serviceUrl: Href.default("/"),
  /** Show the main navigation unless a page says otherwise. */
  showMainNavigation: z.boolean().default(true),
  /** The site's main navigation; an item is marked current for pages under its URL. */
  navigation: z.array(NavigationItem).default([]),
  /** Links in the footer's meta area. */
  footerLinks: z.array(NavigationItem).default([]),
  /** The browser theme colour. */
  themeColour: z.string().regex(/^#[0-9a-f]{6}$/i).default("#00703c"),
  /** The site's public URL without the path prefix, for absolute links such as the sitemap. */
  url: z.string().url(),
  /** The source repository, for "Edit this page" links. */
  repository: z.object({ url: z.string().url(), branch: z.string().default("main") }).optional(),
});
export type SiteData = z.infer<typeof SiteData>;

/**
 * Settings that stand in for a site.json with errors, so every page can still be checked and all
 * problems are reported at once. The errors themselves stop the build, so these are never published.
 */
const STAND_IN: SiteData = SiteData.parse({ organisationName: "Site", serviceName: "Site", url: "https://example.invalid" });

/**
 * Reads and validates content/_data/site.json. Problems are diagnostics naming the file, line and
 * field, as for pages, never a thrown error: with any error, `site` holds stand-in settings.
 */
export async function loadSiteData(absolutePath: string, projectRoot = process.cwd()): Promise<{ site: SiteData; file: string; diagnostics: Diagnostic[] }> {
  const file = path.relative(projectRoot, absolutePath);
  const { value, diagnostics } = await readDataFile(absolutePath, file);
  if (!value) {
    if (!diagnostics.length) diagnostics.push({ severity: "error", file, message: "is missing: every site needs its settings (organisationName, serviceName, url) in this file" });
    return { site: STAND_IN, file, diagnostics };
  }
  const known = Object.keys(SiteData.shape);
  for (const key of Object.keys(value.data as object)) {
    if (!known.includes(key)) diagnostics.push({ severity: "warning", file, line: value.lineOf([key]), field: key, message: `is not a setting this site uses, so it is ignored${didYouMean(key, known)}` });
  }
  const result = SiteData.safeParse(value.data);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(value.data, result.error.issues, (fieldPath) => ({ file, line: value.lineOf(fieldPath) })));
    return { site: STAND_IN, file, diagnostics };
  }
  return { site: result.data, file, diagnostics };
}
