/**
 * Concentration of the norm with dimension: for each latent dimension d, the exact and the
 * sampled mean and standard deviation of ‖z‖ under both priors, and the relative spread
 * sd/mean.
 *
 *   normal  z ~ N(0, I_d):    exact χ(d): mean μ_d, sd σ_d → 1/√2, so sd/mean ≈ 1/√(2d)
 *   uniform z ~ U[−1,1]^d:    E‖z‖² = d/3; delta method: mean ≈ √(d/3), sd ≈ 1/√15, sd/mean ≈ 1/√(5d)
 *
 * The spread stays constant while the mean grows like √d: in high dimension almost every sample
 * lies in a thin shell, and the origin — the mode of the density — is never visited.
 */
import { chiMean, chiStd } from "../stats/chi";
import { summarize } from "../stats/moments";
import { uniformNormMeanApprox, uniformNormStdApprox } from "../stats/uniform-norm";
import { Rng } from "../util/rng";
import { priorNorms } from "./samplers";

/** One row per dimension (plain numbers, ready for a table or a CSV). */
export interface ConcentrationRow {
  [column: string]: number;
  dim: number;
  samples: number;
  normal_mean_exact: number;
  normal_std_exact: number;
  normal_mean_sampled: number;
  normal_std_sampled: number;
  normal_relative_spread: number;
  uniform_mean_approx: number;
  uniform_std_approx: number;
  uniform_mean_sampled: number;
  uniform_std_sampled: number;
  uniform_relative_spread: number;
}

/** The default dimensions of the notebook's sweep. */
export const CONCENTRATION_DIMS: readonly number[] = [2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];

/**
 * Exact/approximate and sampled norm statistics for each d in `dims`, `samples` draws per prior
 * and dimension (each from its own child stream of `rng`, so rows do not depend on each other).
 */
export function concentrationTable(rng: Rng, dims: readonly number[], samples: number): ConcentrationRow[] {
  return dims.map((d) => {
    const normal = summarize(priorNorms(rng.child(`normal-${d}`), "normal", samples, d));
    const uniform = summarize(priorNorms(rng.child(`uniform-${d}`), "uniform", samples, d));
    return {
      dim: d,
      samples,
      normal_mean_exact: chiMean(d),
      normal_std_exact: chiStd(d),
      normal_mean_sampled: normal.mean,
      normal_std_sampled: normal.std,
      normal_relative_spread: normal.std / normal.mean,
      uniform_mean_approx: uniformNormMeanApprox(d),
      uniform_std_approx: uniformNormStdApprox(d),
      uniform_mean_sampled: uniform.mean,
      uniform_std_sampled: uniform.std,
      uniform_relative_spread: uniform.std / uniform.mean,
    };
  });
}
