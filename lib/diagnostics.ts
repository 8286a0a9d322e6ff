/** A problem found in a content file, addressed the way editors' tools expect: file:line: field: message. */
export interface Diagnostic {
  severity: "error" | "warning";
  /** Path relative to the project root, such as content/guides/page.md. */
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

/** Orders diagnostics by file, then line, so each file's problems read top to bottom. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** Thrown when content has errors; carries every diagnostic so the editor sees them all at once. */
export class ContentError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n"));
    this.name = "ContentError";
    // Editors need the file, line and field, not our call stack: Eleventy's dev server prints `stack`.
    this.stack = `${this.name}: content has errors\n${this.message}`;
  }
}
