import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { imageSize } from "../../lib/content/image-size.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "image-size-"));
const file = (name: string, data: string | Buffer) => {
  const written = path.join(dir, name);
  writeFileSync(written, data);
  return written;
};

describe("imageSize", () => {
  it("reads an SVG's width and height, or else its viewBox", () => {
    assert.deepEqual(imageSize(file("a.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32">')), {
      width: 120,
      height: 32,
    });
    assert.deepEqual(imageSize(file("b.svg", '<?xml version="1.0"?><svg viewBox="0 0 300 80" width="100%">')), {
      width: 300,
      height: 80,
    });
  });

  it("reads a PNG's and a GIF's header", () => {
    const png = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(170, 20);
    assert.deepEqual(imageSize(file("a.png", png)), { width: 640, height: 170 });
    const gif = Buffer.alloc(10);
    gif.write("GIF89a", 0, "latin1");
    gif.writeUInt16LE(48, 6);
    gif.writeUInt16LE(16, 8);
    assert.deepEqual(imageSize(file("a.gif", gif)), { width: 48, height: 16 });
  });

  it("gives no size for a file it cannot read or measure", () => {
    assert.equal(imageSize(path.join(dir, "missing.svg")), undefined);
    assert.equal(imageSize(file("c.svg", '<svg width="10em" height="2em">')), undefined);
    assert.equal(imageSize(file("d.txt", "not an image")), undefined);
  });
});
