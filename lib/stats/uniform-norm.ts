/**
 * The Euclidean norm R = ‖u‖ of u ~ U[−1, 1]^d (the article's uniform prior).
 *
 * Exact moments of S = ‖u‖² = Σᵢ uᵢ² (independent terms, E u² = 1/3, E u⁴ = 1/5):
 *   E S = d/3,   Var S = d·(1/5 − 1/9) = 4d/45.
 *
 * The law of R has no simple closed form; we approximate it (stated in the notebook):
 * - density: by the central limit theorem S ≈ N(d/3, 4d/45); the change of variables r = √s
 *   gives f_R(r) ≈ 2r · φ((r² − d/3)/σ_S)/σ_S, r ≥ 0, with σ_S = √(4d/45) and φ the
 *   standard normal density;
 * - moments: the delta method on √S around μ_S = d/3,
 *   E R ≈ √μ_S − σ_S²/(8 μ_S^{3/2}),   sd R ≈ σ_S/(2√μ_S) = 1/√15 ≈ 0.258 (for every d).
 * For d = 100: E R ≈ 5.768, sd R ≈ 0.258 — the article's 5.77 and 0.258.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

function checkDim(d: number): void {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`uniform norm: dimension must be an integer ≥ 1, got ${d}`);
}

/** Exact E‖u‖² = d/3. */
export function uniformSquaredNormMean(d: number): number {
  checkDim(d);
  return d / 3;
}

/** Exact Var ‖u‖² = 4d/45. */
export function uniformSquaredNormVariance(d: number): number {
  checkDim(d);
  return (4 * d) / 45;
}

/** Delta-method mean of ‖u‖: √μ_S − σ_S²/(8 μ_S^{3/2}). */
export function uniformNormMeanApprox(d: number): number {
  const mu = uniformSquaredNormMean(d), v = uniformSquaredNormVariance(d);
  return Math.sqrt(mu) - v / (8 * Math.pow(mu, 1.5));
}

/** Delta-method standard deviation of ‖u‖: σ_S/(2√μ_S) = 1/√15. */
export function uniformNormStdApprox(d: number): number {
  return Math.sqrt(uniformSquaredNormVariance(d)) / (2 * Math.sqrt(uniformSquaredNormMean(d)));
}

/** Approximate density of ‖u‖ at r: 2r · φ((r² − d/3)/σ_S)/σ_S (CLT on ‖u‖², exact Jacobian). */
export function uniformNormPdfApprox(r: number, d: number): number {
  if (r < 0) return 0;
  const mu = uniformSquaredNormMean(d), sigma = Math.sqrt(uniformSquaredNormVariance(d));
  const z = (r * r - mu) / sigma;
  return (2 * r * Math.exp(-0.5 * z * z)) / (SQRT_2PI * sigma);
}
