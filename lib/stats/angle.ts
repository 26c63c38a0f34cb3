/**
 * The angle θ ∈ [0, π] between two independent isotropic vectors in ℝ^d (e.g. two draws from
 * N(0, I_d)): the direction of one is uniform on the sphere S^{d−1}, and the angle to a fixed
 * axis has density
 *
 *   f(θ; d) = sin^{d−2}(θ) / B_d,   B_d = ∫₀^π sin^{d−2} = √π · Γ((d − 1)/2) / Γ(d/2),
 *
 * symmetric about π/2, so E θ = 90°; cos θ has mean 0 and variance 1/d, hence sd θ ≈ 1/√d rad
 * (≈ 5.73° for d = 100: the article's "90° ± 6°"). The exact sd is an integral, evaluated here
 * by composite Simpson's rule on a fine grid (the integrand is smooth and vanishes at the ends).
 */
import { logGammaRatio } from "./gamma-ratio";
import { simpson } from "./integrate";

function checkDim(d: number): void {
  if (!(Number.isInteger(d) && d >= 2)) throw new RangeError(`angle law: dimension must be an integer ≥ 2, got ${d}`);
}

/** f(θ; d) in radians⁻¹ (log form, so large d neither overflows nor underflows early). */
export function anglePdf(theta: number, d: number): number {
  checkDim(d);
  if (theta < 0 || theta > Math.PI) return 0;
  const s = Math.sin(theta);
  if (s <= 0) return d === 2 ? 1 / Math.PI : 0;
  return Math.exp((d - 2) * Math.log(s) - logNormaliser(d));
}

/** log B_d = ½ log π + log(Γ((d − 1)/2)/Γ(d/2)). */
function logNormaliser(d: number): number {
  return 0.5 * Math.log(Math.PI) + logGammaRatio((d - 1) / 2, d / 2);
}

/** Exact standard deviation of θ (radians), √∫(θ − π/2)² f(θ; d) dθ. */
export function angleStd(d: number, intervals = 20000): number {
  return Math.sqrt(simpson((t) => (t - Math.PI / 2) ** 2 * anglePdf(t, d), 0, Math.PI, intervals));
}
