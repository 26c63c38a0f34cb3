/**
 * Weight initialisation, one vocabulary for every layer (dense, conv, transposed conv), drawn
 * from a seeded {@link Rng} on the JavaScript side so that the same seed gives the same weights
 * on every backend. Biases are zero.
 *
 * - "glorot-uniform" (Xavier): W ~ U(−ℓ, ℓ), ℓ = √(6 / (fan_in + fan_out))   (Keras default)
 * - "he-uniform" (Kaiming):    W ~ U(−ℓ, ℓ), ℓ = √(6 / fan_in)                (PyTorch toy WGAN-GP)
 * - "he-normal":               W ~ N(0, 2 / fan_in), not truncated
 * - "dcgan-normal":            W ~ N(0, 0.02²), the DCGAN paper's init
 *
 * Fans: a dense [in, out] weight has fan_in = in, fan_out = out; a k×k convolution from C_in to
 * C_out channels has fan_in = k·k·C_in and fan_out = k·k·C_out.
 */
import type { Rng } from "../util/rng";

export type InitScheme = "glorot-uniform" | "he-uniform" | "he-normal" | "dcgan-normal";

/** DCGAN's weight standard deviation. */
export const DCGAN_STD = 0.02;

/** The half-width ℓ of a uniform scheme for a weight with these fans. */
export function initLimit(scheme: "glorot-uniform" | "he-uniform", fanIn: number, fanOut: number): number {
  return scheme === "glorot-uniform" ? Math.sqrt(6 / (fanIn + fanOut)) : Math.sqrt(6 / fanIn);
}

/** The standard deviation of a normal scheme for a weight with fan-in `fanIn`. */
export function initStd(scheme: "he-normal" | "dcgan-normal", fanIn: number): number {
  return scheme === "he-normal" ? Math.sqrt(2 / fanIn) : DCGAN_STD;
}

/** `count` weights of `scheme` in draw order (row-major for the layer's weight layout). */
export function drawWeights(rng: Rng, scheme: InitScheme, count: number, fanIn: number, fanOut: number): Float32Array {
  switch (scheme) {
    case "glorot-uniform":
    case "he-uniform": {
      const limit = initLimit(scheme, fanIn, fanOut);
      return Float32Array.from(rng.uniformArray(count, -limit, limit));
    }
    case "he-normal":
    case "dcgan-normal": {
      const std = initStd(scheme, fanIn);
      return Float32Array.from(rng.normalArray(count), (v) => v * std);
    }
  }
}

/**
 * A [rows, fanOut] dense weight matrix (row-major) whose first `fanIn` rows are drawn from
 * `scheme` and whose remaining rows are zero (the padded inputs of a smaller-latent ensemble
 * member, see lib/nn/mlp.ts).
 */
export function initWeights(rng: Rng, scheme: InitScheme, fanIn: number, fanOut: number, rows: number = fanIn): Float32Array {
  if (fanIn > rows) throw new Error(`initWeights: fanIn ${fanIn} exceeds rows ${rows}`);
  const out = new Float32Array(rows * fanOut);
  out.set(drawWeights(rng, scheme, fanIn * fanOut, fanIn, fanOut));
  return out;
}
