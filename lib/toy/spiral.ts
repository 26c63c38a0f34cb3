/**
 * The spiral toy of "Why GANs need latent noise of enough dimensions".
 *
 *   z₀, z₁ ~ U(−1, 1),  r = 0.05 + 0.90·(z₀ + 1)/2 + 0.05·z₁,  θ = 3π·z₀,  x = (r cos θ, r sin θ)
 *
 * The centre curve (z₁ = 0) is C(t) = r_c(t)·(cos 3πt, sin 3πt), r_c(t) = 0.5 + 0.45·t, t ∈ [−1, 1]:
 * three turns from radius 0.05 to 0.95, the radius growing 0.3 per turn. z₁ moves a point
 * radially by 0.05·z₁, so the data fill a band of radial half-width 0.05 around C, and the
 * bands of neighbouring turns are 0.3 − 2·0.05 = 0.2 apart.
 *
 * Density: (z₀, z₁) has density 1/4 on [−1, 1]²; the map to (r, θ) has Jacobian
 * |∂r/∂z₁ · ∂θ/∂z₀| = 0.05 · 3π, and dx dy = r dr dθ, so on the band
 *
 *   p(x) = 1 / (4 · 0.15π · ‖x‖) = 1 / (0.6π ‖x‖),   and 0 off the band
 *
 * (the bands of different turns do not overlap, so each x has at most one preimage).
 */
import type { RandomSource, ToyDataset } from "./types";

/** Radial half-width of the band around the centre curve. */
export const SPIRAL_HALF_WIDTH = 0.05;
/** Number of turns: θ runs over 3π·[−1, 1]. */
const THETA_SCALE = 3 * Math.PI;

/** Radius of the centre curve at parameter t ∈ [−1, 1]. */
export function spiralRadius(t: number): number {
  return 0.05 + 0.9 * ((t + 1) / 2);
}

/** Point of the centre curve C(t), t ∈ [−1, 1]. */
export function spiralCurve(t: number): [number, number] {
  const r = spiralRadius(t);
  const th = THETA_SCALE * t;
  return [r * Math.cos(th), r * Math.sin(th)];
}

/** n samples [n, 2] of the spiral. */
export function sampleSpiral(n: number, rng: RandomSource): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const z0 = 2 * rng.uniform() - 1;
    const z1 = 2 * rng.uniform() - 1;
    const r = spiralRadius(z0) + SPIRAL_HALF_WIDTH * z1;
    const th = THETA_SCALE * z0;
    out[2 * i] = r * Math.cos(th);
    out[2 * i + 1] = r * Math.sin(th);
  }
  return out;
}

/** log p(x, y) of the spiral: −log(0.6π‖x‖) on the band, −Infinity off it. */
export function spiralLogDensity(x: number, y: number): number {
  const rho = Math.hypot(x, y);
  const phi = Math.atan2(y, x);
  // Curve parameters whose angle θ = 3πt points along φ: t = (φ + 2πj) / 3π, t ∈ [−1, 1].
  for (let j = -2; j <= 2; j++) {
    const t = (phi + 2 * Math.PI * j) / THETA_SCALE;
    if (t < -1 || t > 1) continue;
    if (Math.abs(rho - spiralRadius(t)) <= SPIRAL_HALF_WIDTH) {
      return -Math.log(4 * SPIRAL_HALF_WIDTH * THETA_SCALE * rho);
    }
  }
  return -Infinity;
}

export const spiral: ToyDataset = {
  name: "spiral",
  formula: "r = 0.05 + 0.9·(z₀+1)/2 + 0.05·z₁, θ = 3π·z₀, z ~ U(−1,1)²",
  axis: 1,
  modes: [],
  sample: sampleSpiral,
  logDensity: spiralLogDensity,
};
