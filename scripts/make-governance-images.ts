/**
 * Generates the two governance model images referenced by the
 * "Governance model" page:
 *   content/public/images/delivery-groups/governance-model-diagram.png (simple visual)
 *   content/public/images/delivery-groups/governance-model-poster.png  (poster)
 *
 * All text comes from the page itself (parsed from the seed file). The short
 * phrases used in the simple visual are checked to be verbatim extracts of the
 * page text, so nothing is invented.
 *
 * Usage: npx tsx scripts/make-governance-images.ts [path/to/page.md]
 * Requires Chromium at /usr/bin/chromium (override with CHROMIUM_PATH).
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import zlib from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { escapeHtml } from "../lib/safety/escape-html.ts";
import { CHROMIUM_PATH } from "../lib/gates/chromium.ts";

interface GovFunction {
  name: string;
  description: string;
  roles: string[];
}
interface Level {
  name: string;
  description: string;
  functions: GovFunction[];
}
interface Model {
  title: string;
  caption: string;
  intro: string[];
  levels: Level[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seedPath = path.resolve(root, process.argv[2] ?? "tests/fixtures/seeds/000_94e175ca8b55c2d4.txt");
const outDir = path.join(root, "content/public/images/delivery-groups");

/** Parse levels (## … level) → functions (###) → description / "Roles:" line. */
function parseModel(source: string): Model {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, "\n"));
  if (!match) throw new Error("Seed has no front matter");
  const [, front, body] = match;
  const field = (key: string): string => new RegExp(`^${key}:\\s*(.+)$`, "m").exec(front)?.[1].trim() ?? "";
  const model: Model = { title: field("title"), caption: field("caption"), intro: [], levels: [] };
  let level: Level | undefined;
  let fn: GovFunction | undefined;
  for (const block of body
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean)) {
    if (block.startsWith("## ")) {
      const heading = block.slice(3).trim();
      if (!/ level$/i.test(heading)) break; // "Visual versions" ends the model
      level = { name: heading, description: "", functions: [] };
      model.levels.push(level);
      fn = undefined;
    } else if (block.startsWith("### ") && level) {
      fn = { name: block.slice(4).trim(), description: "", roles: [] };
      level.functions.push(fn);
    } else if (block.startsWith("Roles:") && fn) {
      fn.roles = block
        .slice(6)
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean);
    } else if (fn) {
      fn.description += (fn.description ? " " : "") + block;
    } else if (level) {
      level.description += (level.description ? " " : "") + block;
    } else {
      model.intro.push(block);
    }
  }
  if (model.levels.length !== 3) throw new Error(`Expected 3 levels, found ${model.levels.length}`);
  for (const l of model.levels)
    for (const f of l.functions) {
      if (!f.description || f.roles.length === 0) throw new Error(`Incomplete function: ${l.name} / ${f.name}`);
    }
  return model;
}

/** Shortened wording for the simple visual: each must be an exact extract of the page text. */
const SHORT: Record<string, string> = {
  "Strategic level": "Sets priorities",
  "Strategic level/Business": "Defines the delivery group's overall objectives and outcomes",
  "Strategic level/Delivery": "Responsible for the delivery group's budget",
  "Strategic level/Product": "Develops and agrees the strategic roadmap for the delivery group",
  "Strategic level/Technology": "Sets the overall technology guardrails",
  "Strategic level/Service design": "Reviews and designs end-to-end service journeys",
  "Co-ordination level": "Ensures alignment and co-ordination across the delivery group",
  "Co-ordination level/Service ownership":
    "Oversees and co-ordinates multiple smaller services which form a larger service",
  "Co-ordination level/Product": "Maintains the strategic roadmap set for the delivery group",
  "Co-ordination level/Delivery": "Manages the co-ordination of delivery across multiple teams",
  "Co-ordination level/Profession leadership":
    "Brings in and co-ordinates people to deliver services within the delivery group",
  "Co-ordination level/Support":
    "Defines governance standards for finance, reporting, assurance, and other operational processes",
  "Implementation level": "Focuses on delivering outcomes and maintaining effective services",
  "Implementation level/Service ownership":
    "Takes accountability for the policy, digital delivery and operational aspects of a specific service",
  "Implementation level/Product": "Defines and manages the vision and roadmap for a specific product or service",
  "Implementation level/Delivery": "Provides support to the delivery team",
  "Implementation level/Professions": "Specialists across different professions work together to deliver outcomes",
  "Implementation level/Support": "Provides operational support so that the team can focus on delivery",
};

function short(key: string, full: string): string {
  const phrase = SHORT[key];
  if (!phrase) throw new Error(`No short phrase for ${key}`);
  if (!full.includes(phrase)) throw new Error(`Short phrase for ${key} is not in the page text`);
  return phrase;
}

const BASE_CSS = `
  * { box-sizing: border-box; margin: 0; padding: 0; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
         color: #0b0c0c; background: #fff; line-height: 1.35; }
  .page { padding: 40px; }
  .caption { color: #505a5f; font-size: 20px; margin-bottom: 4px; }
  h1 { font-size: 40px; margin-bottom: 12px; }
  .intro { font-size: 19px; margin-bottom: 8px; max-width: 60em; }
  .level-head { background: #00703c; color: #fff; padding: 14px 20px; }
  .level-head h2 { font-size: 28px; }
  .level-head p { font-size: 19px; margin-top: 4px; }
  .grid { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px;
          border: 3px solid #00703c; border-top: 0; padding: 16px; background: #f3f2f1; }
  .fn { background: #fff; border-top: 5px solid #00703c; padding: 12px 14px; }
  .fn h3 { font-size: 21px; margin-bottom: 6px; }
  .fn p { font-size: 17px; }
`;

function diagramHtml(m: Model): string {
  const levels = m.levels
    .map((l, i) => {
      const fns = l.functions
        .map(
          (f) => `
      <div class="fn"><h3>${escapeHtml(f.name)}</h3><p>${escapeHtml(short(`${l.name}/${f.name}`, f.description))}</p></div>`,
        )
        .join("");
      const arrow =
        i < m.levels.length - 1
          ? `<div class="link" aria-hidden="true"><svg width="60" height="48" viewBox="0 0 60 48">
           <path d="M30 4 L30 44" stroke="#00703c" stroke-width="6"/>
           <path d="M14 18 L30 2 L46 18 M14 30 L30 46 L46 30" fill="none" stroke="#00703c" stroke-width="6"/>
         </svg></div>`
          : "";
      return `<section>
      <div class="level-head"><h2><span class="num">${i + 1}</span>${escapeHtml(l.name)}</h2>
        <p>${escapeHtml(short(l.name, l.description))}</p></div>
      <div class="grid">${fns}</div></section>${arrow}`;
    })
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${BASE_CSS}
    .page { width: 1200px; }
    .num { display: inline-block; width: 40px; height: 40px; border-radius: 50%; background: #fff;
           color: #00703c; text-align: center; line-height: 40px; margin-right: 12px; font-size: 24px; }
    .link { display: flex; justify-content: center; padding: 6px 0; }
    h1 { margin-bottom: 24px; }
  </style></head><body><main class="page">
    <p class="caption">${escapeHtml(m.caption)}</p><h1>${escapeHtml(m.title)}</h1>${levels}
  </main></body></html>`;
}

function posterHtml(m: Model): string {
  const levels = m.levels
    .map((l) => {
      const fns = l.functions
        .map(
          (f) => `
      <div class="fn"><h3>${escapeHtml(f.name)}</h3><p>${escapeHtml(f.description)}</p>
        <h4>Example roles</h4><ul>${f.roles.map((r) => `<li>${escapeHtml(r[0].toUpperCase() + r.slice(1))}</li>`).join("")}</ul></div>`,
        )
        .join("");
      return `<section><div class="level-head"><h2>${escapeHtml(l.name)}</h2><p>${escapeHtml(l.description)}</p></div>
      <div class="grid">${fns}</div></section>`;
    })
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${BASE_CSS}
    .page { width: 1400px; }
    section { margin-top: 28px; }
    .fn h4 { font-size: 17px; margin: 12px 0 4px; padding-top: 8px; border-top: 1px solid #b1b4b6; }
    .fn ul { font-size: 16px; padding-left: 20px; }
  </style></head><body><main class="page">
    <p class="caption">${escapeHtml(m.caption)}</p><h1>${escapeHtml(m.title)}</h1>
    ${m.intro.map((p) => `<p class="intro">${escapeHtml(p)}</p>`).join("")}${levels}
  </main></body></html>`;
}

/**
 * Re-encode Chromium's 8-bit RGB(A) PNG as an indexed (palette) PNG to keep file
 * sizes small. The 256 most frequent colours are kept; any rarer anti-aliasing
 * shade is mapped to its nearest kept colour.
 */
function toPalettePng(png: Buffer): Buffer {
  const chunks: Array<[string, Buffer]> = [];
  for (let o = 8; o < png.length; o += 12 + png.readUInt32BE(o)) {
    chunks.push([png.toString("latin1", o + 4, o + 8), png.subarray(o + 8, o + 8 + png.readUInt32BE(o))]);
  }
  const ihdr = chunks.find(([t]) => t === "IHDR")![1];
  const [w, h, depth, type] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]];
  if (depth !== 8 || (type !== 2 && type !== 6) || ihdr[12] !== 0) throw new Error("Unexpected PNG format");
  const bpp = type === 6 ? 4 : 3;
  const stride = w * bpp;
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter(([t]) => t === "IDAT").map(([, d]) => d)));
  const px = Buffer.alloc(h * stride);
  for (let y = 0; y < h; y++) {
    // undo PNG row filters
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const i = y * stride + x;
      const a = x >= bpp ? px[i - bpp] : 0,
        b = y ? px[i - stride] : 0,
        c = x >= bpp && y ? px[i - stride - bpp] : 0;
      const pa = Math.abs(b - c),
        pb = Math.abs(a - c),
        pc = Math.abs(a + b - 2 * c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f];
      px[i] = (raw[y * (stride + 1) + 1 + x] + pred) & 255;
    }
  }
  const rgb = (i: number): number => (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
  const counts = new Map<number, number>();
  for (let i = 0; i < px.length; i += bpp) counts.set(rgb(i), (counts.get(rgb(i)) ?? 0) + 1);
  const palette = [...counts]
    .sort((p, q) => q[1] - p[1])
    .slice(0, 256)
    .map(([c]) => c);
  const index = new Map<number, number>(palette.map((c, n) => [c, n]));
  const nearest = (c: number): number => {
    let best = 0,
      bestD = Infinity;
    palette.forEach((p, n) => {
      const d =
        ((p >> 16) - (c >> 16)) ** 2 + (((p >> 8) & 255) - ((c >> 8) & 255)) ** 2 + ((p & 255) - (c & 255)) ** 2;
      if (d < bestD) [best, bestD] = [n, d];
    });
    index.set(c, best);
    return best;
  };
  const out = Buffer.alloc(h * (w + 1)); // filter type 0 on each row
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const c = rgb(y * stride + x * bpp);
      out[y * (w + 1) + 1 + x] = index.get(c) ?? nearest(c);
    }
  const chunk = (t: string, d: Buffer): Buffer => {
    const len = Buffer.alloc(4),
      crc = Buffer.alloc(4),
      body = Buffer.concat([Buffer.from(t, "latin1"), d]);
    len.writeUInt32BE(d.length);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const head = Buffer.from(ihdr);
  head[9] = 3; // indexed colour
  const plte = Buffer.from(palette.flatMap((c) => [c >> 16, (c >> 8) & 255, c & 255]));
  return Buffer.concat([
    png.subarray(0, 8),
    chunk("IHDR", head),
    chunk("PLTE", plte),
    chunk("IDAT", zlib.deflateSync(out, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function main(): Promise<void> {
  const model = parseModel(await readFile(seedPath, "utf8"));
  await mkdir(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  try {
    const jobs: Array<[string, string, number]> = [
      ["governance-model-diagram.png", diagramHtml(model), 1200],
      ["governance-model-poster.png", posterHtml(model), 1400],
    ];
    for (const [file, html, width] of jobs) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
      await page.setContent(html, { waitUntil: "load" });
      const out = path.join(outDir, file);
      await writeFile(out, toPalettePng(await page.locator("main").screenshot({ type: "png" })));
      await page.close();
      console.log(`Wrote ${path.relative(root, out)}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
