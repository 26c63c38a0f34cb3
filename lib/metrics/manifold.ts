/**
 * Pure-compute helpers for drawing what a 2-D GAN learned, returned as plain arrays for Plotly.
 *
 * A generator is passed as a batch function `gen(z, n)`: z is [n, latentDim] row-major, the
 * result [n, 2]. A discriminator is `disc(x, n)`: x is [n, 2], the result [n] (probabilities or
 * logits, whatever should be drawn). Wrapping a tf.js model: `(z, n) => tf.tidy(() =>
 * G.predict(tf.tensor2d(z, [n, d]))).dataSync()` (dispose the result afterwards).
 */

export type BatchFn = (input: Float32Array, n: number) => ArrayLike<number>;

export interface Polyline {
  x: number[];
  y: number[];
}

export interface NoiseGridOptions {
  latentDim: number;
  /** Range of both grid coordinates in latent space, e.g. [0, 1] for U[0,1) noise, [−3, 3] for N(0, I). */
  range: [number, number];
  /** Grid lines per direction; default 11. */
  lines?: number;
  /** Points along each line; default 101. */
  pointsPerLine?: number;
  /** Latent coordinates spanning the grid plane; default [0, 1]. */
  axes?: [number, number];
  /** Value of the other latent coordinates; default all 0 (length latentDim). */
  base?: ArrayLike<number>;
}

/**
 * Image of a regular noise grid: the lines z_a = const and z_b = const of the square
 * range², other coordinates at `base`, mapped through `gen`. Returns the images of the
 * lines of constant z_a (`first`) and constant z_b (`second`), each a polyline in data space.
 */
export function noiseGridImage(gen: BatchFn, opts: NoiseGridOptions): { first: Polyline[]; second: Polyline[] } {
  const d = opts.latentDim;
  const lines = opts.lines ?? 11;
  const per = opts.pointsPerLine ?? 101;
  const [ia, ib] = opts.axes ?? [0, 1];
  if (d < 2 || ia === ib || ia < 0 || ib < 0 || ia >= d || ib >= d) throw new Error(`noiseGridImage: axes [${ia}, ${ib}] invalid for latentDim ${d}`);
  if (lines < 2 || per < 2) throw new Error("noiseGridImage: need at least 2 lines and 2 points per line");
  const [lo, hi] = opts.range;
  const at = (j: number, count: number) => lo + ((hi - lo) * j) / (count - 1);
  const n = 2 * lines * per;
  const z = new Float32Array(n * d);
  let row = 0;
  for (let family = 0; family < 2; family++) {
    for (let l = 0; l < lines; l++) {
      for (let p = 0; p < per; p++, row++) {
        for (let c = 0; c < d; c++) z[row * d + c] = opts.base ? opts.base[c] : 0;
        z[row * d + (family === 0 ? ia : ib)] = at(l, lines);
        z[row * d + (family === 0 ? ib : ia)] = at(p, per);
      }
    }
  }
  const out = gen(z, n);
  if (out.length !== 2 * n) throw new Error(`noiseGridImage: generator returned ${out.length} values, expected ${2 * n}`);
  const families: Polyline[][] = [[], []];
  row = 0;
  for (let family = 0; family < 2; family++) {
    for (let l = 0; l < lines; l++) {
      const line: Polyline = { x: [], y: [] };
      for (let p = 0; p < per; p++, row++) {
        line.x.push(out[2 * row]);
        line.y.push(out[2 * row + 1]);
      }
      families[family].push(line);
    }
  }
  return { first: families[0], second: families[1] };
}

/** Image of the segment z ∈ [lo, hi] of a 1-D latent: the curve G(z) with its z for colouring. */
export function latentCurve(gen: BatchFn, range: [number, number], points = 1001): { z: number[]; x: number[]; y: number[] } {
  if (points < 2) throw new Error("latentCurve: need at least 2 points");
  const [lo, hi] = range;
  const z = new Float32Array(points);
  for (let i = 0; i < points; i++) z[i] = lo + ((hi - lo) * i) / (points - 1);
  const out = gen(z, points);
  if (out.length !== 2 * points) throw new Error(`latentCurve: generator returned ${out.length} values, expected ${2 * points}`);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < points; i++) {
    x.push(out[2 * i]);
    y.push(out[2 * i + 1]);
  }
  return { z: Array.from(z), x, y };
}

/**
 * A function of the plane on an nx × ny grid of cell centres over xRange × yRange, in
 * Plotly's heatmap layout: value[r][c] at (x[c], y[r]).
 */
export function heatmapGrid(disc: BatchFn, xRange: [number, number], yRange: [number, number], nx = 100, ny = 100): { x: number[]; y: number[]; z: number[][] } {
  const centre = (r: [number, number], i: number, count: number) => r[0] + ((r[1] - r[0]) * (i + 0.5)) / count;
  const xs = Array.from({ length: nx }, (_, i) => centre(xRange, i, nx));
  const ys = Array.from({ length: ny }, (_, i) => centre(yRange, i, ny));
  const pts = new Float32Array(2 * nx * ny);
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      pts[2 * (r * nx + c)] = xs[c];
      pts[2 * (r * nx + c) + 1] = ys[r];
    }
  }
  const v = disc(pts, nx * ny);
  if (v.length !== nx * ny) throw new Error(`heatmapGrid: discriminator returned ${v.length} values, expected ${nx * ny}`);
  const z: number[][] = [];
  for (let r = 0; r < ny; r++) z.push(Array.from({ length: nx }, (_, c) => v[r * nx + c]));
  return { x: xs, y: ys, z };
}
