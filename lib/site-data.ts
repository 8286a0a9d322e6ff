import { readFile } from "node:fs/promises";
import { z } from "zod";
import { Href, NavigationItem } from "./front-matter.ts";

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

export async function loadSiteData(file: string): Promise<SiteData> {
  const raw = JSON.parse(await readFile(file, "utf8"));
  const result = SiteData.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${file}: ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(problems.join("\n"));
  }
  return result.data;
}
