/**
 * Spherical linear interpolation on unnormalised latent vectors (Shoemake; Tom White,
 * "Sampling Generative Networks"):
 *
 *   slerp(p₀, p₁; t) = sin((1 − t)Ω)/sin Ω · p₀ + sin(tΩ)/sin Ω · p₁,   Ω = angle(p₀, p₁),
 *
 * p₀, p₁ of shape [latentDim], t ∈ [0, 1] (other t extrapolate along the same arc).
 * For ‖p₀‖ = ‖p₁‖ = r this is the rotation of p₀ towards p₁ by the angle tΩ in their plane,
 * at constant norm r; the angle between p₀ and slerp(t) is tΩ.
 *
 * Degenerate inputs, where the formula divides by sin Ω ≈ 0 or Ω is undefined — never NaN:
 * - a zero vector (angle undefined): lerp.
 * - equal vectors p₀ = p₁: a copy of p₀ for every t (as Tom White's reference; lerp would
 *   only agree to the last bit).
 * - parallel, same direction (Ω ≈ 0): lerp. The reference returns p₀ here; lerp keeps the
 *   endpoint p₁ exact when the norms differ.
 * - antiparallel (Ω ≈ π): every great circle through p̂₀ and −p̂₀ is a shortest arc, so the
 *   plane is not unique. We pick one deterministically: the coordinate axis e_k least aligned
 *   with p₀ (smallest |p₀ₖ|, lowest k on ties), made orthogonal to p̂₀:
 *       ŵ = (e_k − (e_k·p̂₀)p̂₀)/‖…‖,
 *   and rotate through it with the norm interpolated linearly:
 *       z(t) = ((1 − t)‖p₀‖ + t‖p₁‖) · (cos(πt)·p̂₀ + sin(πt)·ŵ).
 *   Endpoints are returned exactly. In one dimension there is no orthogonal direction: lerp.
 * The reference implementation does not handle the antiparallel case.
 */
import { angle, combine, lerp, norm, scale, Vec } from "./vectors";

/** Below this sin Ω the two vectors count as parallel or antiparallel. */
export const PARALLEL_SIN_TOLERANCE = 1e-7;

/** Which branch `slerp` takes for a pair of vectors (exported so tests and notebooks can show it). */
export type SlerpCase = "general" | "zero" | "parallel" | "antiparallel";

/** Classifies the pair (p₀, p₁) as `slerp` does. */
export function slerpCase(p0: ArrayLike<number>, p1: ArrayLike<number>): SlerpCase {
  return classify(angle(p0, p1));
}

function classify(omega: number): SlerpCase {
  if (Number.isNaN(omega)) return "zero";
  if (Math.sin(omega) >= PARALLEL_SIN_TOLERANCE) return "general";
  return omega < Math.PI / 2 ? "parallel" : "antiparallel";
}

/**
 * The documented orthogonal direction for the antiparallel case: the axis e_k with the
 * smallest |p₀ₖ| (lowest k on ties) minus its component along p̂₀, normalised.
 * `p0` must be non-zero and have length ≥ 2.
 */
export function antiparallelDirection(p0: ArrayLike<number>): Vec {
  const n0 = norm(p0);
  let k = 0;
  for (let i = 1; i < p0.length; i++) if (Math.abs(p0[i]) < Math.abs(p0[k])) k = i;
  // ŵ ∝ e_k − (p̂₀ₖ) p̂₀; |p̂₀ₖ| ≤ 1/√d < 1 for d ≥ 2, so this is never zero
  const ck = p0[k] / n0;
  const w = new Float64Array(p0.length);
  for (let i = 0; i < p0.length; i++) w[i] = -ck * (p0[i] / n0);
  w[k] += 1;
  return scale(1 / norm(w), w);
}

function slerpAntiparallel(p0: ArrayLike<number>, p1: ArrayLike<number>, t: number): Vec {
  if (t === 0) return Float64Array.from(p0);
  if (t === 1) return Float64Array.from(p1);
  const n0 = norm(p0), n1 = norm(p1);
  const w = antiparallelDirection(p0);
  const r = (1 - t) * n0 + t * n1;
  return combine((r * Math.cos(Math.PI * t)) / n0, p0, r * Math.sin(Math.PI * t), w);
}

function equalVectors(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** slerp(p₀, p₁; t) for p₀, p₁ of shape [latentDim]; see the module comment for edge cases. */
export function slerp(p0: ArrayLike<number>, p1: ArrayLike<number>, t: number): Vec {
  if (p0.length !== p1.length) throw new RangeError(`slerp: lengths differ (${p0.length} vs ${p1.length})`);
  const omega = angle(p0, p1);
  const kind = classify(omega);
  if (kind === "parallel" && equalVectors(p0, p1)) return Float64Array.from(p0);
  if (kind === "zero" || kind === "parallel") return lerp(p0, p1, t);
  if (kind === "antiparallel") return p0.length < 2 ? lerp(p0, p1, t) : slerpAntiparallel(p0, p1, t);
  const s = Math.sin(omega);
  return combine(Math.sin((1 - t) * omega) / s, p0, Math.sin(t * omega) / s, p1);
}

/** Points along a path p(t) for t = i/(steps − 1), i = 0..steps−1 (both ends included). */
export function interpolatePath(
  p0: ArrayLike<number>,
  p1: ArrayLike<number>,
  steps: number,
  method: (a: ArrayLike<number>, b: ArrayLike<number>, t: number) => Vec,
): Vec[] {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`interpolatePath: steps must be an integer ≥ 2, got ${steps}`);
  return Array.from({ length: steps }, (_, i) => method(p0, p1, i / (steps - 1)));
}
