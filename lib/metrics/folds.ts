/**
 * Where a generator with a 2-D latent folds the latent plane over itself.
 *
 * G is evaluated on the nodes of a regular (m + 1) × (m + 1) grid over range² of the latent
 * plane. Each grid cell, a small square of latent space, goes to a quadrilateral with corners
 * G(a), G(b), G(c), G(d) (counter-clockwise in latent space); its signed area by the shoelace
 * formula,
 *
 *   A = ½ Σ_i (x_i y_{i+1} − x_{i+1} y_i),
 *
 * is ≈ det J_G · (cell area). Where det J_G changes sign the map turns the plane over: the image
 * folds back on itself and samples pile up along the fold (a crease in the sample cloud, the
 * "kinks" of a 2-D latent). The fold share is the latent mass of the cells whose image has the
 * minority orientation (cells weighted by the prior density at their centre; uniform for a
 * uniform prior); an orientation-preserving (or everywhere reversing) map has share 0, a map
 * that folds half the square over the other half has share ½.
 */
import type { BatchFn } from "./manifold";

export interface FoldOptions {
  /** the latent square range² the grid covers, e.g. [0, 1] for U[0, 1)² noise */
  range: [number, number];
  /** cells per side m (default 60) */
  cells?: number;
  /** prior density p(z₁, z₂) up to a constant (default uniform) */
  density?: (z1: number, z2: number) => number;
}

export interface FoldResult {
  /** latent mass with the minority orientation, ∈ [0, ½] */
  share: number;
  /** cells with positive / negative / zero signed area */
  positive: number;
  negative: number;
  flat: number;
}

/** The grid nodes [(m + 1)², 2], row r (z₂) major, column c (z₁) minor. */
export function latentGridNodes(range: [number, number], m: number): Float32Array {
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`latentGridNodes: cells per side must be an integer ≥ 1, got ${m}`);
  if (!(range[0] < range[1])) throw new RangeError(`latentGridNodes: range must be [lo, hi] with lo < hi, got [${range}]`);
  const at = (i: number) => range[0] + ((range[1] - range[0]) * i) / m;
  const out = new Float32Array(2 * (m + 1) ** 2);
  for (let r = 0; r <= m; r++) {
    for (let c = 0; c <= m; c++) {
      out[2 * (r * (m + 1) + c)] = at(c);
      out[2 * (r * (m + 1) + c) + 1] = at(r);
    }
  }
  return out;
}

/** Signed areas of the m² image cells, from the images of the grid nodes [(m + 1)², 2]. */
export function cellAreas(image: ArrayLike<number>, m: number): Float64Array {
  const side = m + 1;
  if (image.length !== 2 * side * side) throw new RangeError(`cellAreas: ${image.length} values for ${side}² nodes of 2 coordinates`);
  const out = new Float64Array(m * m);
  const x = (r: number, c: number) => image[2 * (r * side + c)];
  const y = (r: number, c: number) => image[2 * (r * side + c) + 1];
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) {
      // corners counter-clockwise in latent space: (c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)
      const px = [x(r, c), x(r, c + 1), x(r + 1, c + 1), x(r + 1, c)];
      const py = [y(r, c), y(r, c + 1), y(r + 1, c + 1), y(r + 1, c)];
      let a = 0;
      for (let i = 0; i < 4; i++) a += px[i] * py[(i + 1) % 4] - px[(i + 1) % 4] * py[i];
      out[r * m + c] = a / 2;
    }
  }
  return out;
}

/** The fold share of `gen` (z [n, 2] → [n, 2]) over the latent square. */
export function foldShare(gen: BatchFn, opts: FoldOptions): FoldResult {
  const m = opts.cells ?? 60;
  const nodes = latentGridNodes(opts.range, m);
  const image = gen(nodes, (m + 1) ** 2);
  const areas = cellAreas(image, m);
  const h = (opts.range[1] - opts.range[0]) / m;
  let pos = 0, neg = 0, total = 0, positive = 0, negative = 0, flat = 0;
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) {
      const w = opts.density ? opts.density(opts.range[0] + (c + 0.5) * h, opts.range[0] + (r + 0.5) * h) : 1;
      total += w;
      const a = areas[r * m + c];
      if (a > 0) (pos += w), positive++;
      else if (a < 0) (neg += w), negative++;
      else flat++;
    }
  }
  if (!(total > 0)) throw new RangeError("foldShare: the prior density is zero on every cell");
  return { share: Math.min(pos, neg) / total, positive, negative, flat };
}
