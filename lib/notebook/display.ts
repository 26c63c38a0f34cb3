/**
 * Showing results: figures, animations and tables, in a notebook and on disk.
 *
 * `showFigure` writes `<figuresDir>/<name>.{png,svg,html,json}` atomically (PNG and SVG from the
 * shared headless Chromium, see lib/plot/render.ts; HTML see lib/plot/html.ts) and, inside a
 * tslab kernel, displays ONE output carrying several MIME types:
 *
 *   application/vnd.plotly.v1+json  the figure object {data, layout, config, frames?}: interactive
 *                                   in JupyterLab (plotly's lab extension renders it and adds
 *                                   the frames of an animation)
 *   image/png                       the static image, for viewers without that extension
 *   text/plain                      where the files went
 *
 * tslab's public `display.raw(mime, content)` sends one MIME type per output, so a bundle
 * goes through the kernel's internal writer `require("tslab/dist/jupyter").lastWriteDisplayData`,
 * the function `display.raw` itself calls. That writer is set only while the kernel executes a
 * cell, which is also how we tell a notebook from a terminal or a test.
 */
import * as path from "path";
import { assertFileName, writeFileAtomic } from "../util/atomic";
import { encodeGif } from "../plot/gif";
import { ensureSharedPlotly, escapeHtml, figureHtml } from "../plot/html";
import { closeRenderer as closeChromium, DEFAULT_SIZE, ImageSize, PNG_SCALE, renderPng, renderSvg } from "../plot/render";
import type { PlotlyFigure } from "../plot/render";
import { compactSvg, roundFigureNumbers } from "../plot/compact";
import { NotebookContext, shownPath } from "./context";

export type { PlotlyFigure } from "../plot/render";

/** One Jupyter display_data message body. */
export interface DisplayData {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}
type DisplayWriter = (msg: DisplayData, update: boolean) => void;

/** The tslab kernel's display writer, or undefined outside a kernel (terminal, tests). */
export function kernelDisplayWriter(): DisplayWriter | undefined {
  if ((globalThis as { __tslab__?: unknown }).__tslab__ === undefined) return undefined; // set by tslab's executor
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const writer = require("tslab/dist/jupyter").lastWriteDisplayData as DisplayWriter | null;
    return typeof writer === "function" ? writer : undefined;
  } catch {
    return undefined;
  }
}

/** True while running inside a tslab kernel. */
export function inKernel(): boolean {
  return kernelDisplayWriter() !== undefined;
}

/** Sends a multi-MIME display to the notebook; returns false (and does nothing) outside a kernel. */
export function displayBundle(data: Record<string, unknown>, metadata: Record<string, unknown> = {}): boolean {
  const write = kernelDisplayWriter();
  if (write === undefined) return false;
  write({ data, metadata, transient: {} }, false);
  return true;
}

/** Paths of the four files of figure `name`. */
export function figurePaths(ctx: NotebookContext, name: string): { png: string; svg: string; html: string; json: string } {
  const base = path.join(ctx.figuresDir, name);
  return { png: `${base}.png`, svg: `${base}.svg`, html: `${base}.html`, json: `${base}.json` };
}

export interface ShowOptions {
  /**
   * Embed the Plotly JSON in the notebook output (default true). False shows only the PNG
   * there (the .html and .json files are written all the same): for figures with ~10⁵ points,
   * which would make the committed notebook too large for a code host to render.
   */
  interactive?: boolean;
  /**
   * Pixel scale of the PNG shown in the notebook (default PNG_SCALE, the saved file's): 1 embeds
   * a quarter of the pixels, for a notebook with many figures; the saved PNG keeps PNG_SCALE.
   */
  inlineScale?: number;
}

/** A figure, optionally animated: `frames` as lib/plot/animation.ts builds them. */
export type ShownFigure = PlotlyFigure & { frames?: readonly { data: object[] }[] };

/**
 * Saves figure `name` as PNG, SVG, HTML and Plotly JSON, and shows it in the notebook.
 *
 * An animated figure (with `frames`) keeps its frames in the JSON file, in the notebook's
 * Plotly output (JupyterLab's renderer adds them) and in the HTML page, so its slider and play
 * button work in both; PNG and SVG are still images of its `data`, i.e. the first frame.
 */
export async function showFigure(ctx: NotebookContext, name: string, figure: ShownFigure, size: ImageSize = {}, opts: ShowOptions = {}): Promise<void> {
  assertFileName("figure", name);
  const { frames: rawFrames, ...still } = figure;
  const fig = roundFigureNumbers(still); // 5 significant digits: every output draws the same numbers
  const frames = rawFrames?.map((f) => ({ ...f, data: roundFigureNumbers({ data: f.data }).data }));
  const animation = frames === undefined ? {} : { frames };
  const width = size.width ?? DEFAULT_SIZE.width;
  const height = size.height ?? DEFAULT_SIZE.height;
  const inlineScale = opts.inlineScale ?? PNG_SCALE;
  if (!(Number.isFinite(inlineScale) && inlineScale > 0 && inlineScale <= PNG_SCALE)) throw new Error(`showFigure "${name}": inlineScale ${inlineScale}, allowed: a number in (0, ${PNG_SCALE}]`);
  const png = await renderPng(fig, { width, height }, PNG_SCALE);
  const inlinePng = inlineScale === PNG_SCALE ? png : await renderPng(fig, { width, height }, inlineScale);
  const svg = compactSvg(await renderSvg(fig, { width, height }));
  const files = figurePaths(ctx, name);
  const full = { data: fig.data, layout: { width, height, ...(fig.layout ?? {}) }, config: fig.config ?? {}, ...animation };
  writeFileAtomic(files.png, png);
  writeFileAtomic(files.svg, svg);
  writeFileAtomic(files.json, JSON.stringify(full) + "\n");
  ensureSharedPlotly(path.dirname(ctx.figuresDir));
  writeFileAtomic(files.html, figureHtml(`${ctx.name} · ${name}`, { ...fig, ...animation }));
  const shown = displayBundle(
    {
      ...(opts.interactive === false ? {} : { "application/vnd.plotly.v1+json": full }),
      "image/png": inlinePng.toString("base64"),
      "text/plain": `figure ${name}: ${shownPath(ctx, files.png)} (.svg .html .json)`,
    },
    { "image/png": { width, height } }, // the PNG has PNG_SCALE× the pixels: show it at layout size
  );
  if (!shown) console.log(`figure ${name} → ${shownPath(ctx, files.png)} (+ .svg .html .json)`);
}

/**
 * Renders each frame (same size), writes `<figuresDir>/<name>.gif` atomically (looping,
 * `delayMs` per frame, default 200) and shows it in the notebook. Returns the path.
 */
export async function saveAnimationGif(
  ctx: NotebookContext,
  name: string,
  frames: PlotlyFigure[],
  opts: { width?: number; height?: number; delayMs?: number } = {},
): Promise<string> {
  assertFileName("figure", name);
  const size = { width: opts.width ?? DEFAULT_SIZE.width, height: opts.height ?? DEFAULT_SIZE.height };
  const pngs: Uint8Array[] = [];
  for (const frame of frames) pngs.push(await renderPng(frame, size, 1));
  const gif = encodeGif(pngs, opts.delayMs ?? 200);
  const file = path.join(ctx.figuresDir, `${name}.gif`);
  writeFileAtomic(file, gif);
  const shown = displayBundle({ "image/gif": Buffer.from(gif).toString("base64"), "text/plain": `animation ${name}: ${shownPath(ctx, file)}` });
  if (!shown) console.log(`animation ${name} → ${shownPath(ctx, file)} (${frames.length} frames)`);
  return file;
}

/** Shuts the one headless Chromium of this process (call at the end of a notebook). */
export async function closeRenderer(): Promise<void> {
  await closeChromium();
}

/** A cell as text: integers as they are, other numbers with 4 significant digits. */
export function formatCell(v: unknown): string {
  if (typeof v === "number") {
    if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
    return String(Number(v.toPrecision(4)));
  }
  return v === undefined || v === null ? "" : String(v);
}

/** The records as an aligned plain-text table (columns: union of keys in first-seen order). */
export function tableText(records: Record<string, unknown>[], caption?: string): string {
  const cols = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = records.map((r) => cols.map((c) => formatCell(r[c])));
  const widths = cols.map((c, j) => Math.max(c.length, ...rows.map((row) => row[j].length)));
  const numeric = cols.map((c) => records.every((r) => r[c] === undefined || typeof r[c] === "number"));
  const line = (cells: string[]) =>
    cells.map((s, j) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]))).join("  ").trimEnd();
  const out = [line(cols), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
  return (caption ? `${caption}\n` : "") + out.join("\n");
}

/** The records as an HTML table. */
export function tableHtml(records: Record<string, unknown>[], caption?: string): string {
  const cols = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const head = cols.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = records
    .map((r) => `<tr>${cols.map((c) => `<td>${escapeHtml(formatCell(r[c]))}</td>`).join("")}</tr>`)
    .join("\n");
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : "";
  return `<table>${cap}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Shows a table: HTML (with a plain-text twin) in a notebook, plain text on a terminal. */
export function showTable(records: Record<string, unknown>[], caption?: string): void {
  const text = tableText(records, caption);
  if (!displayBundle({ "text/html": tableHtml(records, caption), "text/plain": text })) console.log(text);
}
