/**
 * Equal-weight mixtures of isotropic 2-D Gaussians, the building block of the Gaussian toys.
 *
 *   p(x) = (1/M) Σ_k N(x; c_k, s² I₂),   log N(x; c, s² I₂) = −‖x − c‖² / (2s²) − log(2π s²)
 *
 * Sampling: k uniform in 0..M−1, then x = c_k + s·ε with ε ~ N(0, I₂).
 */
import type { LabelledToy, RandomSource, ToyDataset, ToyName } from "./types";

export type Centre = readonly [number, number];

/** log p(x, y) of the equal-weight mixture, computed with log-sum-exp (stable far from every centre). */
export function mixtureLogDensity(centres: readonly Centre[], std: number, x: number, y: number): number {
  const s2 = std * std;
  let best = -Infinity;
  const terms = new Float64Array(centres.length);
  for (let k = 0; k < centres.length; k++) {
    const dx = x - centres[k][0];
    const dy = y - centres[k][1];
    terms[k] = -(dx * dx + dy * dy) / (2 * s2);
    if (terms[k] > best) best = terms[k];
  }
  let sum = 0;
  for (let k = 0; k < terms.length; k++) sum += Math.exp(terms[k] - best);
  return best + Math.log(sum) - Math.log(centres.length) - Math.log(2 * Math.PI * s2);
}

/** n samples [n, 2] of the mixture. */
export function sampleMixture(centres: readonly Centre[], std: number, n: number, rng: RandomSource): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = centres[rng.int(centres.length)];
    out[2 * i] = c[0] + std * rng.normal();
    out[2 * i + 1] = c[1] + std * rng.normal();
  }
  return out;
}

/** A `ToyDataset` for the mixture with the given centres and per-mode standard deviation. */
export function mixtureDataset(name: ToyName, formula: string, axis: number, centres: readonly Centre[], std: number): ToyDataset {
  return {
    name,
    formula,
    axis,
    modes: centres,
    modeStd: std,
    sample: (n, rng) => sampleMixture(centres, std, n, rng),
    logDensity: (x, y) => mixtureLogDensity(centres, std, x, y),
  };
}

/** M centres equally spaced on the circle of radius `radius`: radius·(cos 2πk/M, sin 2πk/M). */
export function ringCentres(count: number, radius: number): Centre[] {
  const out: Centre[] = [];
  for (let k = 0; k < count; k++) {
    const a = (2 * Math.PI * k) / count;
    out.push([radius * Math.cos(a), radius * Math.sin(a)]);
  }
  return out;
}

/**
 * `count` Gaussians (std `std`) on the circle of radius `radius`, each point labelled with its
 * mode: the labelled toy of conditional GANs (class k ↔ mode k).
 */
export function labelledRing(count: number, radius: number, std: number): LabelledToy {
  const centres = ringCentres(count, radius);
  const sampleLabelled = (n: number, rng: RandomSource) => {
    const x = new Float64Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = rng.int(count);
      labels[i] = k;
      x[2 * i] = centres[k][0] + std * rng.normal();
      x[2 * i + 1] = centres[k][1] + std * rng.normal();
    }
    return { x, labels };
  };
  return {
    name: `labelled-ring-${count}-${radius}-${std}`,
    classes: count,
    centres,
    axis: radius + 4 * std + 0.5,
    sample: (n, rng) => sampleLabelled(n, rng).x,
    sampleLabelled,
  };
}
