/**
 * Fixed distributions for the divergence experiments, where a critic is trained between two
 * samplers that do not move (no generator). Each is a named sampler of rows [n, dim]:
 *
 *   shiftedNormal(μ, σ, d)    N(μ·e₁, σ²I_d): a normal shifted along the first  dim d
 *                             axis (d = 1: N(μ, σ²) on the line)
 *   parallelLine(θ)           (θ, Z), Z ~ U[0, 1]: the parallel-lines example    dim 2
 *                             of Arjovsky, Chintala & Bottou (2017)
 *   oneHotCategorical(π)      e_k, k ~ π: one-hot vectors, the vertices of the  dim M
 *                             probability simplex
 *   softmaxNoise(μ, τ)        softmax((μ + ε)/τ), ε ~ N(0, I_M): what a generator dim M
 *                             with a softmax output and Gaussian logits emits;
 *                             inside the simplex for every τ > 0, so its support
 *                             never meets the one-hot vectors
 *
 * The names carry the parameters, so a checkpoint keyed by them changes when they change.
 */
import { softmax } from "../stats/disjoint-supports";
import type { RandomSource } from "./types";

/** A named sampler of n rows of width `dim`, row-major. */
export interface FixedSampler {
  name: string;
  dim: number;
  sample(n: number, rng: RandomSource): Float64Array;
}

/** N(shift·e₁, std²·I_dim), [n, dim]. */
export function shiftedNormal(shift: number, std: number, dim = 1): FixedSampler {
  if (!(std > 0) || !Number.isFinite(shift)) throw new RangeError(`shiftedNormal: needs a finite shift and std > 0, got shift ${shift}, std ${std}`);
  if (!(Number.isInteger(dim) && dim >= 1)) throw new RangeError(`shiftedNormal: dim ${dim} is not an integer >= 1`);
  return {
    name: dim === 1 ? `normal(${shift},${std})` : `normal${dim}(${shift},${std})`,
    dim,
    sample: (n, rng) => Float64Array.from({ length: n * dim }, (_, i) => (i % dim === 0 ? shift : 0) + std * rng.normal()),
  };
}

/** The line x = θ: (θ, Z), Z ~ U[0, 1], [n, 2]. */
export function parallelLine(theta: number): FixedSampler {
  if (!Number.isFinite(theta)) throw new RangeError(`parallelLine: θ must be finite, got ${theta}`);
  return {
    name: `line(${theta})`,
    dim: 2,
    sample: (n, rng) => {
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = theta;
        out[2 * i + 1] = rng.uniform();
      }
      return out;
    },
  };
}

function checkProbabilities(p: readonly number[]): void {
  const total = p.reduce((a, b) => a + b, 0);
  if (p.length < 2 || p.some((x) => !(x >= 0)) || Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`oneHotCategorical: probabilities must be ≥ 0 and sum to 1 over at least 2 classes, got [${p.join(", ")}]`);
  }
}

/** One-hot rows e_k, k drawn from `probabilities`, [n, M]. */
export function oneHotCategorical(probabilities: readonly number[]): FixedSampler {
  checkProbabilities(probabilities);
  const m = probabilities.length;
  const cumulative = probabilities.map((_, k) => probabilities.slice(0, k + 1).reduce((a, b) => a + b, 0));
  return {
    name: `one-hot(${probabilities.join(",")})`,
    dim: m,
    sample: (n, rng) => {
      const out = new Float64Array(n * m);
      for (let i = 0; i < n; i++) {
        const u = rng.uniform();
        const k = cumulative.findIndex((c) => u < c);
        out[i * m + (k < 0 ? m - 1 : k)] = 1;
      }
      return out;
    },
  };
}

/** softmax((μ + ε)/τ) with ε ~ N(0, I_M), [n, M]. */
export function softmaxNoise(meanLogits: readonly number[], temperature: number): FixedSampler {
  if (meanLogits.length < 2) throw new RangeError(`softmaxNoise: needs at least 2 logits, got ${meanLogits.length}`);
  if (!(temperature > 0)) throw new RangeError(`softmaxNoise: temperature must be > 0, got ${temperature}`);
  const m = meanLogits.length;
  return {
    name: `softmax(${meanLogits.join(",")};τ=${temperature})`,
    dim: m,
    sample: (n, rng) => {
      const out = new Float64Array(n * m);
      for (let i = 0; i < n; i++) out.set(softmax(meanLogits.map((mu) => mu + rng.normal()), temperature), i * m);
      return out;
    },
  };
}
