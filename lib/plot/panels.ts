/**
 * Layout of a rows × cols grid of panels, each with its own x and y axes (ticks on every
 * panel: neighbouring panels may span different ranges), an optional title above it, and
 * optionally equal aspect: one unit on y as long as one unit on x, so a ring looks round.
 *
 * Panel (r, c), row 0 at the top, is panel number i = r·cols + c + 1 and owns the axes
 * `xaxis{i}` / `yaxis{i}` (Plotly calls the first pair `xaxis` / `yaxis`); a trace is drawn in
 * it with `{ xaxis: "x{i}", yaxis: "y{i}" }` ({@link PanelAxes.ref}). Its domain is the cell
 *
 *   x ∈ [c·(w + gx), c·(w + gx) + w],   y ∈ [1 − r·(h + gy) − h, 1 − r·(h + gy)],
 *   w = (1 − (cols − 1)·gx)/cols,   h = (1 − (rows − 1)·gy)/rows
 *
 * (fractions of the plotting area; gx, gy the gaps between cells, none at the outer edges).
 * With equal aspect each y axis has `scaleanchor` = its own x axis and both axes
 * `constrain: "domain"`: Plotly shrinks the cell to keep the aspect, so a square data range
 * gives a square panel. Titles are annotations
 * anchored to the panel's own domain (`x{i} domain`), so they follow the shrunk cell.
 */
import { baseLayout } from "./figures";

/** The axes of one panel. */
export interface PanelAxes {
  /** trace references, e.g. "x3" / "y3" */
  x: string;
  y: string;
  /** layout keys, e.g. "xaxis3" / "yaxis3" */
  xKey: string;
  yKey: string;
  /** spread into a trace to draw it in this panel */
  ref: { xaxis: string; yaxis: string };
}

export interface PanelGridOptions {
  rows: number;
  cols: number;
  /** figure title */
  title?: string;
  /** one title per panel, row-major (undefined: none) */
  panelTitles?: readonly (string | undefined)[];
  /** x / y axis title of every panel, or per panel (r, c) */
  xTitle?: string | ((r: number, c: number) => string | undefined);
  yTitle?: string | ((r: number, c: number) => string | undefined);
  /** axis ranges per panel (r, c); undefined: Plotly's autorange */
  xRange?: (r: number, c: number) => [number, number] | undefined;
  yRange?: (r: number, c: number) => [number, number] | undefined;
  equalAspect?: boolean;
  /** gaps between cells as fractions of the plotting area (defaults 0.06 and 0.08) */
  xGap?: number;
  yGap?: number;
}

function checkGrid(rows: number, cols: number): void {
  for (const [name, v] of [["rows", rows], ["cols", cols]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`panelGrid: ${name} must be an integer ≥ 1, got ${v}`);
  }
}

/** The axes of panel (r, c) in a grid with `cols` columns. */
export function panelAxes(r: number, c: number, cols: number): PanelAxes {
  const i = r * cols + c + 1;
  const suffix = i === 1 ? "" : String(i);
  return { x: `x${suffix}`, y: `y${suffix}`, xKey: `xaxis${suffix}`, yKey: `yaxis${suffix}`, ref: { xaxis: `x${suffix}`, yaxis: `y${suffix}` } };
}

/** Domains of cell (r, c) as fractions of the plotting area (all cells the same size). */
export function panelDomain(r: number, c: number, o: { rows: number; cols: number; xGap?: number; yGap?: number }): { x: [number, number]; y: [number, number] } {
  const gx = o.xGap ?? 0.06, gy = o.yGap ?? 0.08;
  const w = (1 - (o.cols - 1) * gx) / o.cols, h = (1 - (o.rows - 1) * gy) / o.rows;
  const x0 = c * (w + gx), y1 = 1 - r * (h + gy);
  return { x: [x0, x0 + w], y: [y1 - h, y1] };
}

const pick = (v: string | ((r: number, c: number) => string | undefined) | undefined, r: number, c: number) => (typeof v === "function" ? v(r, c) : v);

/** The layout of the grid (axes, domains, titles) and the axes of each panel. */
export function panelGrid(o: PanelGridOptions): { layout: Record<string, unknown>; axes: (r: number, c: number) => PanelAxes } {
  checkGrid(o.rows, o.cols);
  if (o.panelTitles && o.panelTitles.length > o.rows * o.cols) {
    throw new RangeError(`panelGrid: ${o.panelTitles.length} panel titles for ${o.rows}×${o.cols} panels`);
  }
  const layout = baseLayout({ title: o.title });
  delete layout.xaxis;
  delete layout.yaxis;
  const annotations: Record<string, unknown>[] = [];
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.cols; c++) {
      const ax = panelAxes(r, c, o.cols);
      const dom = panelDomain(r, c, o);
      const xaxis: Record<string, unknown> = { domain: dom.x, anchor: ax.y, zeroline: false, showticklabels: true, title: { text: pick(o.xTitle, r, c) ?? "" } };
      const yaxis: Record<string, unknown> = { domain: dom.y, anchor: ax.x, zeroline: false, showticklabels: true, title: { text: pick(o.yTitle, r, c) ?? "" } };
      const xr = o.xRange?.(r, c), yr = o.yRange?.(r, c);
      if (xr) xaxis.range = xr;
      if (yr) yaxis.range = yr;
      if (o.equalAspect) {
        yaxis.scaleanchor = ax.x;
        yaxis.scaleratio = 1;
        xaxis.constrain = "domain";
        yaxis.constrain = "domain";
      }
      layout[ax.xKey] = xaxis;
      layout[ax.yKey] = yaxis;
      const title = o.panelTitles?.[r * o.cols + c];
      if (title) {
        annotations.push({ text: title, xref: `${ax.x} domain`, yref: `${ax.y} domain`, x: 0.5, y: 1, xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 12 } });
      }
    }
  }
  layout.annotations = annotations;
  layout.margin = { l: 60, r: 20, t: o.title ? 70 : 40, b: 50 };
  return { layout, axes: (r, c) => panelAxes(r, c, o.cols) };
}

/**
 * A figure size in CSS pixels for `rows × cols` panels of about `panel` px each (plus margins
 * and gaps): square cells for equal-aspect panels with square ranges.
 */
export function panelFigureSize(rows: number, cols: number, panel = 240, extra: { width?: number; height?: number } = {}): { width: number; height: number } {
  checkGrid(rows, cols);
  return { width: Math.round(cols * panel * 1.08 + 80 + (extra.width ?? 0)), height: Math.round(rows * panel * 1.1 + 110 + (extra.height ?? 0)) };
}
