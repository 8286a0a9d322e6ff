import { readFileSync } from "node:fs";

/** An image's own width and height in pixels, as an img element's width and height attributes give them. */
export interface ImageSize {
  width: number;
  height: number;
}

const positive = (value: number) => Number.isFinite(value) && value > 0;

/** An SVG's size from its root's width and height (in px or unitless), or else its viewBox. */
function svgSize(text: string): ImageSize | undefined {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, "i").exec(root)?.[1]?.trim();
  const pixels = (value: string | undefined) => (value && /^[\d.]+(?:px)?$/.test(value) ? parseFloat(value) : NaN);
  const width = pixels(attribute("width"));
  const height = pixels(attribute("height"));
  if (positive(width) && positive(height)) return { width, height };
  const box = attribute("viewBox")?.split(/[\s,]+/).map(Number);
  if (box?.length === 4 && positive(box[2]) && positive(box[3])) return { width: box[2], height: box[3] };
  return undefined;
}

/** A JPEG's size from its first start-of-frame segment. */
function jpegSize(data: Buffer): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < data.length && data[offset] === 0xff) {
    const marker = data[offset + 1];
    const length = data.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
    offset += 2 + length;
  }
  return undefined;
}

/**
 * The size of an SVG, PNG, GIF or JPEG file, or undefined for another kind or a file that cannot be
 * read: a page then draws the image without a size, as before.
 */
export function imageSize(file: string): ImageSize | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && data.length >= 24)
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data.subarray(0, 3).toString("latin1") === "GIF" && data.length >= 10)
    return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  if (data[0] === 0xff && data[1] === 0xd8) return jpegSize(data);
  const size = svgSize(data.subarray(0, 4096).toString("utf8"));
  // The width and height attributes take whole pixels; the ratio is what keeps the image's place.
  return size && positive(Math.round(size.width)) && positive(Math.round(size.height))
    ? { width: Math.round(size.width), height: Math.round(size.height) }
    : undefined;
}
