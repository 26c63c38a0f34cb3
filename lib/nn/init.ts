/**
 * Weight initialisation with the exact limits of Keras / PyTorch, drawn from a seeded
 * {@link Rng} on the JavaScript side so that the same seed gives the same weights on every
 * backend.
 *
 * - Glorot (Xavier) uniform: W ~ U(−ℓ, ℓ), ℓ = √(6 / (fan_in + fan_out))
 * - He (Kaiming) uniform:     W ~ U(−ℓ, ℓ), ℓ = √(6 / fan_in)
 * - biases are zero.
 */
import type { Rng } from "../util/rng";

export type InitScheme = "glorot-uniform" | "he-uniform";

/** The half-width ℓ of the uniform distribution of `scheme` for a [fanIn, fanOut] weight. */
export function initLimit(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme) {
    case "glorot-uniform":
      return Math.sqrt(6 / (fanIn + fanOut));
    case "he-uniform":
      return Math.sqrt(6 / fanIn);
  }
}

/**
 * A [rows, fanOut] weight matrix (row-major) whose first `fanIn` rows are drawn from
 * U(−ℓ, ℓ) with ℓ = initLimit(scheme, fanIn, fanOut) and whose remaining rows are zero
 * (the padded inputs of a smaller-latent ensemble member, see lib/nn/mlp.ts).
 */
export function initWeights(
  rng: Rng,
  scheme: InitScheme,
  fanIn: number,
  fanOut: number,
  rows: number = fanIn,
): Float32Array {
  if (fanIn > rows) throw new Error(`initWeights: fanIn ${fanIn} exceeds rows ${rows}`);
  const limit = initLimit(scheme, fanIn, fanOut);
  const out = new Float32Array(rows * fanOut);
  out.set(rng.uniformArray(fanIn * fanOut, -limit, limit));
  return out;
}
