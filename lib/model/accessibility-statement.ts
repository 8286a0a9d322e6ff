import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SiteData } from "../content/site-data.ts";
import { AXE_DISABLED_RULES, AXE_TAGS, MOBILE_VIEWPORT } from "../gates/axe-rules.ts";

/** What the gates over a built site check, as the accessibility statement reports it. */
export interface GateChecks {
  axe: { version: string; tags: readonly string[]; disabledRules: readonly string[]; widths: readonly string[] };
  htmlValidate: { version: string; presets: readonly string[] };
}

// The settings file lib/gates/html-validation.ts gives html-validate; read here as JSON, without loading html-validate.
const HTML_VALIDATE_CONFIG = path.resolve(import.meta.dirname, "../../.htmlvalidate.json");

/** The checks lib/gates/ runs today: axe's tags and disabled rules, the widths it runs at, html-validate's presets. */
export function currentGateChecks(): GateChecks {
  const require = createRequire(import.meta.url);
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  const config = JSON.parse(readFileSync(HTML_VALIDATE_CONFIG, "utf8")) as { extends?: string[] };
  return {
    axe: {
      version: version("axe-core"),
      tags: AXE_TAGS,
      disabledRules: AXE_DISABLED_RULES,
      widths: ["the browser's default desktop window", `${MOBILE_VIEWPORT.width} pixels wide`],
    },
    htmlValidate: {
      version: version("html-validate"),
      presets: (config.extends ?? []).map((preset) => preset.replace(/^html-validate:/, "")),
    },
  };
}

/** A WCAG version and level, such as 2.2 and AA. */
export interface WcagTarget {
  version: string;
  level: string;
}

/**
 * The WCAG versions and levels axe's tags cover (`wcag21aa` is WCAG 2.1 AA), and the standard they add
 * up to: the newest version at its highest level. Tags that name no WCAG level (`best-practice`) are left out.
 */
export function wcagTargets(tags: readonly string[]): { covered: WcagTarget[]; standard?: WcagTarget } {
  const covered = tags.flatMap((tag) => {
    const match = /^wcag(\d)(\d?)(a{1,3})$/.exec(tag);
    return match ? [{ version: `${match[1]}.${match[2] || "0"}`, level: match[3].toUpperCase() }] : [];
  });
  covered.sort((a, b) => a.version.localeCompare(b.version) || a.level.length - b.level.length);
  const newest = covered.at(-1)?.version;
  const level = covered.filter((target) => target.version === newest).at(-1)?.level;
  return { covered, standard: newest && level ? { version: newest, level } : undefined };
}

/** Where this build comes from, which decides what the statement may say about when the checks passed. */
export type BuildOrigin =
  { kind: "published"; date: Date; commit: string; runUrl: string } | { kind: "local"; date: Date };

/** One check in the statement's technical information. */
export interface CheckView {
  name: string;
  description: string;
}

/** One known problem as the statement lists it. */
export interface ExceptionView {
  description: string;
  criteria: string[];
  fix?: string;
}

/** What layouts/site-files/accessibility-statement.njk draws. */
export interface AccessibilityStatementView {
  organisation: string;
  serviceName: string;
  siteUrl: string;
  contact: { email?: string; phone?: string; hours?: string };
  responseDays?: number;
  enforcement: "ehrc" | "ecni";
  compliance?: "full" | "partial" | "not";
  /** Such as "2.2 AA", from axe's tags. */
  standard?: string;
  checks: CheckView[];
  /** When the checks last passed, as honestly as this build can say it. */
  checked: BuildOrigin;
  manualTesting?: string;
  nonCompliance: ExceptionView[];
  disproportionateBurden: ExceptionView[];
  outsideScope: ExceptionView[];
  improvements?: string;
  prepared?: Date;
  reviewed?: Date;
}

const listed = (items: readonly string[]): string =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** The checks section, in words, from what the gates run. */
export function checksRun(gates: GateChecks): CheckView[] {
  const { covered } = wcagTargets(gates.axe.tags);
  const byVersion = new Map<string, string[]>();
  for (const target of covered) byVersion.set(target.version, [...(byVersion.get(target.version) ?? []), target.level]);
  const criteria = listed([...byVersion].map(([version, levels]) => `WCAG ${version} level ${listed(levels)}`));
  const disabled = gates.axe.disabledRules.length
    ? ` Rules switched off: ${listed(gates.axe.disabledRules.map((rule) => `\`${rule}\``))}.`
    : " No rule is switched off.";
  return [
    {
      name: `axe-core ${gates.axe.version}`,
      description: `Automated accessibility testing of every page against axe's rules for ${criteria} (axe tags ${gates.axe.tags.join(", ")}), at ${listed([...gates.axe.widths])}.${disabled}`,
    },
    {
      name: `html-validate ${gates.htmlValidate.version}`,
      description: `Every page's HTML is checked against html-validate's ${listed([...gates.htmlValidate.presets])} rules, which include valid markup, unique ids, named landmarks and headings in order.`,
    },
    {
      name: "Link check",
      description:
        "Every link, page fragment, image, script and stylesheet within the site must lead somewhere that exists.",
    },
  ];
}

const dateOf = (written: string | undefined) => (written ? new Date(`${written}T00:00:00Z`) : undefined);

/** The accessibility statement's view: site.json's `accessibilityStatement`, and the checks the gates run. */
export function accessibilityStatement(
  site: Pick<SiteData, "organisationName" | "serviceName" | "url" | "accessibilityStatement">,
  gates: GateChecks,
  checked: BuildOrigin,
): AccessibilityStatementView {
  const data = site.accessibilityStatement;
  const exceptions = data?.exceptions ?? [];
  const of = (reason: string) =>
    exceptions
      .filter((exception) => exception.reason === reason)
      .map(({ description, criteria, fix }) => ({ description, criteria, fix }));
  const standard = wcagTargets(gates.axe.tags).standard;
  return {
    organisation: data?.organisation ?? site.organisationName,
    serviceName: site.serviceName,
    siteUrl: site.url,
    contact: data?.contact ?? {},
    responseDays: data?.responseDays,
    enforcement: data?.enforcement ?? "ehrc",
    compliance: data?.compliance,
    standard: standard && `${standard.version} ${standard.level}`,
    checks: checksRun(gates),
    checked,
    manualTesting: data?.manualTesting,
    nonCompliance: of("non-compliance"),
    disproportionateBurden: of("disproportionate-burden"),
    outsideScope: of("outside-scope"),
    improvements: data?.improvements,
    prepared: dateOf(data?.prepared),
    reviewed: dateOf(data?.reviewed),
  };
}

/** The fields the statement needs that site.json leaves out, as dotted paths. */
export function missingStatementFields(site: Pick<SiteData, "accessibilityStatement">): string[] {
  const data = site.accessibilityStatement;
  const missing: string[] = [];
  if (!data?.contact?.email && !data?.contact?.phone) missing.push("accessibilityStatement.contact");
  if (!data?.responseDays) missing.push("accessibilityStatement.responseDays");
  if (!data?.compliance) missing.push("accessibilityStatement.compliance");
  if (!data?.prepared) missing.push("accessibilityStatement.prepared");
  return missing;
}
