/**
 * Samplers for the two latent priors of the article, seeded through `Rng`:
 *
 *   normal:  z ~ N(0, I_d),        each coordinate N(0, 1);
 *   uniform: z ~ U[−1, 1]^d,       each coordinate uniform on [−1, 1).
 *
 * A sample is one `Float64Array` of shape [latentDim]; a batch is an array of them,
 * [count][latentDim]. For the norm statistics of 100,000 samples nothing needs storing:
 * `priorNorms` draws and reduces one vector at a time.
 */
import { Rng } from "../util/rng";
import { norm, Vec } from "./vectors";

export type Prior = "normal" | "uniform";
export const PRIORS: readonly Prior[] = ["normal", "uniform"];

function checkDim(d: number): void {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`latent dimension must be an integer ≥ 1, got ${d}`);
}

/** One draw from the prior, shape [latentDim]. */
export function samplePrior(rng: Rng, prior: Prior, latentDim: number): Vec {
  checkDim(latentDim);
  switch (prior) {
    case "normal":
      return rng.normalArray(latentDim);
    case "uniform":
      return rng.uniformArray(latentDim, -1, 1);
    default:
      throw new RangeError(`unknown prior "${prior as string}"; allowed: ${PRIORS.join(", ")}`);
  }
}

/** `count` draws from the prior, [count][latentDim]. */
export function samplePriorBatch(rng: Rng, prior: Prior, count: number, latentDim: number): Vec[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer ≥ 0, got ${count}`);
  return Array.from({ length: count }, () => samplePrior(rng, prior, latentDim));
}

/** Norms ‖z‖ of `count` fresh draws from the prior, shape [count]. */
export function priorNorms(rng: Rng, prior: Prior, count: number, latentDim: number): Float64Array {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer ≥ 0, got ${count}`);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = norm(samplePrior(rng, prior, latentDim));
  return out;
}

/** A statistic of `count` independent pairs (p₀, p₁) drawn from the prior, shape [count]. */
export function pairStatistic(
  rng: Rng,
  prior: Prior,
  count: number,
  latentDim: number,
  statistic: (p0: Vec, p1: Vec) => number,
): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const p0 = samplePrior(rng, prior, latentDim);
    const p1 = samplePrior(rng, prior, latentDim);
    out[i] = statistic(p0, p1);
  }
  return out;
}
