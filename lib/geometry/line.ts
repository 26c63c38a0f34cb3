/**
 * Distance from the origin to the line through two points p₀, p₁ (shape [latentDim]).
 *
 * The line is ℓ(s) = p₀ + s·δ with δ = p₁ − p₀. The closest point to the origin has
 *   s* = −(p₀·δ)/(δ·δ),   distance = ‖p₀ + s*·δ‖,
 * i.e. the norm of p₀'s component orthogonal to δ. If p₀ = p₁ the "line" is a point and the
 * distance is ‖p₀‖.
 *
 * In the notebook this measures how deep the straight path between two latent samples dips
 * towards the origin: for two draws from N(0, I₁₀₀) it is ≈ 7, while samples sit at ≈ 10.
 */
import { dot, norm, Vec } from "./vectors";

/** The parameter s* of the point of the line p₀ + s(p₁ − p₀) closest to the origin (0 if p₀ = p₁). */
export function closestParameter(p0: ArrayLike<number>, p1: ArrayLike<number>): number {
  const delta = new Float64Array(p0.length);
  for (let i = 0; i < p0.length; i++) delta[i] = p1[i] - p0[i];
  const dd = dot(delta, delta);
  return dd === 0 ? 0 : -dot(p0, delta) / dd;
}

/** The point of the line through p₀ and p₁ closest to the origin. */
export function closestPoint(p0: ArrayLike<number>, p1: ArrayLike<number>): Vec {
  const s = closestParameter(p0, p1);
  const out = new Float64Array(p0.length);
  for (let i = 0; i < p0.length; i++) out[i] = p0[i] + s * (p1[i] - p0[i]);
  return out;
}

/** Distance from the origin to the line through p₀ and p₁ (‖p₀‖ if they coincide). */
export function originToLineDistance(p0: ArrayLike<number>, p1: ArrayLike<number>): number {
  if (p0.length !== p1.length) throw new RangeError(`originToLineDistance: lengths differ (${p0.length} vs ${p1.length})`);
  return norm(closestPoint(p0, p1));
}
