/**
 * bench/flops.ts counts the matMul FLOPs of one GAN step analytically. The oracle here is a
 * brute-force count of the matMul kernels tfjs actually runs during one step (tf.profile lists
 * every kernel with its input and output shapes): 2·batch·m·k·n summed over every MatMul kernel.
 * Run on small networks on the cpu backend, for the naive tf.layers GAN (bench/naive.ts) and for
 * our engine (one member and an ensemble of two, both dense modes).
 */
import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { kernelMatMulFlops, layerMacs, MATMUL_KERNELS, referenceSpec, stepCost, type BenchGanSpec } from "../../bench/flops";
import { createNaiveGan } from "../../bench/naive";
import type { Activation } from "../../lib/nn/activation";
import type { DenseMode } from "../../lib/nn/dense";
import type { LayerSpec } from "../../lib/nn/mlp";
import type { GanConfig } from "../../lib/train/config";
import { trainSteps } from "../../lib/train/loop";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { latentDimensionGan } from "../../lib/train/presets";
import { eightGaussians } from "../../lib/toy/datasets";

/** Small, all widths distinct so a wrong fan-in/fan-out pairing changes the count. */
const SMALL: BenchGanSpec = {
  latentDim: 3,
  generator: [7, 5, 2],
  dataDim: 2,
  discriminator: [6, 4, 1],
  batch: { real: 4, fake: 3, generator: 5 },
};

/** FLOPs of the MatMul kernels recorded by tf.profile (bench/flops.ts kernelMatMulFlops per kernel). */
function matMulFlops(kernels: { name: string; inputShapes: number[][]; outputShapes: number[][] }[]): { flops: number; count: number } {
  let flops = 0;
  let count = 0;
  for (const kern of kernels) {
    if (!MATMUL_KERNELS.has(kern.name)) continue;
    flops += kernelMatMulFlops(kern.inputShapes, kern.outputShapes[0]);
    count++;
  }
  return { flops, count };
}

before(async () => {
  await tf.setBackend("cpu");
});

test("layerMacs pairs fan-in and fan-out along the chain", () => {
  assert.deepEqual(layerMacs(3, [7, 5, 2]), [3 * 7, 7 * 5, 5 * 2]);
});

test("reference spec: the count equals the closed form per sample, and K members cost K times one", () => {
  const one = stepCost(referenceSpec(10));
  // Closed form per sample: G 10·256 + 2·256² + 256·2, D 2·128 + 4·128² + 128 (MACs).
  const g = 10 * 256 + 2 * 256 * 256 + 256 * 2;
  const d = 2 * 128 + 4 * 128 * 128 + 128;
  const dUpdate = 256 * g + 512 * (3 * d - 2 * 128);
  const gUpdate = 512 * (3 * g - 10 * 256 + 2 * d);
  assert.equal(one.flops, 2 * (dUpdate + gUpdate));
  assert.equal(stepCost(referenceSpec(10), 15).flops, 15 * one.flops);
});

/**
 * Work beyond the minimum done by implementations whose dense-layer gradient computes both
 * products whatever is needed (tfjs's fused matMul gradient, the engine's "fast" custom
 * gradient): D's input gradient at its first layer in the D update (nD·i₁·o₁ MACs) and D's
 * weight gradients in the G update although D is frozen (nG·Σ D MACs).
 */
function allGradientsExtra(spec: BenchGanSpec, members: number): number {
  const d = layerMacs(spec.dataDim, spec.discriminator);
  const nD = spec.batch.real + spec.batch.fake;
  return 2 * members * (nD * d[0] + spec.batch.generator * d.reduce((a, b) => a + b, 0));
}

test("naive tf.layers step runs the counted matMul FLOPs plus the frozen D's weight gradients", async () => {
  const gan = createNaiveGan(SMALL, 1);
  await gan.step(); // optimizer slots and layer builds happen in the first step
  const info = await tf.profile(async () => {
    await gan.step();
  });
  gan.dispose();
  const seen = matMulFlops(info.kernels as never);
  assert.ok(seen.count > 0, "no MatMul kernel recorded");
  assert.equal(seen.flops, stepCost(SMALL).flops + allGradientsExtra(SMALL, 1));
});

/** Layers of the given widths, `act` on all but the last (linear). */
function hidden(widths: number[], act: Activation): LayerSpec[] {
  return widths.map((units, l) => ({ units, activation: l === widths.length - 1 ? "linear" : act }));
}

function smallEngineConfig(members: number, denseMode: DenseMode): GanConfig {
  const base = latentDimensionGan(
    "bench-flops-test",
    { name: eightGaussians.name, dim: SMALL.dataDim },
    Array.from({ length: members }, (_, k) => ({ latentDim: SMALL.latentDim, seed: k + 1 })),
    { kind: "normal" },
  );
  return {
    ...base,
    generator: { kind: "mlp", init: "glorot-uniform", layers: hidden(SMALL.generator, "relu") },
    discriminator: { kind: "mlp", init: "glorot-uniform", layers: hidden(SMALL.discriminator, { leakyRelu: 0.01 }) },
    batch: SMALL.batch,
    denseMode,
  };
}

/** Every gradient of every dense layer, incl. the input gradient of G's first layer (the noise). */
function everyGradientExtra(spec: BenchGanSpec, members: number): number {
  return allGradientsExtra(spec, members) + 2 * members * spec.batch.generator * spec.latentDim * spec.generator[0];
}

for (const members of [1, 2]) {
  for (const mode of ["plain", "fast"] as const) {
    const what = mode === "plain" ? "exactly the counted matMul FLOPs" : "at least the counted matMul FLOPs, at most every gradient of every layer";
    test(`engine step (K = ${members}, ${mode} dense mode) runs ${what}`, async () => {
      const model = createGanModel(smallEngineConfig(members, mode));
      trainSteps(model, eightGaussians, 1, 0);
      const info = await tf.profile(() => {
        trainSteps(model, eightGaussians, 1, 1);
      });
      disposeGanModel(model);
      const seen = matMulFlops(info.kernels as never);
      const minimum = stepCost(SMALL, members).flops;
      assert.ok(seen.count > 0, "no MatMul kernel recorded");
      if (mode === "plain") {
        assert.equal(seen.flops, minimum);
      } else {
        // The custom gradient of "fast" mode may or may not skip gradients nobody needs.
        assert.ok(seen.flops >= minimum && seen.flops <= minimum + everyGradientExtra(SMALL, members), `${seen.flops} FLOPs outside [${minimum}, ${minimum + everyGradientExtra(SMALL, members)}]`);
      }
    });
  }
}
