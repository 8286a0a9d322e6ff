import { readFileSync } from "node:fs";
import path from "node:path";
import { load, type CheerioAPI } from "cheerio";
import type { Diagnostic } from "../diagnostics.ts";
import type { GateResult, SiteUnderTest } from "./gate.ts";
import { listSiteFiles, urlPathForFile } from "./built-files.ts";
import { browserReadUrl, externalUrlProblem, urlScheme } from "../safety/url-safety.ts";
import { resolveSitePath } from "./static-server.ts";

// Stands in for the published origin while resolving relative URLs; never requested.
const SITE_ORIGIN = "http://site.invalid";

/** A URL written in a page or stylesheet, with how to show it in a message. */
interface Reference {
  value: string;
  /** Such as <a href="…"> or CSS url(…). */
  where: string;
  allowsData: boolean;
}

// Every attribute that makes the browser navigate to or load a URL.
const URL_ATTRIBUTES: { selector: string; attribute: string; allowsData: boolean }[] = [
  { selector: "a[href], area[href]", attribute: "href", allowsData: false },
  { selector: "link[href]", attribute: "href", allowsData: false },
  {
    selector: "img[src], source[src], input[src], track[src], audio[src], video[src]",
    attribute: "src",
    allowsData: true,
  },
  { selector: "video[poster]", attribute: "poster", allowsData: true },
  { selector: "script[src], iframe[src], embed[src]", attribute: "src", allowsData: false },
  { selector: "object[data]", attribute: "data", allowsData: false },
  { selector: "form[action]", attribute: "action", allowsData: false },
  { selector: "button[formaction], input[formaction]", attribute: "formaction", allowsData: false },
  { selector: "blockquote[cite], q[cite], del[cite], ins[cite]", attribute: "cite", allowsData: false },
];

/** url(…) and @import "…" in a stylesheet, comments left out. */
export function cssUrls(css: string): string[] {
  const code = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const urls = [...code.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3],
  );
  const imports = [...code.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)].map((match) => match[1] ?? match[2]);
  return [...urls, ...imports];
}

function htmlReferences($: CheerioAPI): Reference[] {
  const references: Reference[] = [];
  for (const { selector, attribute, allowsData } of URL_ATTRIBUTES) {
    $(selector).each((_, element) => {
      const value = $(element).attr(attribute) ?? "";
      references.push({
        value,
        where: `<${$(element).prop("tagName")?.toLowerCase()} ${attribute}="${value}">`,
        allowsData,
      });
    });
  }
  $("img[srcset], source[srcset]").each((_, element) => {
    for (const candidate of ($(element).attr("srcset") ?? "").split(/,\s+/)) {
      const value = candidate.trim().split(/\s+/)[0];
      if (value) references.push({ value, where: `<${element.tagName} srcset="…${value}…">`, allowsData: true });
    }
  });
  const inlineCss = [
    ...$("style")
      .map((_, style) => $(style).text())
      .get(),
    ...$("[style]")
      .map((_, element) => $(element).attr("style"))
      .get(),
  ];
  for (const value of inlineCss.flatMap(cssUrls))
    references.push({ value, where: `inline CSS url(${value})`, allowsData: true });
  return references;
}

function fragmentTargets($: CheerioAPI): Set<string> {
  return new Set([
    ...$("[id]")
      .map((_, element) => $(element).attr("id"))
      .get(),
    ...$("a[name]")
      .map((_, element) => $(element).attr("name"))
      .get(),
  ]);
}

/**
 * Checks every internal link, #fragment, image, script, stylesheet and CSS url() in a built site
 * resolves the way GitHub Pages would serve it under the prefix, and that every external URL is
 * well-formed and safe. Each finding names the page (or stylesheet) and the target.
 */
export async function checkLinks({ siteDir, pathPrefix }: SiteUnderTest): Promise<GateResult> {
  const pages = listSiteFiles(siteDir, [".html"]);
  const stylesheets = listSiteFiles(siteDir, [".css"]);
  const sources = new Map<string, Reference[]>();
  const targetsByFile = new Map<string, Set<string>>();
  for (const file of pages) {
    const $ = load(readFileSync(path.join(siteDir, file), "utf8"));
    sources.set(file, htmlReferences($));
    targetsByFile.set(path.join(siteDir, file), fragmentTargets($));
  }
  for (const file of stylesheets) {
    sources.set(
      file,
      cssUrls(readFileSync(path.join(siteDir, file), "utf8")).map((value) => ({
        value,
        where: `CSS url(${value})`,
        allowsData: true,
      })),
    );
  }

  const problem = (reference: Reference, fromUrl: string): string | undefined => {
    const url = browserReadUrl(reference.value);
    if (url === "" || (reference.where.startsWith("CSS") && url.startsWith("#"))) return undefined;
    if (urlScheme(url) || url.startsWith("//")) {
      const reason = externalUrlProblem(url, reference.allowsData);
      return reason && `${reference.where} ${reason}`;
    }
    const target = new URL(url, SITE_ORIGIN + fromUrl);
    // Backslashes read as slashes, so "\\host" leaves the site.
    if (target.origin !== SITE_ORIGIN)
      return `${reference.where} leaves the site in a way browsers read differently; write it as an absolute URL`;
    let answer = resolveSitePath(siteDir, pathPrefix, target.pathname);
    if (answer && "redirectTo" in answer) answer = resolveSitePath(siteDir, pathPrefix, answer.redirectTo);
    if (!answer || "redirectTo" in answer) {
      const outside = target.pathname.startsWith(pathPrefix) ? "" : ` (outside the path prefix ${pathPrefix})`;
      return `${reference.where} points to ${target.pathname}, which does not exist${outside}`;
    }
    const fragment = target.hash.slice(1);
    if (!fragment || !answer.file.endsWith(".html")) return undefined;
    let id: string;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      return `${reference.where} has a fragment that is not valid percent-encoding`;
    }
    // "#top" scrolls to the top of any HTML page (HTML standard, "the indicated part of the document").
    if (targetsByFile.get(answer.file)?.has(id) || id.toLowerCase() === "top") return undefined;
    return `${reference.where} points to #${id} on ${target.pathname}, which has no element with that id`;
  };

  const findings: Diagnostic[] = [];
  let references = 0;
  for (const [file, fileReferences] of sources) {
    const fromUrl = urlPathForFile(file, pathPrefix);
    references += fileReferences.length;
    for (const reference of fileReferences) {
      const message = problem(reference, fromUrl);
      if (message) findings.push({ severity: "error", file: fromUrl, message });
    }
  }
  return { findings, summary: `${references} URLs in ${pages.length} pages and ${stylesheets.length} stylesheets` };
}
