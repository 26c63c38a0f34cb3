/**
 * Checks on figure files written by showFigure: decoded, not just present.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { PNG } from "pngjs";

/** Share of pixels that differ from the most common colour (the background). */
export function nonBackgroundShare(png: { width: number; height: number; data: Uint8Array }): { colours: number; share: number } {
  const counts = new Map<number, number>();
  const d = png.data; // RGBA, 4 bytes per pixel
  for (let i = 0; i < d.length; i += 4) {
    const key = ((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]) >>> 0;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const background = Math.max(...counts.values());
  const pixels = png.width * png.height;
  return { colours: counts.size, share: (pixels - background) / pixels };
}

/**
 * A PNG that decodes (pngjs checks signature, chunks and CRCs), has a positive size and shows
 * something: more than one distinct colour and at least 0.5 % of pixels off the background.
 */
export function assertValidPng(path: string): void {
  const png = PNG.sync.read(fs.readFileSync(path));
  assert.ok(png.width > 0 && png.height > 0, `${path}: empty image ${png.width}×${png.height}`);
  const { colours, share } = nonBackgroundShare(png);
  assert.ok(colours > 1, `${path}: a single colour, nothing plotted`);
  assert.ok(share >= 0.005, `${path}: only ${(share * 100).toFixed(2)} % of pixels differ from the background`);
}

const VOID_CONTENT = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g;

/** Tag names in document order; throws at the first unbalanced or malformed tag. */
export function checkXmlBalanced(text: string): string[] {
  const stripped = text.replace(VOID_CONTENT, "");
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const stack: string[] = [];
  const seen: string[] = [];
  let last = 0;
  for (let m = tag.exec(stripped); m !== null; m = tag.exec(stripped)) {
    const between = stripped.slice(last, m.index);
    if (between.includes("<")) throw new Error(`malformed markup near "${between.slice(between.indexOf("<"), between.indexOf("<") + 40)}"`);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? "nothing"}>`);
    } else {
      seen.push(name);
      if (!selfClosing) stack.push(name);
    }
  }
  if (stripped.slice(last).includes("<")) throw new Error("malformed markup at the end");
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]}>`);
  return seen;
}

/**
 * A well-formed `<svg>…</svg>` document whose Plotly trace layers hold marks: a `trace` group
 * and a drawn path (`d="M…"`) or an embedded raster (`<image>`, heatmaps and WebGL traces).
 */
export function assertValidSvg(path: string): void {
  const text = fs.readFileSync(path, "utf8").trim();
  assert.match(text, /^(<\?xml[^>]*\?>\s*)?<svg[\s>]/, `${path}: does not start with <svg`);
  assert.match(text, /<\/svg>$/, `${path}: does not end with </svg>`);
  let tags: string[];
  try {
    tags = checkXmlBalanced(text);
  } catch (err) {
    throw new assert.AssertionError({ message: `${path}: not well-formed: ${(err as Error).message}` });
  }
  assert.equal(tags[0], "svg", `${path}: root element is <${tags[0]}>`);
  // plotted content: a trace group (scatter, bar, …), or a raster Plotly draws instead of one
  // (a heatmap's image in its "hm" group, a 3-D scene's WebGL snapshot in "glimages")
  const traceLayer = /class="[^"]*\btrace\b/.test(text);
  const raster = /<image[^>]*\s(?:xlink:)?href="data:image\/png;base64,[A-Za-z0-9+/=]{64,}/.test(text);
  const rasterLayer = raster && (/class="hm"/.test(text) || /<g class="glimages"><image/.test(text));
  assert.ok(traceLayer || rasterLayer, `${path}: no Plotly trace layer, heatmap image or 3-D scene image`);
  assert.ok(/<path[^>]*\sd="M/.test(text) || tags.includes("image"), `${path}: no drawn marks (path or image)`);
}
