/**
 * log(Γ(a)/Γ(b)) for a, b > 0, the building block of the χ mean and the angle law's normaliser.
 *
 * mathjs's `gamma` is accurate to a few ulps but overflows above Γ(171.6); its `lgamma` never
 * overflows but has absolute errors ≈ 1e−12 at ½ and ≈ 1e−10 near 100. So the ratio of `gamma`s
 * is used while both are finite, and the difference of `lgamma`s only beyond. (stdlib's
 * `gamma-delta-ratio` computes such ratios directly; mathjs is already a dependency and its
 * accuracy here, ≈ 1e−10 relative at worst, is far below anything the notebooks show.)
 */
import { gamma, lgamma } from "mathjs";

/** Largest argument for which mathjs's gamma is finite in float64 (Γ(171.5) ≈ 9.5e307). */
export const GAMMA_FINITE_MAX = 171;

/** log(Γ(a)/Γ(b)). */
export function logGammaRatio(a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`logGammaRatio: arguments must be > 0, got ${a}, ${b}`);
  if (a <= GAMMA_FINITE_MAX && b <= GAMMA_FINITE_MAX) return Math.log(gamma(a) / gamma(b));
  return lgamma(a) - lgamma(b);
}
