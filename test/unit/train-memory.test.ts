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
import { maxLatentDim, mlp, type GanConfig } from "../../lib/train/config";
import { dcganDigits, sphereGan, wganClip } from "../../lib/train/presets";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { train, trainSteps } from "../../lib/train/loop";
import { adam } from "../../lib/train/optimizers";
import { labelledRing } from "../../lib/toy/mixture";
import { cycleTrainable, transformedData } from "../../lib/train/cycle";
import { createNetwork } from "../../lib/nn/network";
import { DEFAULT_SYNTHESIS } from "../../lib/nn/style";
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
  const layers = (spec: GanConfig["generator"]) => (spec.kind === "mlp" ? spec.layers.length : NaN);
  const vars = 2 * (layers(c.generator) + layers(c.discriminator));
  const slots = (spec: GanConfig["optimizers"]["d"]) => (spec.kind === "adam" ? 2 : 1);
  const gVars = 2 * layers(c.generator);
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
        const snapshot = (_s: number, m: { generator: { variables: tf.Variable[] } }) => ({ w: m.generator.variables[0].dataSync().slice() as Float32Array });
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
  const opt = adam(1e-3, 0.5);
  const before = tf.memory().numTensors;
  const stepAndDispose = (t: { step(s: number): Record<string, tf.Tensor>; dispose(): void }) => {
    for (let s = 0; s < 2; s++) tf.dispose(Object.values(t.step(s)));
    t.dispose();
  };

  const ring = labelledRing(4, 2, 0.1);
  const base = small("cgan", [{ latentDim: 2, seed: 1 }], { batch: { real: 8, fake: 8, generator: 8 } });
  for (const design of ["concat", "two-head"] as const) {
    const cgan = createGanModel({
      ...base,
      data: { name: ring.name, dim: 2 },
      discriminator: mlp(1, 8, "relu", design === "concat" ? 1 : 5, "glorot-uniform"),
      condition: { classes: 4, design, mismatched: true },
    });
    trainSteps(cgan, ring, 2);
    disposeGanModel(cgan);
    assert.equal(tf.memory().numTensors, before, `conditional GAN (${design})`);
  }

  stepAndDispose(
    cycleTrainable(
      {
        name: "cycle",
        data: { x: gauss.name, y: "moved", dim: 2 },
        seeds: [1, 2],
        generator: mlp(1, 8, "relu", 2, "glorot-uniform"),
        discriminator: mlp(1, 8, "relu", 1, "glorot-uniform"),
        loss: { kind: "least-squares" },
        optimizers: { generators: opt, discriminators: opt },
        lambda: 10,
        batch: 8,
        steps: 2,
        logEvery: 1,
        checkpointEvery: 2,
        snapshots: { denseUntil: 0, every: 2 },
      },
      gauss,
      { ...transformedData(gauss, 0.5, [1, 0]), name: "moved" },
    ),
  );
  assert.equal(tf.memory().numTensors, before, "CycleGAN");

  const digits: RealData = { name: "mnist-digits", sample: (n, rng) => rng.uniformArray(n * 784, -1, 1) };
  for (const norm of ["none", "layer"] as const) {
    const dcgan = createGanModel({
      ...dcganDigits("dcgan", [{ latentDim: 4, seed: 1 }]),
      generator: { kind: "dcgan-generator", width: 2, kernel: 3, init: "dcgan-normal" },
      discriminator: { kind: "dcgan-discriminator", width: 2, kernel: 3, init: "dcgan-normal", norm, outUnits: 1 },
      batch: { real: 2, fake: 2, generator: 2 },
    });
    trainSteps(dcgan, digits, 2);
    disposeGanModel(dcgan);
    assert.equal(tf.memory().numTensors, before, `DCGAN (norm ${norm})`);
  }

  const style = createNetwork({ kind: "style-generator", wDim: 4, mappingLayers: 2, constChannels: 4, layers: DEFAULT_SYNTHESIS }, 4, [new Rng(1)]);
  assert.equal(tf.memory().numTensors - before, style.variables.length, "style generator holds its variables only");
  tf.dispose(tf.tidy(() => style.apply(tf.ones([1, 1, 4]))));
  style.dispose();
  assert.equal(tf.memory().numTensors, before, "style generator");

  const ln = createEnsembleLayerNorm(3, 8);
  assert.equal(tf.memory().numTensors - before, 2, "layer norm holds γ and β only");
  disposeLayerNorm(ln);
  assert.equal(tf.memory().numTensors, before, "layer norm");
});
