/**
 * Share of samples off the data manifold.
 *
 * Eight Gaussians (any isotropic mixture): a sample is off if it lies more than nSigma·σ
 * (default 3σ = 0.6) from every centre, i.e. it is not high quality in the sense of ./modes.ts;
 * real data are off with probability exp(−9/2) ≈ 1.1 %.
 *
 * Spiral: a sample is off if its distance to the centre curve C(t) (../toy/spiral.ts) exceeds
 * the band's half-width 0.05. Derivation of the threshold: a real sample is C's point at the
 * same t moved radially by 0.05·z₁, |z₁| ≤ 1, so its distance to C is at most 0.05 — every real
 * sample is on, and a generated one that is off lies outside the band the data fill. Bands of
 * neighbouring turns are 0.2 apart, so the threshold sits well inside the empty gap.
 *
 * Distance to the curve: C is replaced by a polyline through `segments + 1` points equally
 * spaced in t; the nearest vertex is found with a k-d tree and the two segments meeting there
 * are measured exactly. The arc length of C is about 9.4, so with the default 20,000 segments
 * each is ≤ 0.0006 long and the error is below half of that (≤ 0.0003 ≪ 0.05).
 */
import { KdTree } from "./kdtree";
import { nearestCentre } from "./modes";
import { SPIRAL_HALF_WIDTH, spiralCurve } from "../toy/spiral";
import type { Points } from "../toy/types";

/** Distance from (px, py) to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const ux = bx - ax;
  const uy = by - ay;
  const len2 = ux * ux + uy * uy;
  let s = len2 > 0 ? ((px - ax) * ux + (py - ay) * uy) / len2 : 0;
  s = Math.max(0, Math.min(1, s));
  return Math.hypot(px - ax - s * ux, py - ay - s * uy);
}

/** Distances from points to an open polyline given by its vertices [v, 2]. */
export class PolylineDistance {
  private readonly tree: KdTree;
  constructor(private readonly vertices: Float64Array) {
    if (vertices.length < 4) throw new Error("PolylineDistance: need at least two vertices");
    this.tree = new KdTree(vertices, 2);
  }

  /** Number of segments. */
  get segments(): number {
    return this.vertices.length / 2 - 1;
  }

  /** Distance to the polyline and the index of the nearest vertex. */
  nearestOnCurve(x: number, y: number): { distance: number; vertex: number } {
    const v = this.vertices;
    const last = this.segments;
    const j = this.tree.nearest([x, y], 1)[0].index;
    let best = Infinity;
    if (j > 0) best = Math.min(best, segmentDistance(x, y, v[2 * j - 2], v[2 * j - 1], v[2 * j], v[2 * j + 1]));
    if (j < last) best = Math.min(best, segmentDistance(x, y, v[2 * j], v[2 * j + 1], v[2 * j + 2], v[2 * j + 3]));
    return { distance: best, vertex: j };
  }

  distance(x: number, y: number): number {
    return this.nearestOnCurve(x, y).distance;
  }

  /** Distances of all points [n, 2]. */
  distances(points: Points): Float64Array {
    const n = points.length / 2;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.distance(points[2 * i], points[2 * i + 1]);
    return out;
  }
}

/** Polyline of the spiral's centre curve through `segments + 1` points, t from −1 to 1. */
export function spiralPolyline(segments = 20000): PolylineDistance {
  const v = new Float64Array(2 * (segments + 1));
  for (let i = 0; i <= segments; i++) {
    const [x, y] = spiralCurve(-1 + (2 * i) / segments);
    v[2 * i] = x;
    v[2 * i + 1] = y;
  }
  return new PolylineDistance(v);
}

let cachedSpiral: PolylineDistance | undefined;

/** Distance of each point [n, 2] to the spiral's centre curve (default polyline). */
export function spiralDistances(points: Points): Float64Array {
  cachedSpiral ??= spiralPolyline();
  return cachedSpiral.distances(points);
}

/** Share of points [n, 2] farther than `threshold` (default 0.05, the band half-width) from the spiral's curve. */
export function offSpiralShare(points: Points, threshold = SPIRAL_HALF_WIDTH): number {
  const d = spiralDistances(points);
  let off = 0;
  for (const v of d) if (v > threshold) off++;
  return d.length > 0 ? off / d.length : NaN;
}

/** Share of points [n, 2] farther than nSigma·σ from every centre. */
export function offModesShare(points: Points, centres: readonly (readonly [number, number])[], sigma: number, nSigma = 3): number {
  const n = points.length / 2;
  let off = 0;
  for (let i = 0; i < n; i++) if (nearestCentre(centres, points[2 * i], points[2 * i + 1]).distance > nSigma * sigma) off++;
  return n > 0 ? off / n : NaN;
}

/**
 * Which stretches of the spiral the points cover: the curve parameter t ∈ [−1, 1] is cut into
 * `bins` equal pieces; a point within `threshold` of the curve marks the piece of its nearest
 * curve point. Returns the empty pieces and the number of maximal runs of empty pieces
 * (`gaps`, "regions omitted"). 5,000 real samples fill all 30 default pieces (≈ 167 each).
 */
export function spiralCoverage(points: Points, bins = 30, threshold = SPIRAL_HALF_WIDTH): { emptyBins: number; gaps: number } {
  cachedSpiral ??= spiralPolyline();
  const segments = cachedSpiral.segments;
  const hit = new Array<boolean>(bins).fill(false);
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    const { distance, vertex } = cachedSpiral.nearestOnCurve(points[2 * i], points[2 * i + 1]);
    if (distance > threshold) continue;
    hit[Math.min(bins - 1, Math.floor((vertex / segments) * bins))] = true;
  }
  let gaps = 0;
  for (let b = 0; b < bins; b++) if (!hit[b] && (b === 0 || hit[b - 1])) gaps++;
  return { emptyBins: hit.filter((h) => !h).length, gaps };
}
