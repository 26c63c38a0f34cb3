/**
 * Floating-point work of one training step of notebook 05's reference GAN, counted
 * analytically from the matMuls (biases, activations, losses and Adam are element-wise and
 * left out: about 1% of the work at these widths).
 *
 * A dense layer with fan_in = i, fan_out = o on a batch of n costs n·i·o multiply-adds (MACs)
 * for each of the three products autodiff may need:
 *
 *   forward          y  = x · W            [n, i]·[i, o]
 *   weight gradient  ∂W = xᵀ · ∂y          [i, n]·[n, o]   only if W is trained in this update
 *   input gradient   ∂x = ∂y · Wᵀ          [n, o]·[o, i]   only if something below x is trained
 *
 * One step = one D update, then one G update (notebook 05):
 *
 *   D update on nReal real + nFake fake points:
 *     G forward on nFake noise vectors (the fakes; no gradient flows into G)
 *     D forward, D weight gradients on nReal + nFake points
 *     D input gradients for layers 2..L_D (layer 1's input is data, nothing below it trains)
 *   G update on nGen noise vectors, D frozen:
 *     G forward, D forward on nGen
 *     D input gradients for all L_D layers (the gradient must reach G's output), no D weight gradients
 *     G weight gradients, G input gradients for layers 2..L_G
 *
 * FLOPs = 2 · MACs. An ensemble of K members does K times this work. This is the minimum an
 * implementation must do, and every implementation is credited with it, so GFLOP/s means
 * "useful GFLOP/s". test/unit/bench-flops.test.ts checks the count against the matMul kernels
 * tfjs actually runs: our engine in "plain" dense mode runs exactly this; the tf.layers port
 * (fused matMul gradient) also computes D's first-layer input gradient and the frozen D's weight
 * gradients (+8% at the reference sizes); the engine's "fast" custom gradient has done that
 * plus G's first-layer input gradient (the test bounds it between the two).
 */

export interface BenchGanSpec {
  latentDim: number;
  /** Widths of G's layers, output last: [256, 256, 256, 2]. */
  generator: number[];
  dataDim: number;
  /** Widths of D's layers, output last: [128 ×5, 1]. */
  discriminator: number[];
  batch: { real: number; fake: number; generator: number };
}

/** Notebook 05: G 3×Dense(256, ReLU) → Dense(2); D 5×[Dense(128)+LeakyReLU(0.01)] → Dense(1); batch 512. */
export function referenceSpec(latentDim: number): BenchGanSpec {
  return {
    latentDim,
    generator: [256, 256, 256, 2],
    dataDim: 2,
    discriminator: [128, 128, 128, 128, 128, 1],
    batch: { real: 256, fake: 256, generator: 512 },
  };
}

/** Per-layer fan_in·fan_out of a chain with input width `input` and layer widths `widths`. */
export function layerMacs(input: number, widths: number[]): number[] {
  const out: number[] = [];
  let fanIn = input;
  for (const w of widths) {
    out.push(fanIn * w);
    fanIn = w;
  }
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export interface StepCost {
  /** MACs of the D update and of the G update. */
  dUpdateMacs: number;
  gUpdateMacs: number;
  /** 2 · (dUpdateMacs + gUpdateMacs) · members */
  flops: number;
}

/** The analytic count described in the module comment, for `members` GANs trained together. */
export function stepCost(spec: BenchGanSpec, members = 1): StepCost {
  const g = layerMacs(spec.latentDim, spec.generator);
  const d = layerMacs(spec.dataDim, spec.discriminator);
  const gAll = sum(g);
  const dAll = sum(d);
  const gAbove1 = gAll - g[0];
  const dAbove1 = dAll - d[0];
  const nD = spec.batch.real + spec.batch.fake;
  const nG = spec.batch.generator;
  const dUpdateMacs = spec.batch.fake * gAll + nD * (dAll + dAll + dAbove1);
  const gUpdateMacs = nG * (gAll + dAll + dAll + gAll + gAbove1);
  return { dUpdateMacs, gUpdateMacs, flops: 2 * (dUpdateMacs + gUpdateMacs) * members };
}

/** The kernel names of a matMul in tf.profile's list (op wrappers such as "fusedMatMul__op" are not kernels). */
export const MATMUL_KERNELS = new Set(["BatchMatMul", "_FusedMatMul"]);

/**
 * FLOPs of one matMul kernel recorded by tf.profile, from its shapes: output [..., m, n], A
 * [..., m, k] or, transposed, [..., k, m]: 2 · batch · m · k · n.
 */
export function kernelMatMulFlops(inputShapes: number[][], outputShape: number[]): number {
  const m = outputShape[outputShape.length - 2];
  const n = outputShape[outputShape.length - 1];
  const [a0, a1] = inputShapes[0].slice(-2);
  const k = a0 === m ? a1 : a0;
  const batch = outputShape.slice(0, -2).reduce((p, d) => p * d, 1);
  return 2 * batch * m * k * n;
}
