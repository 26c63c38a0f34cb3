/**
 * Generator samples as labelled rows of image tiles (28 × 28 for MNIST), built on
 * {@link imageGridFigure}: a walk in latent space is one row per pair of endpoints and one
 * column per frame t; a latent edit is one row per principal component and one column per
 * step x along it. Row labels stand left of each row, column labels above each column.
 *
 * In the mosaic (heat map cells at integer coordinates, y downwards), tile (r, c) spans columns
 * gap + c·(w + gap) … + w − 1 and rows gap + r·(h + gap) … + h − 1, so its centre is at
 * x = gap + c·(w + gap) + (w − 1)/2, y = gap + r·(h + gap) + (h − 1)/2; the labels are placed
 * there, just outside the mosaic's edge (x = −0.5 on the left, y = −0.5 on top).
 */
import type { PlotlyFigure } from "./render";
import { AxesOptions, imageGridFigure } from "./figures";

export interface ImageRowsOptions {
  rows: number;
  cols: number;
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  /** pixels between tiles, default 1 */
  gap?: number;
  /** value range of the images, default [−1, 1] (tanh output) */
  lo?: number;
  hi?: number;
}

/** Centre of tile (r, c) in mosaic coordinates (see the module comment). */
export function tileCentre(r: number, c: number, shape: { h: number; w: number }, gap = 1): { x: number; y: number } {
  return { x: gap + c * (shape.w + gap) + (shape.w - 1) / 2, y: gap + r * (shape.h + gap) + (shape.h - 1) / 2 };
}

/** `images` [rows·cols, h, w] row-major (row r, column c is image r·cols + c), with labels. */
export function imageRowsFigure(images: ArrayLike<number>, shape: { h: number; w: number }, o: ImageRowsOptions, axes: AxesOptions = {}): PlotlyFigure {
  const { rows, cols } = o;
  const n = rows * cols, gap = o.gap ?? 1;
  if (images.length !== n * shape.h * shape.w) {
    throw new RangeError(`imageRowsFigure: images have length ${images.length}, expected rows·cols·h·w = ${rows}·${cols}·${shape.h}·${shape.w} = ${n * shape.h * shape.w}`);
  }
  if (o.rowLabels && o.rowLabels.length !== rows) throw new RangeError(`imageRowsFigure: ${o.rowLabels.length} row labels for ${rows} rows`);
  if (o.colLabels && o.colLabels.length !== cols) throw new RangeError(`imageRowsFigure: ${o.colLabels.length} column labels for ${cols} columns`);
  const fig = imageGridFigure(images, { n, ...shape }, { rows, cols, gap, lo: o.lo, hi: o.hi }, axes);
  const annotations: Record<string, unknown>[] = [];
  o.rowLabels?.forEach((text, r) => annotations.push({ text, xref: "x", yref: "y", x: -0.5, y: tileCentre(r, 0, shape, gap).y, xanchor: "right", yanchor: "middle", showarrow: false, font: { size: 11 } }));
  o.colLabels?.forEach((text, c) => annotations.push({ text, xref: "x", yref: "y", x: tileCentre(0, c, shape, gap).x, y: -0.5, xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 11 } }));
  const layout = fig.layout as Record<string, unknown>;
  const margin = layout.margin as Record<string, number>;
  return {
    data: fig.data,
    layout: { ...layout, annotations, margin: { ...margin, l: o.rowLabels ? 110 : 10, r: 10, t: margin.t + (o.colLabels ? 20 : 0), b: 10 } },
  };
}
