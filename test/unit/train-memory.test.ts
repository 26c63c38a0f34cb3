/**
 * Tensor bookkeeping of the engine, on cpu, wasm and the native backend (skipped with the
 * reason when it does not load, failed instead when REQUIRE_NATIVE=1):
 * - a built model holds exactly its variables, optimizer slots and input masks, counted from
 *   the config (no initial tensor kept beside its variable);
 * - building, training (with a checkpoint written, resumed and reused) and disposing a GAN
 *   returns tf.memory().numTensors to exactly its starting value, for several losses, Adam and
 *   RMSProp, a single network and a K = 3 ensemble over latent widths;
 * - a run that diverges (train rejects) leaves nothing behind either;
 * - the other models of lib/nn and lib/train (conditional, CycleGAN, DCGAN, style generator,
 *   layer norm) likewise.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { selectBackend, type BackendName } from "../../lib/env/backend";
import { maxLatentDim, stack, type GanConfig } from "../../lib/train/config";
import { sphereGan, wganClip } from "../../lib/train/presets";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { train, trainSteps } from "../../lib/train/loop";
import { adam, createOptimizer } from "../../lib/train/optimizers";
import { conditionalBatch, conditionalDiscriminatorStep, conditionalGeneratorStep, createConditionalGan, disposeBatch, disposeConditionalGan, labelledRing } from "../../lib/train/conditional";
import { createCycleGan, disposeCycleGan, trainCycle, transformedData } from "../../lib/train/cycle";
import { createDcgan, dcganDiscriminatorStep, dcganDiscriminatorVariables, dcganGeneratorStep, dcganGeneratorVariables, disposeDcgan } from "../../lib/nn/conv";
import { createStyleGenerator, disposeStyleGenerator, DEFAULT_SYNTHESIS, mappingVariables, styleGenerate, synthesisVariables } from "../../lib/nn/style";
import { createEnsembleLayerNorm, disposeLayerNorm } from "../../lib/nn/layernorm";
import type { RealData } from "../../lib/train/batches";
import { Rng } from "../../lib/util/rng";
import { gauss, tiny } from "../helpers/tiny-gan";

/** `tiny` with members `members`, 4 steps, a checkpoint every 2. */
function small(name: string, members: GanConfig["members"], overrides: Partial<GanConfig> = {}): GanConfig {
  return tiny({ name, members, steps: 4, ...overrides });
}

const single = [{ latentDim: 3, seed: 1 }];
const ensemble = [{ latentDim: 1, seed: 3 }, { latentDim: 2, seed: 4 }, { latentDim: 5, seed: 5 }];
const configs: GanConfig[] = [
  small("bce", single),
  small("bce-ensemble", ensemble),
  small("wgan-gp-ensemble", ensemble, {
    loss: { kind: "wgan-gp", weight: 0.1 },
    critic: { kind: "constant", n: 2 },
    optimizers: { d: adam(1e-4, 0.5, 0.9, 1e-8, "pytorch"), g: adam(1e-4, 0.5, 0.9, 1e-8, "pytorch") },
  }),
  { ...wganClip(small("wgan-clip", single)), critic: { kind: "wgan", n: 2, warmup: 3, warmupSteps: 1, every: 500 } },
  sphereGan(small("sphere-ensemble", ensemble), 4, 2),
];

/** Tensors a model of `c` owns: W and b per layer, one (RMSProp) or two (Adam) slots per variable, G's input mask. */
function ownedTensors(c: GanConfig): number {
  const vars = 2 * (c.generator.layers.length + c.discriminator.layers.length);
  const slots = (spec: GanConfig["optimizers"]["d"]) => (spec.kind === "adam" ? 2 : 1);
  const gVars = 2 * c.generator.layers.length;
  const dVars = vars - gVars;
  const mask = c.members.some((m) => m.latentDim < maxLatentDim(c)) ? 1 : 0;
  return vars + gVars * slots(c.optimizers.g) + dVars * slots(c.optimizers.d) + mask;
}

const requireNative = process.env.REQUIRE_NATIVE === "1";

async function use(backend: BackendName, t: { skip(reason: string): void }): Promise<boolean> {
  try {
    await selectBackend(backend);
    return true;
  } catch (e) {
    if (backend === "tensorflow" && requireNative) throw e;
    t.skip(`${backend} backend unavailable: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    return false;
  }
}

for (const backend of ["cpu", "wasm", "tensorflow"] as const) {
  test(`a model holds exactly its variables, slots and mask (${backend})`, async (t) => {
    if (!(await use(backend, t))) return;
    for (const c of configs) {
      const before = tf.memory().numTensors;
      const model = createGanModel(c);
      assert.equal(tf.memory().numTensors - before, ownedTensors(c), `${c.name}: tensors held by a fresh model`);
      disposeGanModel(model);
      assert.equal(tf.memory().numTensors, before, `${c.name}: tensors left after dispose`);
    }
  });

  test(`train, checkpoint, resume, reuse, dispose: numTensors back to the start (${backend})`, async (t) => {
    if (!(await use(backend, t))) return;
    const dir = mkdtempSync(join(tmpdir(), "lw-memory-"));
    try {
      for (const c of configs) {
        const before = tf.memory().numTensors;
        const snapshot = (_s: number, m: { generator: { layers: { w: tf.Tensor }[] } }) => ({ w: m.generator.layers[0].w.dataSync().slice() as Float32Array });
        const partial = await train(c, { data: gauss, snapshot }, { cacheDir: dir, stopAtStep: 2 });
        disposeGanModel(partial.model);
        const resumed = await train(c, { data: gauss, snapshot }, { cacheDir: dir });
        assert.equal(resumed.source, "resumed");
        disposeGanModel(resumed.model);
        const cached = await train(c, { data: gauss }, { cacheDir: dir });
        assert.equal(cached.source, "cache");
        trainSteps(cached.model, gauss, 2, c.steps);
        disposeGanModel(cached.model);
        assert.equal(tf.memory().numTensors, before, `${c.name}: tensors leaked`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("a diverging run rejects and leaves no tensors behind", async () => {
  await selectBackend("cpu");
  let calls = 0;
  const poisoned: RealData = { name: "test-gauss", sample: (n, rng) => (++calls > 2 ? new Float64Array(n * 2).fill(NaN) : gauss.sample(n, rng)) };
  const before = tf.memory().numTensors;
  await assert.rejects(train(small("nan", ensemble), { data: poisoned }), /D loss is NaN/);
  assert.equal(tf.memory().numTensors, before);
});

test("conditional GAN, CycleGAN, DCGAN, style generator, layer norm: build, step, dispose leak nothing", async () => {
  await selectBackend("cpu");
  const net = { layers: stack(1, 8, "relu", 2), init: "glorot-uniform" as const };
  const dNet = { layers: stack(1, 8, "relu", 1), init: "glorot-uniform" as const };
  const opt = adam(1e-3, 0.5);
  const before = tf.memory().numTensors;

  const ring = labelledRing(4, 2, 0.1);
  const cgan = createConditionalGan({ classes: 4, latentDim: 2, dataDim: 2, generator: net, discriminator: dNet, optimizers: { d: opt, g: opt }, seed: 1 });
  const b = conditionalBatch(cgan, ring, 8, new Rng(2));
  conditionalDiscriminatorStep(cgan, b);
  conditionalGeneratorStep(cgan, b);
  disposeBatch(b);
  disposeConditionalGan(cgan);
  assert.equal(tf.memory().numTensors, before, "conditional GAN");

  const cycle = createCycleGan({ dim: 2, generator: net, discriminator: dNet, optimizers: { generators: opt, discriminators: opt }, lambda: 10, seed: 1 });
  trainCycle(cycle, gauss, transformedData(gauss, 0.5, [1, 0]), 2, 8, 3);
  disposeCycleGan(cycle);
  assert.equal(tf.memory().numTensors, before, "CycleGAN");

  const dcgan = createDcgan({ latentDim: 4, width: 2, kernel: 3, init: "dcgan-normal" }, new Rng(1));
  const dOpt = createOptimizer(opt, dcganDiscriminatorVariables(dcgan));
  const gOpt = createOptimizer(opt, dcganGeneratorVariables(dcgan));
  const real = tf.zeros([2, 28, 28, 1]) as tf.Tensor4D;
  const z = tf.ones([2, 4]) as tf.Tensor2D;
  dcganDiscriminatorStep(dcgan, dOpt, real, z);
  dcganGeneratorStep(dcgan, gOpt, z);
  tf.dispose([real, z]);
  dOpt.dispose();
  gOpt.dispose();
  disposeDcgan(dcgan);
  assert.equal(tf.memory().numTensors, before, "DCGAN");

  const style = createStyleGenerator({ latentDim: 4, wDim: 4, mappingLayers: 2, constChannels: 4, layers: DEFAULT_SYNTHESIS }, new Rng(1));
  const styleVars = [...mappingVariables(style), ...synthesisVariables(style)];
  assert.equal(tf.memory().numTensors - before, styleVars.length, "style generator holds its variables only");
  tf.dispose(tf.tidy(() => styleGenerate(style, tf.ones([1, 4]))));
  disposeStyleGenerator(style);
  assert.equal(tf.memory().numTensors, before, "style generator");

  const ln = createEnsembleLayerNorm(3, 8);
  assert.equal(tf.memory().numTensors - before, 2, "layer norm holds γ and β only");
  disposeLayerNorm(ln);
  assert.equal(tf.memory().numTensors, before, "layer norm");
});
