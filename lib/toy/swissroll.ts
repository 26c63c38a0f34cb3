/**
 * The swiss roll of the WGAN-GP toy code, without scikit-learn.
 *
 * sklearn's make_swiss_roll(noise = 0.25): t = 1.5π(1 + 2u), u ~ U[0, 1);
 * (x, y, z) = (t cos t, 21·v, t sin t) + 0.25·N(0, I₃); WGAN-GP keeps columns (x, z) and divides
 * by 7.5. The height y is dropped, so only x and z are drawn here:
 *
 *   (x, z) = ((t cos t + 0.25·ε₁) / 7.5, (t sin t + 0.25·ε₂) / 7.5)
 *
 * No closed-form density (a curve convolved with Gaussian noise), no modes.
 */
import type { RandomSource, ToyDataset } from "./types";

const NOISE = 0.25;
const SCALE = 7.5;

/** Centre curve at roll parameter t ∈ [1.5π, 4.5π], already divided by 7.5. */
export function swissrollCurve(t: number): [number, number] {
  return [(t * Math.cos(t)) / SCALE, (t * Math.sin(t)) / SCALE];
}

export function sampleSwissroll(n: number, rng: RandomSource): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    const [cx, cz] = swissrollCurve(t);
    out[2 * i] = cx + (NOISE * rng.normal()) / SCALE;
    out[2 * i + 1] = cz + (NOISE * rng.normal()) / SCALE;
  }
  return out;
}

export const swissroll: ToyDataset = {
  name: "wgan-swissroll",
  formula: "(t cos t, t sin t)/7.5 + N(0, (0.25/7.5)²·I₂), t = 1.5π(1 + 2u)",
  axis: 3,
  modes: [],
  sample: sampleSwissroll,
};
