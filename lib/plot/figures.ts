/**
 * Small builders of Plotly figures shared by the notebooks. They only arrange plain arrays into
 * Plotly JSON (compute and draw apart): no tensors, no I/O. Titles are Unicode text (‖z‖, χ, θ).
 */
import type { PlotlyFigure } from "./render";

/** Colours used across notebooks: real data grey, generated samples red (GAN Lab convention). */
export const COLOURS = { real: "rgb(150,150,150)", fake: "rgb(214,39,40)", accent: "rgb(31,119,180)" } as const;

/** Colours for several series in one figure, in order (Plotly's default qualitative palette). */
export const SERIES_COLOURS = [
  "rgb(31,119,180)", "rgb(255,127,14)", "rgb(44,160,44)", "rgb(214,39,40)", "rgb(148,103,189)",
  "rgb(140,86,75)", "rgb(227,119,194)", "rgb(127,127,127)", "rgb(188,189,34)", "rgb(23,190,207)",
] as const;

/** The i-th series colour (cycling). */
export function seriesColour(i: number): string {
  return SERIES_COLOURS[((i % SERIES_COLOURS.length) + SERIES_COLOURS.length) % SERIES_COLOURS.length];
}

/** `rgb(r,g,b)` or `#rrggbb` as `rgba(r,g,b,alpha)` (shaded bands, translucent bars). */
export function withAlpha(colour: string, alpha: number): string {
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(colour);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const parts = rgb ? rgb.slice(1, 4).map(Number) : hex ? hex.slice(1, 4).map((h) => parseInt(h, 16)) : undefined;
  if (parts === undefined) throw new Error(`withAlpha: colour must be rgb(r,g,b) or #rrggbb, got "${colour}"`);
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`withAlpha: alpha must be in [0, 1], got ${alpha}`);
  return `rgba(${parts.join(",")},${alpha})`;
}

/** One Plotly trace (https://plotly.com/javascript/reference/): a plain JSON object. */
export type Trace = Record<string, unknown>;

export interface AxesOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  xRange?: [number, number];
  yRange?: [number, number];
  /** one unit on x has the same length as one unit on y (scatter plots of 2-D data) */
  equalAspect?: boolean;
  logY?: boolean;
  logX?: boolean;
}

/** The layout every figure shares: white template, Unicode title, optional axis ranges. */
export function baseLayout(o: AxesOptions = {}): Record<string, unknown> {
  const xaxis: Record<string, unknown> = { title: { text: o.xTitle ?? "" }, zeroline: false };
  const yaxis: Record<string, unknown> = { title: { text: o.yTitle ?? "" }, zeroline: false };
  if (o.xRange) xaxis.range = o.xRange;
  if (o.yRange) yaxis.range = o.yRange;
  if (o.equalAspect) {
    // shrink the plotting area rather than widen the ranges: [−a, a]² stays a square
    yaxis.scaleanchor = "x";
    xaxis.constrain = "domain";
    yaxis.constrain = "domain";
  }
  if (o.logY) yaxis.type = "log";
  if (o.logX) xaxis.type = "log";
  return {
    template: "plotly_white",
    title: { text: o.title ?? "" },
    font: { family: "DejaVu Sans, Arial, sans-serif", size: 13 },
    margin: { l: 60, r: 20, t: o.title ? 50 : 20, b: 50 },
    xaxis,
    yaxis,
  };
}

export type Dash = "solid" | "dash" | "dot" | "dashdot";

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  colour?: string;
  dash?: Dash;
  /** line width in px (Plotly's default 2) */
  width?: number;
  /** draw markers at the points too */
  markers?: boolean;
}

/** One line trace of `s`. */
export function lineTrace(s: Series): Trace {
  return {
    type: "scatter",
    mode: s.markers ? "lines+markers" : "lines",
    name: s.name,
    x: Array.from(s.x),
    y: Array.from(s.y),
    line: { color: s.colour, dash: s.dash ?? "solid", ...(s.width === undefined ? {} : { width: s.width }) },
  };
}

/** One line per series (loss curves, norms along a walk). */
export function lineFigure(series: Series[], axes: AxesOptions = {}): PlotlyFigure {
  return { data: series.map(lineTrace), layout: baseLayout(axes) };
}

export interface PointSet {
  name: string;
  /** points as [n, 2] rows, or a flat [x0, y0, x1, y1, …] array */
  points: ArrayLike<number> | ArrayLike<number>[];
  colour?: string;
  /** open circles (generated samples drawn over real ones) */
  open?: boolean;
  size?: number;
}

/** Splits [n, 2] rows or a flat interleaved array into x and y columns. */
export function columns(points: ArrayLike<number> | ArrayLike<number>[]): { x: number[]; y: number[] } {
  const x: number[] = [], y: number[] = [];
  if (points.length > 0 && typeof points[0] !== "number") {
    for (const p of points as ArrayLike<number>[]) { x.push(p[0]); y.push(p[1]); }
  } else {
    const flat = points as ArrayLike<number>;
    if (flat.length % 2 !== 0) throw new Error(`flat point array has odd length ${flat.length}`);
    for (let i = 0; i < flat.length; i += 2) { x.push(flat[i]); y.push(flat[i + 1]); }
  }
  return { x, y };
}

/** 2-D samples, one marker trace per set, equal aspect (real grey dots, fake red open circles). */
export function scatterFigure(sets: PointSet[], axes: AxesOptions = {}): PlotlyFigure {
  return {
    data: sets.map((s) => ({
      type: "scatter", // SVG markers (not scattergl/WebGL): the same marks in PNG and SVG exports
      mode: "markers",
      name: s.name,
      ...columns(s.points),
      marker: { color: s.colour, size: s.size ?? 4, symbol: s.open ? "circle-open" : "circle" },
    })),
    layout: baseLayout({ equalAspect: true, ...axes }),
  };
}

/**
 * Histogram of `values` (probability density: bar areas sum to 1) with optional curves on top
 * (e.g. the closed-form density it should match).
 */
export function histogramFigure(
  name: string,
  values: ArrayLike<number>,
  axes: AxesOptions & { bins?: number } = {},
  curves: Series[] = [],
): PlotlyFigure {
  return {
    data: [
      { type: "histogram", name, x: Array.from(values), histnorm: "probability density", nbinsx: axes.bins ?? 60, marker: { color: COLOURS.real }, opacity: 0.75 },
      ...lineFigure(curves).data,
    ],
    layout: { ...baseLayout(axes), bargap: 0.02 },
  };
}

/** Values on an nx × ny grid: rows z[j][i] or flat row-major z[j·nx + i], the value at (x[i], y[j]). */
export type GridValues = ArrayLike<number> | readonly ArrayLike<number>[];

/** `z` as rows [ny][nx], its size checked against the grid. */
export function gridRows(z: GridValues, nx: number, ny: number): number[][] {
  if (z.length > 0 && typeof z[0] !== "number") {
    const rows = z as readonly ArrayLike<number>[];
    if (rows.length !== ny || rows.some((r) => r.length !== nx)) throw new RangeError(`grid values must be ${ny} rows of ${nx} values (y × x)`);
    return rows.map((r) => Array.from(r));
  }
  const flat = z as ArrayLike<number>;
  if (flat.length !== nx * ny) throw new RangeError(`grid values have length ${flat.length}, expected ${ny}·${nx} = ${nx * ny}`);
  return Array.from({ length: ny }, (_, j) => Array.from({ length: nx }, (_, i) => flat[j * nx + i]));
}

/**
 * Values on a grid (critic or discriminator output over the plane), see {@link gridRows}.
 * Drawn as filled contours.
 */
export function gridFigure(z: GridValues, x: ArrayLike<number>, y: ArrayLike<number>, axes: AxesOptions & { colourbarTitle?: string } = {}): PlotlyFigure {
  return {
    data: [{ type: "contour", x: Array.from(x), y: Array.from(y), z: gridRows(z, x.length, y.length), colorscale: "RdBu", colorbar: { title: { text: axes.colourbarTitle ?? "" } } }],
    layout: baseLayout({ equalAspect: true, ...axes }),
  };
}

/**
 * Tiles `images` ([n, h, w] row-major, values in [lo, hi], default [−1, 1] as a tanh generator
 * outputs) into a `rows × cols` mosaic with a `gap`-pixel border, shown grey-scale with high
 * values dark (ink on white paper; gaps white), row 0 at the
 * top. Pixel (r, c) of image k sits at mosaic row ⌊k/cols⌋·(h+gap)+gap+r, column (k mod cols)·(w+gap)+gap+c.
 */
export function imageGridFigure(
  images: ArrayLike<number>,
  shape: { n: number; h: number; w: number },
  grid: { rows: number; cols: number; gap?: number; lo?: number; hi?: number },
  axes: AxesOptions = {},
): PlotlyFigure {
  const { n, h, w } = shape;
  const { rows, cols } = grid;
  const gap = grid.gap ?? 1, lo = grid.lo ?? -1, hi = grid.hi ?? 1;
  if (images.length !== n * h * w) throw new Error(`images have length ${images.length}, expected n·h·w = ${n * h * w}`);
  if (n > rows * cols) throw new Error(`${n} images do not fit a ${rows}×${cols} grid`);
  const H = rows * (h + gap) + gap, W = cols * (w + gap) + gap;
  const mosaic: (number | null)[][] = Array.from({ length: H }, () => new Array<number | null>(W).fill(null));
  for (let k = 0; k < n; k++) {
    const top = Math.floor(k / cols) * (h + gap) + gap, left = (k % cols) * (w + gap) + gap;
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) mosaic[top + r][left + c] = images[k * h * w + r * w + c];
  }
  const layout = baseLayout(axes);
  return {
    data: [{ type: "heatmap", z: mosaic, zmin: lo, zmax: hi, colorscale: "Greys", reversescale: true, showscale: false, hoverongaps: false }],
    layout: {
      ...layout,
      xaxis: { visible: false, constrain: "domain" },
      yaxis: { visible: false, autorange: "reversed", scaleanchor: "x" },
      plot_bgcolor: "white",
    },
  };
}
