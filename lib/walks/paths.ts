/**
 * Latent walks as flat rows the generator reads: every walk of this module returns its points
 * row-major, [frames, latentDim] (several walks: [walks·frames, latentDim], walk w's frame i at
 * row w·frames + i), the layout of lib/train/members.ts `generateMembers`.
 *
 *   interpolation   p(t) = lerp(p₀, p₁; t) or slerp(p₀, p₁; t),  t = i/(frames − 1)
 *   radial ray      z(r) = r·û,  û = u/‖u‖, for the given radii (r = 0 is the origin)
 *   great circle    z(t) = r(cos 2πt·u + sin 2πt·v),  t = i/frames (lib/geometry/great-circle.ts)
 */
import { interpolatePath } from "../geometry/slerp";
import type { Vec } from "../geometry/vectors";
import { norm } from "../geometry/vectors";

/** How two latent vectors are joined: (p₀, p₁, t) → p(t). */
export type Interpolation = (p0: ArrayLike<number>, p1: ArrayLike<number>, t: number) => Vec;

/** Points [n][d] → rows [n·d]. */
export function flattenPoints(points: readonly ArrayLike<number>[]): Float64Array {
  if (points.length === 0) return new Float64Array(0);
  const d = points[0].length;
  const out = new Float64Array(points.length * d);
  points.forEach((p, i) => {
    if (p.length !== d) throw new RangeError(`flattenPoints: point ${i} has ${p.length} coordinates, point 0 has ${d}`);
    out.set(p, i * d);
  });
  return out;
}

/** Row i of [n, d] rows as a vector (a copy). */
export function row(rows: ArrayLike<number>, d: number, i: number): Float64Array {
  if (!(Number.isInteger(i) && i >= 0 && (i + 1) * d <= rows.length)) throw new RangeError(`row: index ${i} outside the ${rows.length / d} rows of width ${d}`);
  return Float64Array.from({ length: d }, (_, j) => rows[i * d + j]);
}

/**
 * Interpolation rows for `pairs` (each [p₀, p₁] of length d): frames t = i/(frames − 1) per
 * pair → [pairs·frames, d].
 */
export function interpolationRows(pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[], frames: number, method: Interpolation): Float64Array {
  return flattenPoints(pairs.flatMap(([p0, p1]) => interpolatePath(p0, p1, frames, method)));
}

/** The points of `pairs` at one t → [pairs, d] (e.g. the midpoints, t = ½). */
export function interpolationAt(pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[], t: number, method: Interpolation): Float64Array {
  return flattenPoints(pairs.map(([p0, p1]) => method(p0, p1, t)));
}

/** z(r) = r·u/‖u‖ for each radius → [radii.length, d]. `u` must be non-zero. */
export function radialRay(u: ArrayLike<number>, radii: readonly number[]): Float64Array {
  const n = norm(u);
  if (!(n > 0)) throw new RangeError(`radialRay: direction u has norm ${n}; a ray needs a non-zero direction`);
  const d = u.length;
  const out = new Float64Array(radii.length * d);
  radii.forEach((r, i) => {
    for (let j = 0; j < d; j++) out[i * d + j] = (r * u[j]) / n;
  });
  return out;
}

/** Radii lo, lo + step, …, up to hi (inclusive when hi − lo is a multiple of step, to rounding). */
export function radiusGrid(lo: number, hi: number, step: number): number[] {
  if (!(step > 0) || !(hi >= lo)) throw new RangeError(`radiusGrid: need step > 0 and hi ≥ lo, got lo ${lo}, hi ${hi}, step ${step}`);
  const n = Math.floor((hi - lo) / step + 1e-9) + 1;
  return Array.from({ length: n }, (_, i) => lo + i * step);
}

/**
 * Rows of two row sets interleaved walk by walk, for a figure that shows each walk of `a` above
 * the same walk of `b` (the article's lerp/slerp figure): a's walk 0, b's walk 0, a's walk 1, …
 * Each input is [walks·frames, width] → [2·walks·frames, width].
 */
export function interleaveWalks(a: ArrayLike<number>, b: ArrayLike<number>, walks: number, frames: number): Float64Array {
  const block = a.length / walks;
  if (a.length !== b.length || !Number.isInteger(block) || block % frames !== 0) {
    throw new RangeError(`interleaveWalks: ${a.length} and ${b.length} values do not both form ${walks} walks of ${frames} frames`);
  }
  const out = new Float64Array(2 * a.length);
  for (let w = 0; w < walks; w++) {
    out.set(Array.prototype.slice.call(a, w * block, (w + 1) * block) as number[], 2 * w * block);
    out.set(Array.prototype.slice.call(b, w * block, (w + 1) * block) as number[], (2 * w + 1) * block);
  }
  return out;
}
