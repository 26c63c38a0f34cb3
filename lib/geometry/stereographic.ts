/**
 * The geometry of Sphere GAN (Park & Kwon, CVPR 2019) in float64: the inverse stereographic
 * projection ℝⁿ → Sⁿ ⊂ ℝⁿ⁺¹, geodesic distances, and a grid of the plane mapped onto S².
 *
 *   Π⁻¹(u) = ( 2u/(‖u‖² + 1), (‖u‖² − 1)/(‖u‖² + 1) ),     Π(p) = p_{1..n}/(1 − p_{n+1}),
 *
 * ‖Π⁻¹(u)‖² = (4‖u‖² + (‖u‖² − 1)²)/(‖u‖² + 1)² = 1. The origin goes to the south pole −N, the
 * unit sphere ‖u‖ = 1 to the equator, u → ∞ to the north pole N = (0, …, 0, 1). On the sphere the
 * geodesic distance is d(p, q) = arccos(p·q); here it is computed as 2·atan2(‖p − q‖, ‖p + q‖),
 * the same angle without arccos's loss of digits near 0 and π. To the pole, since
 * Π⁻¹(u)·N = (r² − 1)/(r² + 1) = cos(2·arctan(1/r)) with r = ‖u‖:
 *
 *   d(Π⁻¹(u), N) = 2·arctan(1/‖u‖)
 *
 * (depends on u only through its norm: Sphere GAN's critic with the single reference point N is
 * a function of the feature norm).
 *
 * The notes' variant. The reading notes print the last coordinate with ‖x_u‖ where ‖x‖ (the
 * norm of the input, ‖u‖ here) belongs. We read x_u as the point's first block 2u/(‖u‖² + 1), so
 *
 *   Π̃⁻¹(u) = ( x_u, (‖x_u‖² − 1)/(‖x_u‖² + 1) ),   x_u = 2u/(‖u‖² + 1),  a = ‖x_u‖ = 2r/(r² + 1) ≤ 1.
 *
 * Its norm is √(a² + ((1 − a²)/(1 + a²))²): 1 only at r = 1 (a = 1, the equator) and in the limits
 * r → 0, ∞ (a → 0, the south pole); in between the points sink inside the ball, deepest
 * (‖p̃‖ ≈ 0.762) at a ≈ 0.60, i.e. r ≈ 0.33 or 3.0. Its last coordinate is never positive, and r
 * and 1/r land on the same point: the plane folds onto the southern half, and the north pole,
 * Sphere GAN's reference point, is never reached. The notes do not define x_u, so this reading
 * is a guess; the conclusion does not depend on it. With any norm s in place of ‖u‖ in the last
 * coordinate, ‖p‖² = 4r²/(r² + 1)² + ((s² − 1)/(s² + 1))², which is 1 only for s = r (Π⁻¹) or
 * s = 1/r (its mirror image): every other reading leaves the sphere too, and only where the
 * points land changes (`inverseStereographicWithNorm`; the reading x_u = u/‖u‖ gives s = 1 and
 * puts every point on the equatorial disc).
 *
 * Inputs are `ArrayLike<number>` of shape [n], outputs `Float64Array` of shape [n + 1].
 */
import { slerp } from "./slerp";
import { combine, dot, norm, Vec } from "./vectors";

/**
 * Π⁻¹(u), [n] → [n + 1]. Written with s = min(r, 1/r) so neither r² nor 1/r² overflows:
 * for r ≤ 1, (2u/(r² + 1), (r² − 1)/(r² + 1)); for r > 1, with w = 1/r,
 * (2(u/r)·w/(1 + w²), (1 − w²)/(1 + w²)).
 */
export function inverseStereographic(u: ArrayLike<number>): Vec {
  const n = u.length, r = norm(u);
  if (!Number.isFinite(r)) throw new RangeError(`inverseStereographic: ‖u‖ must be finite, got ${r}`);
  const p = new Float64Array(n + 1);
  if (r <= 1) {
    const s = r * r;
    for (let i = 0; i < n; i++) p[i] = (2 * u[i]) / (s + 1);
    p[n] = (s - 1) / (s + 1);
  } else {
    const w = 1 / r, s = w * w;
    for (let i = 0; i < n; i++) p[i] = (2 * (u[i] / r) * w) / (1 + s);
    p[n] = (1 - s) / (1 + s);
  }
  return p;
}

/** Π(p) = p_{1..n}/(1 − p_{n+1}) for p on Sⁿ other than the north pole, [n + 1] → [n]. */
export function stereographic(p: ArrayLike<number>): Vec {
  const n = p.length - 1;
  const denom = 1 - p[n];
  if (!(denom > 0)) throw new RangeError(`stereographic: the north pole (last coordinate ${p[n]}) has no image in the plane`);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = p[i] / denom;
  return u;
}

/** N = (0, …, 0, 1) ∈ Sⁿ ⊂ ℝⁿ⁺¹. */
export function northPole(n: number): Vec {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`northPole: n must be an integer ≥ 1, got ${n}`);
  const p = new Float64Array(n + 1);
  p[n] = 1;
  return p;
}

/** d(p, q) = 2·atan2(‖p − q‖, ‖p + q‖) = arccos(p·q) for unit p, q. */
export function geodesicDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`geodesicDistance: lengths differ (${p.length} vs ${q.length})`);
  return 2 * Math.atan2(norm(combine(1, p, -1, q)), norm(combine(1, p, 1, q)));
}

/** d(Π⁻¹(u), N) = 2·arctan(1/‖u‖) ∈ (0, π] (π at u = 0). */
export function distanceToNorthPole(u: ArrayLike<number>): number {
  return 2 * Math.atan(1 / norm(u));
}

/** The notes' variant Π̃⁻¹(u) (see the module comment), [n] → [n + 1]; not on the sphere. */
export function notesInverseStereographic(u: ArrayLike<number>): Vec {
  const p = inverseStereographic(u);
  const n = u.length;
  const a2 = dot(p.subarray(0, n), p.subarray(0, n));
  p[n] = (a2 - 1) / (a2 + 1);
  return p;
}

/** ‖Π̃⁻¹(u)‖ as a function of r = ‖u‖: √(a² + ((1 − a²)/(1 + a²))²), a = 2r/(r² + 1). */
export function notesVariantNorm(r: number): number {
  if (!(r >= 0)) throw new RangeError(`notesVariantNorm: r = ‖u‖ must be ≥ 0, got ${r}`);
  const a = r <= 1 ? (2 * r) / (r * r + 1) : 2 / (r + 1 / r);
  const a2 = a * a;
  return Math.hypot(a, (1 - a2) / (1 + a2));
}

/** A polyline in 3-D, as three coordinate arrays (the shape Plotly's scatter3d takes). */
export interface Polyline3d {
  x: number[];
  y: number[];
  z: number[];
}

function polyline(points: ArrayLike<number>[]): Polyline3d {
  for (const p of points) if (p.length !== 3) throw new RangeError(`a 3-D polyline needs points of length 3, got ${p.length}`);
  return { x: points.map((p) => p[0]), y: points.map((p) => p[1]), z: points.map((p) => p[2]) };
}

export interface GridLine {
  /** the line x = value ("x") or y = value ("y") of the plane */
  axis: "x" | "y";
  value: number;
  /** the line's points in the plane, [pointsPerLine] each */
  plane: { x: number[]; y: number[] };
  /** their images on (or, for the notes' variant, near) S² */
  mapped: Polyline3d;
}

export interface PlaneGridOptions {
  /** where the lines cross the axes, e.g. [−2, −1, 0, 1, 2] */
  values: readonly number[];
  /** each line runs over [−halfLength, halfLength] */
  halfLength: number;
  pointsPerLine: number;
  /** ℝ² → ℝ³, default Π⁻¹ */
  map?: (u: ArrayLike<number>) => Vec;
}

/**
 * The lines x = c and y = c (c in `values`) of the plane, mapped to ℝ³. Along a line the
 * parameter runs as t = tan φ, φ evenly spaced in [−arctan L, arctan L] (L = halfLength): a
 * line through the origin then lands as evenly spaced points on a great circle (Π⁻¹ of t·e
 * is at angle 2·arctan|t| from the south pole), and long lines still end close to N.
 */
export function planeGridOnSphere(options: PlaneGridOptions): GridLine[] {
  const { values, halfLength, pointsPerLine } = options;
  const map = options.map ?? inverseStereographic;
  if (!(halfLength > 0)) throw new RangeError(`planeGridOnSphere: halfLength must be > 0, got ${halfLength}`);
  if (!Number.isInteger(pointsPerLine) || pointsPerLine < 2) throw new RangeError(`planeGridOnSphere: pointsPerLine must be an integer ≥ 2, got ${pointsPerLine}`);
  const top = Math.atan(halfLength);
  const ts = Array.from({ length: pointsPerLine }, (_, i) => Math.tan(-top + (2 * top * i) / (pointsPerLine - 1)));
  const lines: GridLine[] = [];
  for (const axis of ["x", "y"] as const) {
    for (const value of values) {
      const uv = ts.map((t) => (axis === "x" ? [value, t] : [t, value]));
      lines.push({ axis, value, plane: { x: uv.map((p) => p[0]), y: uv.map((p) => p[1]) }, mapped: polyline(uv.map(map)) });
    }
  }
  return lines;
}

/** The shorter great-circle arc from p to q on S² (unit vectors of length 3), `steps` points. */
export function geodesicArc(p: ArrayLike<number>, q: ArrayLike<number>, steps: number): Polyline3d {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`geodesicArc: steps must be an integer ≥ 2, got ${steps}`);
  return polyline(Array.from({ length: steps }, (_, i) => slerp(p, q, i / (steps - 1))));
}

/**
 * Π⁻¹(u) with its last coordinate computed from a norm s in place of r = ‖u‖:
 * (2u/(r² + 1), (s² − 1)/(s² + 1)), [n] → [n + 1]. Any reading of the notes' ‖x_u‖ is one choice
 * of s: the first block of the point (s = 2r/(r² + 1), `notesInverseStereographic`) or the unit
 * vector u/‖u‖ (s = 1, last coordinate 0: every point on the equatorial disc).
 */
export function inverseStereographicWithNorm(u: ArrayLike<number>, s: number): Vec {
  if (!(s >= 0 && Number.isFinite(s))) throw new RangeError(`inverseStereographicWithNorm: s must be a finite number ≥ 0, got ${s}`);
  const p = inverseStereographic(u);
  p[u.length] = s <= 1 ? (s * s - 1) / (s * s + 1) : (1 - 1 / (s * s)) / (1 + 1 / (s * s));
  return p;
}

/**
 * ‖p‖ of {@link inverseStereographicWithNorm} as a function of r = ‖u‖ and s:
 * √(4r²/(r² + 1)² + ((s² − 1)/(s² + 1))²). It is 1 exactly when ((s² − 1)/(s² + 1))² = ((r² − 1)/(r² + 1))²,
 * i.e. s = r (Π⁻¹ itself) or s = 1/r (its mirror image in the equator): whatever ‖x_u‖ means,
 * the point stays on the sphere only if that norm equals ‖u‖ or 1/‖u‖.
 */
export function substitutedNorm(r: number, s: number): number {
  if (!(r >= 0) || !(s >= 0)) throw new RangeError(`substitutedNorm: r and s must be ≥ 0, got r = ${r}, s = ${s}`);
  const a = r <= 1 ? (2 * r) / (r * r + 1) : 2 / (r + 1 / r);
  const c = s <= 1 ? (s * s - 1) / (s * s + 1) : (1 - 1 / (s * s)) / (1 + 1 / (s * s));
  return Math.hypot(a, c);
}
