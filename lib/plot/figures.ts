/**
 * Small builders of Plotly figures shared by the notebooks. They only arrange plain arrays into
 * Plotly JSON (compute and draw apart): no tensors, no I/O. Titles are Unicode text (‖z‖, χ, θ).
 */
import type { PlotlyFigure } from "./render";

/** Colours used across notebooks: real data grey, generated samples red (GAN Lab convention). */
export const COLOURS = { real: "rgb(150,150,150)", fake: "rgb(214,39,40)", accent: "rgb(31,119,180)" } as const;

export interface AxesOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  xRange?: [number, number];
  yRange?: [number, number];
  /** one unit on x has the same length as one unit on y (scatter plots of 2-D data) */
  equalAspect?: boolean;
  logY?: boolean;
}

/** The layout every figure shares: white template, Unicode title, optional axis ranges. */
export function baseLayout(o: AxesOptions = {}): Record<string, unknown> {
  const xaxis: Record<string, unknown> = { title: { text: o.xTitle ?? "" }, zeroline: false };
  const yaxis: Record<string, unknown> = { title: { text: o.yTitle ?? "" }, zeroline: false };
  if (o.xRange) xaxis.range = o.xRange;
  if (o.yRange) yaxis.range = o.yRange;
  if (o.equalAspect) yaxis.scaleanchor = "x";
  if (o.logY) yaxis.type = "log";
  return {
    template: "plotly_white",
    title: { text: o.title ?? "" },
    font: { family: "DejaVu Sans, Arial, sans-serif", size: 13 },
    margin: { l: 60, r: 20, t: o.title ? 50 : 20, b: 50 },
    xaxis,
    yaxis,
  };
}

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  colour?: string;
  dash?: "solid" | "dash" | "dot";
}

/** One line per series (loss curves, norms along a walk). */
export function lineFigure(series: Series[], axes: AxesOptions = {}): PlotlyFigure {
  return {
    data: series.map((s) => ({
      type: "scatter",
      mode: "lines",
      name: s.name,
      x: Array.from(s.x),
      y: Array.from(s.y),
      line: { color: s.colour, dash: s.dash ?? "solid" },
    })),
    layout: baseLayout(axes),
  };
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

/**
 * Values on a grid (critic or discriminator output over the plane): `z` is [ny, nx] row-major,
 * z[j·nx + i] at (x[i], y[j]). Drawn as filled contours.
 */
export function gridFigure(z: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, axes: AxesOptions & { colourbarTitle?: string } = {}): PlotlyFigure {
  const nx = x.length, ny = y.length;
  if (z.length !== nx * ny) throw new Error(`grid values have length ${z.length}, expected ${ny}·${nx} = ${nx * ny}`);
  const rows: number[][] = [];
  for (let j = 0; j < ny; j++) rows.push(Array.from({ length: nx }, (_, i) => z[j * nx + i]));
  return {
    data: [{ type: "contour", x: Array.from(x), y: Array.from(y), z: rows, colorscale: "RdBu", colorbar: { title: { text: axes.colourbarTitle ?? "" } } }],
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
