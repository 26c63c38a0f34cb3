/**
 * Small dense-vector helpers on plain `Float64Array`s (one latent vector, shape [latentDim]).
 *
 *   u·v = Σᵢ uᵢvᵢ,   ‖u‖ = √(u·u),   angle(u, v) = arccos(u·v / (‖u‖‖v‖)) ∈ [0, π],
 *   lerp(p₀, p₁; t) = (1 − t)·p₀ + t·p₁.
 *
 * Everything here is float64 on the CPU: the geometry notebook needs exact, seeded numbers,
 * not a GPU, and a 100-D vector is too small for tensors to pay off.
 */

/** A latent vector, shape [latentDim]. */
export type Vec = Float64Array;

function sameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length})`);
}

/** Dot product u·v. */
export function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  sameLength(u, v, "dot");
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** Euclidean norm ‖u‖ (scaled to avoid overflow/underflow of the squares). */
export function norm(u: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < u.length; i++) scale = Math.max(scale, Math.abs(u[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < u.length; i++) {
    const x = u[i] / scale;
    s += x * x;
  }
  return scale * Math.sqrt(s);
}

/** a·u + b·v as a new vector. */
export function combine(a: number, u: ArrayLike<number>, b: number, v: ArrayLike<number>): Vec {
  sameLength(u, v, "combine");
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = a * u[i] + b * v[i];
  return out;
}

/** c·u as a new vector. */
export function scale(c: number, u: ArrayLike<number>): Vec {
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = c * u[i];
  return out;
}

/** u/‖u‖; throws for the zero vector (its direction is undefined). */
export function normalize(u: ArrayLike<number>): Vec {
  const n = norm(u);
  if (n === 0) throw new RangeError("normalize: the zero vector has no direction");
  return scale(1 / n, u);
}

/**
 * Cosine of the angle between u and v, clamped to [−1, 1] (rounding can push it just past).
 * Returns NaN if either vector is zero: the angle is undefined there.
 */
export function cosAngle(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const nu = norm(u), nv = norm(v);
  if (nu === 0 || nv === 0) return NaN;
  // dot of the normalised vectors, so large or tiny norms do not overflow
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] / nu) * (v[i] / nv);
  return Math.min(1, Math.max(-1, s));
}

/**
 * Angle between u and v in radians, in [0, π]. Uses atan2(‖u×v‖, u·v) in the form
 * 2·atan2(‖û − v̂‖, ‖û + v̂‖), which stays accurate near 0 and π where arccos loses digits.
 * NaN if either vector is zero.
 */
export function angle(u: ArrayLike<number>, v: ArrayLike<number>): number {
  sameLength(u, v, "angle");
  const nu = norm(u), nv = norm(v);
  if (nu === 0 || nv === 0) return NaN;
  let diff = 0, sum = 0;
  for (let i = 0; i < u.length; i++) {
    const a = u[i] / nu, b = v[i] / nv;
    diff += (a - b) * (a - b);
    sum += (a + b) * (a + b);
  }
  return 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum));
}

/** Angle between u and v in degrees. */
export function angleDegrees(u: ArrayLike<number>, v: ArrayLike<number>): number {
  return (angle(u, v) * 180) / Math.PI;
}

/** Linear interpolation (1 − t)·p₀ + t·p₁; exact at t = 0 and t = 1. */
export function lerp(p0: ArrayLike<number>, p1: ArrayLike<number>, t: number): Vec {
  return combine(1 - t, p0, t, p1);
}
