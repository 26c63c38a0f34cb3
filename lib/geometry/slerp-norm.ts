/**
 * The norm along a slerp path in closed form: its extremes, whether it is monotone, and the
 * path's length. No grid of t is involved, so no overshoot can fall between grid points.
 *
 * Let a = ‖p₀‖, b = ‖p₁‖, Ω = angle(p₀, p₁), c = cos Ω, s = sin Ω and φ = tΩ ∈ [0, Ω]. In the
 * orthonormal basis e₁ = p̂₀, e₂ = (p̂₁ − c·p̂₀)/s of the plane of p₀ and p₁, using
 * sin(Ω − φ)/s = cos φ − (c/s) sin φ,
 *
 *   slerp(p₀, p₁; t) = (a cos φ + k sin φ) e₁ + (b sin φ) e₂,    k = (b − a)·c/s,
 *
 * so the squared norm is a sinusoid in 2φ:
 *
 *   N(φ) = ‖slerp‖² = M + P cos 2φ + Q sin 2φ,   M = (a² + b² + k²)/2,  P = (a² − b² − k²)/2,
 *   Q = a·k,   N(0) = a²,  N(Ω) = b².
 *
 * Its stationary points are φ* = ½ atan2(Q, P) + mπ/2 (m ∈ ℤ); the extremes over the path are
 * among the endpoints and the φ* inside (0, Ω). The norm is monotone exactly when no φ* lies
 * strictly inside (or N is constant, R = √(P² + Q²) = 0).
 * For Ω ≤ 90° (c ≥ 0, so k has the sign of b − a) no φ* falls inside: the norm moves
 * monotonically from a to b, the article's claim. For Ω > 90° one does, and the norm first
 * leaves the band [min(a, b), max(a, b)] before coming back.
 *
 * Path length: ‖dz/dφ‖² = N(φ + π/2) = M − P cos 2φ − Q sin 2φ, so
 *   L = ∫₀^Ω √(M − P cos 2φ − Q sin 2φ) dφ   (= Ω·a when a = b),
 * evaluated with Simpson's rule (the integrand is smooth and bounded away from 0).
 *
 * Degenerate pairs (zero, parallel, antiparallel; see ./slerp.ts) take slerp's fallbacks, whose
 * norm moves linearly between a and b: extremes at the endpoints, monotone, no excess.
 */
import { simpson } from "../stats/integrate";
import { slerpCase } from "./slerp";
import { angle, norm } from "./vectors";

/** The norm of a slerp path p(t), t ∈ [0, 1], in closed form. */
export interface SlerpNormProfile {
  /** angle Ω between p₀ and p₁ (radians) */
  omega: number;
  /** ‖p₀‖ and ‖p₁‖ */
  normStart: number;
  normEnd: number;
  /** smallest and largest ‖p(t)‖ over t ∈ [0, 1], and where (t) */
  min: number;
  max: number;
  tMin: number;
  tMax: number;
  /** how far ‖p(t)‖ leaves [min(‖p₀‖, ‖p₁‖), max(‖p₀‖, ‖p₁‖)]; 0 when it stays inside */
  excess: number;
  /** excess / max(‖p₀‖, ‖p₁‖) */
  relativeExcess: number;
  /** ‖p(t)‖ is monotone in t (no stationary point strictly inside the path) */
  monotone: boolean;
}

interface Sinusoid {
  a: number;
  b: number;
  omega: number;
  m: number;
  p: number;
  q: number;
}

/** The coefficients of N(φ) for a general (non-degenerate) pair. */
function sinusoid(p0: ArrayLike<number>, p1: ArrayLike<number>): Sinusoid {
  const a = norm(p0), b = norm(p1), omega = angle(p0, p1);
  const k = ((b - a) * Math.cos(omega)) / Math.sin(omega);
  return { a, b, omega, m: (a * a + b * b + k * k) / 2, p: (a * a - b * b - k * k) / 2, q: a * k };
}

/** Stationary points φ* of N strictly inside (0, Ω). */
function interiorStationaryPoints(f: Sinusoid): number[] {
  if (f.p === 0 && f.q === 0) return [];
  const base = Math.atan2(f.q, f.p) / 2;
  const out: number[] = [];
  for (let m = -2; m <= 4; m++) {
    const phi = base + (m * Math.PI) / 2;
    if (phi > 0 && phi < f.omega) out.push(phi);
  }
  return out;
}

/** Extremes, band excess and monotonicity of ‖slerp(p₀, p₁; t)‖ over t ∈ [0, 1], in closed form. */
export function slerpNormProfile(p0: ArrayLike<number>, p1: ArrayLike<number>): SlerpNormProfile {
  if (p0.length !== p1.length) throw new RangeError(`slerpNormProfile: lengths differ (${p0.length} vs ${p1.length})`);
  const a = norm(p0), b = norm(p1);
  const lo = Math.min(a, b), hi = Math.max(a, b);
  if (slerpCase(p0, p1) !== "general") {
    const omega = angle(p0, p1);
    return { omega, normStart: a, normEnd: b, min: lo, max: hi, tMin: a <= b ? 0 : 1, tMax: a <= b ? 1 : 0, excess: 0, relativeExcess: 0, monotone: true };
  }
  const f = sinusoid(p0, p1);
  // candidates: both endpoints (exact norms) and the interior stationary points
  const candidates = [{ phi: 0, r: a }, { phi: f.omega, r: b }];
  const inside = interiorStationaryPoints(f);
  for (const phi of inside) candidates.push({ phi, r: Math.sqrt(Math.max(0, f.m + f.p * Math.cos(2 * phi) + f.q * Math.sin(2 * phi))) });
  let min = candidates[0], max = candidates[0];
  for (const c of candidates) {
    if (c.r < min.r) min = c;
    if (c.r > max.r) max = c;
  }
  const excess = Math.max(0, max.r - hi, lo - min.r);
  return {
    omega: f.omega, normStart: a, normEnd: b,
    min: min.r, max: max.r, tMin: min.phi / f.omega, tMax: max.phi / f.omega,
    excess, relativeExcess: hi > 0 ? excess / hi : 0, monotone: inside.length === 0,
  };
}

/** Simpson intervals for the arc length; the integrand varies by a few percent over the path. */
export const ARC_LENGTH_INTERVALS = 64;

/**
 * Length of the slerp path from p₀ to p₁: ∫₀^Ω √(M − P cos 2φ − Q sin 2φ) dφ (Ω·‖p₀‖ for
 * equal norms). Degenerate pairs: the length of slerp's fallback path is not covered; throws.
 */
export function slerpArcLength(p0: ArrayLike<number>, p1: ArrayLike<number>, intervals = ARC_LENGTH_INTERVALS): number {
  const kind = slerpCase(p0, p1);
  if (kind !== "general") throw new RangeError(`slerpArcLength: the pair is ${kind}; only general pairs (0 < Ω < π) have the closed form`);
  const f = sinusoid(p0, p1);
  const speed = (phi: number) => Math.sqrt(Math.max(0, f.m - f.p * Math.cos(2 * phi) - f.q * Math.sin(2 * phi)));
  return simpson(speed, 0, f.omega, intervals);
}
