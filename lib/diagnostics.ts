/**
 * A problem (or, for the import, a change) found in a content file or a built page, addressed the
 * way editors' tools expect: file:line: severity: field: message. Content, Markdown, the import and
 * the gates all report in this one shape.
 */
export interface Diagnostic {
  /** `info` says what was done rather than what is wrong: the import's list of changes. */
  severity: "error" | "warning" | "info";
  /**
   * Where the problem is: for content, the path relative to the project root, such as
   * content/guides/page.md; for a gate over a built site, the page's URL path as served, prefix
   * included, such as /service-manual/roles/.
   */
  file: string;
  /** 1-based line in the file, where known. */
  line?: number;
  /** Dotted path of the front matter field, such as breadcrumbs.0.href. */
  field?: string;
  message: string;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.line ? `${diagnostic.file}:${diagnostic.line}` : diagnostic.file;
  const field = diagnostic.field ? ` ${diagnostic.field}:` : "";
  return `${where}: ${diagnostic.severity}:${field} ${diagnostic.message}`;
}

/** One line per diagnostic, in the order given. */
export function formatDiagnostics(diagnostics: Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join("\n");
}

/** Orders diagnostics by file, then line, so each file's problems read top to bottom. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** Thrown when content has errors; carries every diagnostic so the editor sees them all at once. */
export class ContentError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(formatDiagnostics(diagnostics.filter((d) => d.severity === "error")));
    this.name = "ContentError";
    // Editors need the file, line and field, not our call stack: Eleventy's dev server prints `stack`.
    this.stack = `${this.name}: content has errors\n${this.message}`;
  }
}
