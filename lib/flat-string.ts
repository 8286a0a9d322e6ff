/**
 * The same text as one flat string. Renderers (markdown-it, Nunjucks) build HTML by appending,
 * and V8 keeps the result as a rope of thousands of small strings: three to four times the
 * memory of the text itself, held for every page until the build ends. A JSON round trip gives a
 * new string, flat by construction and equal to the text even where it holds a lone surrogate
 * (a UTF-8 round trip would replace those).
 */
export function flatString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
