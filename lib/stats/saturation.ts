/**
 * Why a sigmoid discriminator's gradient vanishes and a critic's does not, on the smallest
 * example: real data P = N(0, σ²), fakes Q_θ = N(θ, σ²) from the generator G(z) = z + θ,
 * z ~ N(0, σ²); θ is the separation and the generator's only parameter.
 *
 * The optimal discriminator D*(x) = p/(p + q) = sigmoid(ℓ(x)) has the linear logit
 *
 *   ℓ(x) = log p(x) − log q(x) = θ(θ − 2x)/(2σ²),   ℓ′(x) = −θ/σ².
 *
 * With D* held fixed, the generator's gradient is the mean over fakes of the slope of its loss
 * at the fake (∂x/∂θ = 1). For the three losses the slopes have magnitude
 *
 *   minimax          log(1 − D):  |∂/∂x| = D*(x)·|θ|/σ²
 *   non-saturating   −log D:      |∂/∂x| = (1 − D*(x))·|θ|/σ²
 *   critic           −f(x), f the optimal 1-Lipschitz critic of W₁ (f(x) = −sign(θ)·x):  1
 *
 * and all three point the fakes towards the real data. On the fakes D* ≈ 0 once θ ≫ σ: the
 * minimax gradient (θ/σ²)·E_Q[D*] rises while the two overlap, peaks near θ ≈ 2σ (≈ 0.45/σ),
 * then vanishes, below θ·e^(−θ²/(8σ²))/σ² since E_Q[D*] = ∫ pq/(p + q) ≤ ∫ min(p, q) =
 * 2Φ(−θ/(2σ)); the non-saturating one grows like θ/σ²; the critic's stays 1 (W₁(P, Q_θ) = |θ|).
 * For σ = 1 the minimax gradient is 0.45 at θ = 2, 0.14 at 4, 3.9·10⁻⁴ at 8, 1.8·10⁻⁸ at 12.
 *
 * Two identities, used as test oracles and worth showing: at D*, the minimax generator loss
 * E_P[log D*] + E_Q[log(1 − D*)] equals 2·JS(P‖Q_θ) − log 4, and since D* maximises it, its
 * θ-derivative with D* frozen is the total one (envelope theorem):
 *   minimax gradient = 2·dJS/dθ,
 *   non-saturating gradient = d/dθ [KL(Q_θ‖P) − 2·JS(P‖Q_θ)] = θ/σ² − 2·dJS/dθ
 * (the second as in Arjovsky & Bottou 2017).
 *
 * Expectations over the fakes are Simpson quadrature over [−20σ, θ + 20σ], 40,000 intervals.
 */
import { softplus } from "./f-divergence";
import { simpson } from "./integrate";
import { normalLogPdf, QUADRATURE_INTERVALS, type Normal1d } from "./divergences";

/** P = N(0, std²) (real) and Q = N(separation, std²) (fake). */
export interface ShiftedPair {
  separation: number;
  std: number;
}

function check(pair: ShiftedPair): void {
  if (!(pair.std > 0) || !Number.isFinite(pair.separation)) {
    throw new RangeError(`shifted pair needs std > 0 and a finite separation, got std ${pair.std}, separation ${pair.separation}`);
  }
}

/** The real and fake distributions of the pair. */
export function pairDistributions(pair: ShiftedPair): { real: Normal1d; fake: Normal1d } {
  check(pair);
  return { real: { mean: 0, std: pair.std }, fake: { mean: pair.separation, std: pair.std } };
}

/** ℓ(x) = log p(x) − log q(x) = θ(θ − 2x)/(2σ²), the optimal discriminator's logit. */
export function optimalLogit(x: number, pair: ShiftedPair): number {
  const { separation: t, std: s } = pair;
  return (t * (t - 2 * x)) / (2 * s * s);
}

/** sigmoid(ℓ) without overflow. */
export function sigmoid(l: number): number {
  return l >= 0 ? 1 / (1 + Math.exp(-l)) : Math.exp(l) / (1 + Math.exp(l));
}

/** D*(x) = p/(p + q). */
export function optimalDiscriminator(x: number, pair: ShiftedPair): number {
  return sigmoid(optimalLogit(x, pair));
}

/** Magnitudes of the generator's gradient, by loss. */
export interface GeneratorGradients {
  /** log(1 − D*) (minimax, saturating) */
  minimax: number;
  /** −log D* (non-saturating) */
  nonSaturating: number;
  /** −f with the optimal 1-Lipschitz critic f */
  critic: number;
}

/** |∂ loss/∂x| at one fake x, D* and the critic held fixed. */
export function perSampleGradients(x: number, pair: ShiftedPair): GeneratorGradients {
  check(pair);
  const l = optimalLogit(x, pair);
  const slope = Math.abs(pair.separation) / pair.std ** 2;
  return { minimax: sigmoid(l) * slope, nonSaturating: sigmoid(-l) * slope, critic: pair.separation === 0 ? 0 : 1 };
}

/** E_Q[D*] = ∫ q·sigmoid(ℓ): the optimal discriminator's mean output on fakes. */
export function meanOptimalDiscriminatorOnFakes(pair: ShiftedPair, intervals = QUADRATURE_INTERVALS): number {
  const { real, fake } = pairDistributions(pair);
  const w = 20 * pair.std;
  const lo = Math.min(0, pair.separation) - w, hi = Math.max(0, pair.separation) + w;
  // q·sigmoid(ℓ) = exp(log q − softplus(−ℓ)), finite where q and D* are both tiny
  return simpson((x) => Math.exp(normalLogPdf(x, fake) - softplus(normalLogPdf(x, fake) - normalLogPdf(x, real))), lo, hi, intervals);
}

/** The generator's gradient magnitudes E_Q[|∂ loss/∂x|] at separation θ. */
export function expectedGradients(pair: ShiftedPair): GeneratorGradients & { meanDOnFakes: number } {
  const meanD = meanOptimalDiscriminatorOnFakes(pair);
  const slope = Math.abs(pair.separation) / pair.std ** 2;
  return { minimax: slope * meanD, nonSaturating: slope * (1 - meanD), critic: pair.separation === 0 ? 0 : 1, meanDOnFakes: meanD };
}

export interface SaturationRow extends GeneratorGradients {
  separation: number;
  meanDOnFakes: number;
}

/** One row per separation θ (σ fixed): the table the notebook plots against θ. */
export function saturationCurve(separations: readonly number[], std = 1): SaturationRow[] {
  return separations.map((separation) => ({ separation, ...expectedGradients({ separation, std }) }));
}
