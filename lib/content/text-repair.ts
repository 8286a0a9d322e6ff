import type { Diagnostic } from "../diagnostics.ts";

// Windows-1252 gives 0x80–0x9F printable characters; reverse them to recover the UTF-8 bytes.
const CP1252_HIGH: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
  "Š": 0x8a, "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
  "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};
const CONTINUATION = "[\\u0080-\\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]";
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}{1,3}`, "g");
// ignoreBOM keeps a byte order mark in the text, so its removal can be reported rather than silent.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function toCp1252Bytes(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code <= 0xff) bytes.push(code);
    else if (CP1252_HIGH[char] !== undefined) bytes.push(CP1252_HIGH[char]);
    else return undefined;
  }
  return Uint8Array.from(bytes);
}

function repairMojibake(text: string): string {
  return text.replace(MOJIBAKE, (run) => {
    const bytes = toCp1252Bytes(run);
    if (!bytes) return run;
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return run;
    }
  });
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/**
 * Decodes a content file and repairs the faults pasted text brings: a byte order mark,
 * Windows line endings and UTF-8 that was once read as Windows-1252. Each repair is a warning.
 */
export function decodeSource(file: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    const firstBad = findInvalidUtf8(bytes);
    const line = bytes.subarray(0, firstBad).reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 1);
    diagnostics.push({ severity: "error", file, line, message: `is not valid UTF-8 (byte ${firstBad}); save the file as UTF-8` });
    return { diagnostics };
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    diagnostics.push({ severity: "warning", file, line: 1, message: "removed a UTF-8 byte order mark" });
  }
  if (text.includes("\r")) {
    diagnostics.push({ severity: "warning", file, line: lineOf(text, text.indexOf("\r")), message: "converted Windows (CRLF) line endings to LF" });
    text = text.replace(/\r\n?/g, "\n");
  }
  for (const match of text.matchAll(MOJIBAKE)) {
    const repaired = repairMojibake(match[0]);
    if (repaired !== match[0]) {
      diagnostics.push({
        severity: "warning",
        file,
        line: lineOf(text, match.index),
        message: `repaired mis-encoded text "${match[0]}" to "${repaired}" (UTF-8 read as Windows-1252)`,
      });
    }
  }
  return { text: repairMojibake(text), diagnostics };
}

function findInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle;
    }
  }
  return low;
}
