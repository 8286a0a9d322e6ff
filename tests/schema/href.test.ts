import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFrontMatter } from "../../lib/content/front-matter-source.ts";
import { validateFrontMatter } from "../../lib/content/validate-front-matter.ts";
import { Href, SitePath } from "../../lib/schema/front-matter.ts";
import { SiteData } from "../../lib/content/site-data.ts";

const RULE = "must be a path on this site or an http(s), mailto or tel URL";
const CONTROL = `${RULE}: it has a space, tab or control character, which browsers drop or change (write a space as %20)`;
const BACKSLASH = `${RULE}: it has a backslash, which browsers read as /, so /\\evil.example/ opens another site (use /)`;
const OTHER_SITE = `${RULE}: a link starting // goes to another site (//evil.example/ opens evil.example); start a path on this site with one /, or write https://`;
const RELATIVE = `${RULE}: a relative path leads somewhere different from each page that shows it, so write the whole path from the site's root, starting with /`;
const NO_HOST = (scheme: string) =>
  `${RULE}: "${scheme}:" must be followed by // and a host, as in https://www.gov.uk/`;

/** The errors a page's front matter gets for one breadcrumb href, written as YAML, as [line, field, message]. */
function breadcrumbErrors(yamlValue: string): [number | undefined, string | undefined, string][] {
  const text = `---\ntitle: A page\nbreadcrumbs:\n  - text: Home\n    href: ${yamlValue}\n---\n\nBody.\n`;
  const { source } = readFrontMatter("page.md", text);
  assert.ok(source);
  const { diagnostics } = validateFrontMatter(source.data, (path) => ({ file: "page.md", line: source.lineOf(path) }));
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === "error")
    .map((diagnostic) => [diagnostic.line, diagnostic.field, diagnostic.message]);
}

describe("front matter links", () => {
  // [what is tried, the href as YAML writes it, the message (before "(found …)")].
  const refused: [string, string, string][] = [
    ["a backslash that browsers read as a second slash", "/\\evil.example/", BACKSLASH],
    ["a backslash first", "'\\\\evil.example/'", BACKSLASH],
    ["a backslash after a path", "/guides\\..\\..\\evil", BACKSLASH],
    ["a protocol-relative address", "//evil.example/", OTHER_SITE],
    ["a protocol-relative address with a path", "//evil.example/guides/", OTHER_SITE],
    ["a tab after the first slash, which browsers drop", '"/\\t/evil.example/"', CONTROL],
    ["a newline after the first slash", '"/\\n/evil.example/"', CONTROL],
    ["a tab inside javascript:", '"java\\tscript:alert(1)"', CONTROL],
    ["a space inside a path", '"/guides/my page/"', CONTROL],
    ["a null character", '"/guides/\\0"', CONTROL],
    ["javascript:", "javascript:alert(1)", RULE],
    ["javascript: in capitals", "JAVASCRIPT:alert(1)", RULE],
    ["vbscript:", "vbscript:msgbox(1)", RULE],
    ["data:", "'data:text/html,<script>alert(1)</script>'", RULE],
    ["file:", "file:///etc/passwd", RULE],
    ["another scheme", "ftp://files.example/", RULE],
    ["http: without slashes, which browsers still open", "http:evil.example", NO_HOST("http")],
    ["https: with a backslash for the slashes", "'https:\\\\evil.example'", BACKSLASH],
    ["https:// with no host", "https://", NO_HOST("https")],
    ["a relative path up a folder", "../other-page/", RELATIVE],
    ["a relative path in the same folder", "./other-page/", RELATIVE],
    ["a bare page name", "other-page", RELATIVE],
    ["a query on its own", "?page=2", RELATIVE],
    ["mailto: with nothing after it", "'mailto:'", `${RULE}: "mailto:" needs an address after it`],
  ];
  for (const [name, yamlValue, message] of refused) {
    it(`refuses ${name}, naming the line and field`, () => {
      const errors = breadcrumbErrors(yamlValue);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      const [line, field, text] = errors[0];
      assert.equal(line, 5);
      assert.equal(field, "breadcrumbs.0.href");
      assert.ok(text.startsWith(`${message} (found `), text);
    });
  }

  const allowed = [
    "/",
    "/guides/",
    "/guides/writing?view=all#top",
    "/guides/%5Cx",
    "#contents",
    "https://www.gov.uk/service-manual",
    "http://example.org",
    "mailto:team@example.gov.uk",
    "mailto:team@example.gov.uk?subject=Help%20please",
    "tel:+441234567890",
  ];
  for (const href of allowed) {
    it(`allows ${href}`, () =>
      assert.equal(Href.safeParse(href).success, true, JSON.stringify(Href.safeParse(href).error?.issues)));
  }

  it("holds site data's links to the same rule", () => {
    const site = { organisationName: "Defra", serviceName: "Manual", url: "https://example.org" };
    assert.equal(SiteData.safeParse({ ...site, serviceUrl: "/" }).success, true);
    for (const [field, value] of [
      ["serviceUrl", "/\\evil.example/"],
      ["navigation", [{ text: "Home", href: "//evil.example/" }]],
      ["footerLinks", [{ text: "Run", href: "javascript:alert(1)" }]],
    ] as const) {
      const result = SiteData.safeParse({ ...site, [field]: value });
      assert.equal(result.success, false, field);
      assert.match(result.error!.issues[0].message, /^must be a path on this site or an http\(s\), mailto or tel URL/);
    }
  });
});

describe("redirectFrom paths: the redirect page is written there, so the path must stay inside the site", () => {
  const refused: [string, RegExp][] = [
    ["/../../tmp/escaped/", /a \. or \.\. part/],
    ["/guides/%2e%2e/%2e%2e/x/", /a \. or \.\. part/],
    ["/./old/", /a \. or \.\. part/],
    ["/\\evil.example/", /backslash/],
    ["//evil.example/", /goes to another site/],
    ["/old%5cpage/", /escaped backslash or control character/],
    ["/old%00/", /escaped backslash or control character/],
    ["/100%/", /a % that does not start an escape/],
    ["/old page/", /space, tab or control character/],
    ["old-page/", /^must be a path on this site starting with \/, such as \/old-page\/$/],
    ["/old?page", /^must be a path on this site starting with \/, such as \/old-page\/$/],
  ];
  for (const [path, message] of refused) {
    it(`refuses ${JSON.stringify(path)}`, () => {
      const result = SitePath.safeParse(path);
      assert.equal(result.success, false);
      assert.match(result.error!.issues[0].message, message);
    });
  }
  for (const path of ["/old/", "/old-page", "/guides/old.html", "/café/", "/caf%C3%A9/"]) {
    it(`allows ${path}`, () => assert.equal(SitePath.safeParse(path).success, true));
  }
});
