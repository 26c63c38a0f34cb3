/**
 * Headless rendering in a real Chromium. Skipped (with the finder's advice) only when
 * scripts/find-chromium.sh finds no browser at all; `make test` provides one first (a system
 * Chromium, else the one unpacked from npm), so under make these tests always run.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PNG } from "pngjs";
import { encodeGif } from "../../lib/plot/gif";
import { ensureSharedPlotly, figureHtml, SHARED_PLOTLY_NAME } from "../../lib/plot/html";
import { chromiumMissingReason, findChromium } from "../../lib/plot/browser";
import { closeRenderer, newPage, PlotlyFigure, renderPng, renderSvg } from "../../lib/plot/render";

const skip = findChromium() === undefined ? `no Chromium: ${chromiumMissingReason()}` : false;
after(closeRenderer);

const RED = [255, 0, 0];
const points = { x: [1, 2, 3, 4], y: [2, 0, 3, 1] };
const scatter: PlotlyFigure = {
  data: [{ type: "scatter", mode: "markers", ...points, marker: { color: "rgb(255,0,0)", size: 14 } }],
  layout: { title: { text: "‖z‖ against θ" }, showlegend: false },
};

/** Pixels whose colour is exactly `rgb`. */
function countColour(png: PNG, rgb: number[]): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] === rgb[0] && png.data[i + 1] === rgb[1] && png.data[i + 2] === rgb[2]) n++;
  }
  return n;
}

test("PNG: decodable, size × scale, several colours, red marker pixels present", { skip, timeout: 120_000 }, async () => {
  const png = PNG.sync.read(await renderPng(scatter, { width: 400, height: 300 }, 2));
  assert.equal(png.width, 800);
  assert.equal(png.height, 600);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  assert.ok(colours.size > 1, `only ${colours.size} colour(s)`);
  // four markers of diameter 14 px at scale 2: about 4·π·14² ≈ 2460 red pixels (antialiased edges aside)
  const red = countColour(png, RED);
  assert.ok(red > 1000 && red < 4000, `${red} red pixels`);
});

/** Pixels darker than light grey: glyphs on Plotly's white background. */
function darkPixels(png: PNG): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] + png.data[i + 1] + png.data[i + 2] < 3 * 160) n++;
  return n;
}

test("text renders: a title (Latin, Greek, ‖) draws glyphs where the title-less figure has none", { skip, timeout: 120_000 }, async () => {
  const bare = { xaxis: { visible: false }, yaxis: { visible: false }, margin: { t: 80 } };
  const withTitle = PNG.sync.read(await renderPng({ data: [], layout: { ...bare, title: { text: "Norms ‖z‖ and angles θ, χ²" } } }, { width: 400, height: 200 }, 1));
  const without = PNG.sync.read(await renderPng({ data: [], layout: bare }, { width: 400, height: 200 }, 1));
  assert.equal(darkPixels(without), 0);
  // 26 glyphs at Plotly's 17 px title size: several hundred dark pixels; a Chromium that finds no font draws none
  assert.ok(darkPixels(withTitle) > 300, `${darkPixels(withTitle)} dark pixels in the title`);
});

test("SVG: an <svg> document with one marker path per data point", { skip, timeout: 120_000 }, async () => {
  const svg = await renderSvg(scatter, { width: 400, height: 300 });
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.trimEnd().endsWith("</svg>"));
  const markers = svg.match(/<path class="point"/g) ?? [];
  assert.equal(markers.length, points.x.length);
  assert.ok(svg.includes("‖z‖ against θ"), "Unicode title kept");
});

test("standalone HTML: opened from disk, plotly.js from the shared copy draws every point", { skip, timeout: 120_000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lw-html-"));
  const shared = ensureSharedPlotly(root);
  assert.equal(shared, path.join(root, SHARED_PLOTLY_NAME));
  const mtime = fs.statSync(shared).mtimeMs;
  assert.equal(ensureSharedPlotly(root), shared); // second call keeps the existing copy
  assert.equal(fs.statSync(shared).mtimeMs, mtime);
  const page = path.join(root, "00-test", "scatter.html");
  fs.mkdirSync(path.dirname(page));
  fs.writeFileSync(page, figureHtml("scatter </script>", { ...scatter, layout: { title: { text: "a </script> b" } } }));
  const tab = await newPage();
  try {
    await tab.goto(`file://${page}`);
    await tab.waitForSelector(".main-svg");
    assert.equal(await tab.locator("path.point").count(), points.x.length);
    assert.equal(await tab.title(), "scatter </script>");
  } finally {
    await tab.close();
    fs.rmSync(root, { recursive: true });
  }
});

/** Walks a GIF's blocks: returns screen size, frame count and the frame delays in ms. */
function parseGif(b: Uint8Array): { width: number; height: number; frames: number; delays: number[] } {
  assert.equal(Buffer.from(b.subarray(0, 6)).toString("latin1"), "GIF89a");
  const width = b[6] | (b[7] << 8), height = b[8] | (b[9] << 8);
  let i = 13 + (b[10] & 0x80 ? 3 * (1 << ((b[10] & 7) + 1)) : 0);
  const skipSubBlocks = () => { while (b[i] !== 0) i += b[i] + 1; i++; };
  let frames = 0;
  const delays: number[] = [];
  for (;;) {
    const tag = b[i++];
    if (tag === 0x3b) break; // trailer
    if (tag === 0x21) {
      const label = b[i++];
      if (label === 0xf9) delays.push(10 * (b[i + 2] | (b[i + 3] << 8)));
      skipSubBlocks();
    } else if (tag === 0x2c) {
      frames++;
      const flags = b[i + 8];
      i += 9 + (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
      i++; // LZW minimum code size
      skipSubBlocks();
    } else {
      throw new Error(`unexpected GIF block 0x${tag.toString(16)} at ${i - 1}`);
    }
  }
  return { width, height, frames, delays };
}

test("GIF: frames rendered and encoded, structure walked block by block", { skip, timeout: 120_000 }, async () => {
  const frames = [0, 1, 2].map((k) => renderPng({ ...scatter, data: [{ type: "scatter", mode: "markers", x: [k], y: [k] }] }, { width: 160, height: 120 }, 1));
  const gif = encodeGif(await Promise.all(frames), 250);
  const info = parseGif(gif);
  assert.deepEqual(info, { width: 160, height: 120, frames: 3, delays: [250, 250, 250] });
});

test("GIF: frames of different sizes are refused", () => {
  const a = new PNG({ width: 2, height: 2 }), b = new PNG({ width: 3, height: 2 });
  assert.throws(() => encodeGif([PNG.sync.write(a), PNG.sync.write(b)], 100), /frame 1 is 3×2, frame 0 is 2×2/);
});
