/**
 * k-nearest-neighbour estimator of the Kullback–Leibler divergence between two sample sets
 * (Wang, Kulkarni & Verdú 2009; Pérez-Cruz 2008). For x₁…xₙ ~ P and y₁…yₘ ~ Q in ℝᵈ:
 *
 *   D̂ₖ(P‖Q) = (d/n) Σᵢ log( νₖ(i) / ρₖ(i) ) + log( m / (n − 1) )
 *
 * ρₖ(i) = distance from xᵢ to its k-th nearest neighbour among the other x's,
 * νₖ(i) = distance from xᵢ to its k-th nearest neighbour among the y's.
 * (Both k-NN balls hold k points, so the volume terms cancel except for the ratio of radii
 * raised to d; the estimator is asymptotically unbiased and consistent for fixed k.)
 *
 * Neither P nor Q needs a density in closed form: this is what measures a GAN, whose
 * generator distribution P_G has none. D(P_data‖P_G) is `knnKl(real, fake)`, the reverse is
 * `knnKl(fake, real)`. Distances are exact (k-d tree), so 5,000 × 5,000 in 2-D takes a few
 * tens of milliseconds.
 *
 * Accuracy measured at n = m = 5,000 in 2-D with k = 5 (test/unit/kl.test.ts): N(0,I) vs
 * N((1,0),I), KL 0.5, reads 0.475 ± 0.03 (bias ≈ −0.025); identical sets read 0 ± 0.01. The
 * estimator underestimates badly when P puts mass where Q's density is tiny (it grows only with
 * log ν, the true log-ratio quadratically): P = N((0.5,−0.5), diag(2.25, 1)) against
 * Q = N(0, diag(1, 0.25)), KL 1.65, reads ≈ 0.95. A generator spraying points between the eight
 * Gaussians is such a case for D(P_G‖P_data): read that number as a lower bound.
 *
 * Exact duplicates (ρₖ = 0) make the estimate +∞: an atom in P has infinite KL to a
 * continuous Q. A generator can produce them (a whole interval of z mapped to one point when
 * every ReLU of a layer is off), so distances are floored at `minDistance` (default 1e−9) and
 * the number of floored points is reported: the estimate stays finite and then reads as
 * "very large", each floored point adding about (d/n)·log(ν/1e−9).
 */
import { KdTree, kthNeighbourDistances } from "./kdtree";
import type { Points } from "../toy/types";

export interface KnnKlOptions {
  /** Which neighbour; default 5 (lower variance than k = 1 at the same sample size). */
  k?: number;
  /** Floor on ρₖ and νₖ; default 1e−9. */
  minDistance?: number;
}

export interface KnnKlResult {
  /** D̂ₖ(P‖Q) in nats. */
  value: number;
  /** Number of distances raised to `minDistance` (0 when the sets have no duplicates). */
  floored: number;
}

const DEFAULT_K = 5;
const DEFAULT_MIN_DISTANCE = 1e-9;

/** D̂ₖ(P‖Q) from x ~ P [n, dim] and y ~ Q [m, dim], with details. */
export function knnKlDetailed(x: Points, y: Points, dim: number, opts: KnnKlOptions = {}): KnnKlResult {
  const k = opts.k ?? DEFAULT_K;
  const floor = opts.minDistance ?? DEFAULT_MIN_DISTANCE;
  const n = x.length / dim;
  const m = y.length / dim;
  if (!Number.isInteger(n) || !Number.isInteger(m)) throw new Error(`knnKl: sample lengths ${x.length}, ${y.length} not multiples of dim ${dim}`);
  if (n < k + 1 || m < k) throw new Error(`knnKl: need n > k and m ≥ k (n ${n}, m ${m}, k ${k})`);
  const rho = kthNeighbourDistances(new KdTree(x, dim), x, k, true);
  const nu = kthNeighbourDistances(new KdTree(y, dim), x, k, false);
  let sum = 0;
  let floored = 0;
  for (let i = 0; i < n; i++) {
    let r = rho[i];
    let v = nu[i];
    if (r < floor) {
      r = floor;
      floored++;
    }
    if (v < floor) {
      v = floor;
      floored++;
    }
    sum += Math.log(v / r);
  }
  return { value: (dim / n) * sum + Math.log(m / (n - 1)), floored };
}

/** D̂ₖ(P‖Q) in nats from x ~ P [n, dim] and y ~ Q [m, dim]. */
export function knnKl(x: Points, y: Points, dim: number, opts: KnnKlOptions = {}): number {
  return knnKlDetailed(x, y, dim, opts).value;
}

/** Both directions between real data and generated samples: D(P_data‖P_G) and D(P_G‖P_data). */
export function knnKlBoth(real: Points, fake: Points, dim: number, opts: KnnKlOptions = {}): { dataToModel: number; modelToData: number } {
  return { dataToModel: knnKl(real, fake, dim, opts), modelToData: knnKl(fake, real, dim, opts) };
}
