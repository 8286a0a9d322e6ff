import { parseFragment, type DefaultTreeAdapterMap } from "parse5";

type ParentNode = DefaultTreeAdapterMap["parentNode"];
type Element = DefaultTreeAdapterMap["element"];

/** Something in author HTML the build refuses, and its line within that HTML (1-based). */
export interface HtmlProblem {
  line: number;
  message: string;
}

// Elements that run code, embed other documents or change where every link on the page goes.
// Author HTML is trusted for layout (see README, "Trust model"), never for any of these.
const FORBIDDEN_ELEMENTS = new Set(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "portal"]);

// Attributes that browsers follow or fetch as URLs (HTML, SVG and MathML).
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "ping", "srcset", "lowsrc", "dynsrc", "codebase"]);

const UNSAFE_SCHEMES = new Set(["javascript", "vbscript", "data", "file"]);

/**
 * The scheme of a URL if following it could run code or read local files (javascript:, vbscript:,
 * data:, file:), read the way browsers do: tabs and newlines inside it and spaces or control
 * characters around it are ignored (WHATWG URL parsing), so `java\tscript:` is caught too.
 */
export function unsafeUrlScheme(url: string, options: { allowDataImages?: boolean } = {}): string | undefined {
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1].toLowerCase();
  if (!scheme || !UNSAFE_SCHEMES.has(scheme)) return undefined;
  if (options.allowDataImages && /^data:image\/(?:png|gif|jpeg|webp);/i.test(cleaned)) return undefined;
  return scheme;
}

function* elements(node: ParentNode): Generator<Element> {
  for (const child of node.childNodes) {
    if ("tagName" in child) {
      yield child;
      // <template> keeps its children in a separate fragment.
      yield* elements(child.tagName === "template" ? (child as DefaultTreeAdapterMap["template"]).content : child);
    }
  }
}

/**
 * Finds script elements, embedded documents, event-handler attributes (`onclick=` …) and
 * javascript:/data:/vbscript: URLs in author HTML. Parsed with parse5, the WHATWG parser,
 * so it sees the tags and attributes a browser would, entities decoded.
 */
export function findUnsafeHtml(html: string): HtmlProblem[] {
  // Cheap test first: most HTML has no tag a browser could turn into code.
  if (!html.includes("<")) return [];
  const problems: HtmlProblem[] = [];
  const fragment = parseFragment(html, { sourceCodeLocationInfo: true });
  for (const element of elements(fragment)) {
    const location = element.sourceCodeLocation;
    const line = location?.startLine ?? 1;
    if (FORBIDDEN_ELEMENTS.has(element.tagName)) {
      problems.push({ line, message: `\`<${element.tagName}>\` is not allowed in page content: it could run code or load another page into this one` });
      continue;
    }
    for (const attribute of element.attrs) {
      const name = attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name;
      const attributeLine = location?.attrs?.[name]?.startLine ?? line;
      if (/^on/i.test(attribute.name)) {
        problems.push({ line: attributeLine, message: `the event-handler attribute \`${name}\` on \`<${element.tagName}>\` is not allowed: page content may not run scripts` });
      } else if (URL_ATTRIBUTES.has(name.toLowerCase())) {
        const urls = name === "srcset" ? attribute.value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]) : [attribute.value];
        for (const url of urls) {
          const scheme = unsafeUrlScheme(url, { allowDataImages: element.tagName === "img" && (name === "src" || name === "srcset") });
          if (scheme) problems.push({ line: attributeLine, message: `\`${name}\` on \`<${element.tagName}>\` uses a ${scheme}: URL, which is not allowed: link to a page or an http(s), mailto or tel address` });
        }
      }
    }
  }
  return problems;
}
