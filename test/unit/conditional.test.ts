/**
 * Conditional GANs through the engine (config.condition) against independent oracles: the
 * concat design's L_D and L_G against a float64 plain-JavaScript forward pass of both MLPs
 * (checks that D reads [x, c], that the negatives are the generated pairs AND the mismatched
 * real pairs, each kind weighted ½); the two-head design's L_D from D's own outputs; the
 * mismatched classes against their definition; variable isolation of the steps; and, for both
 * designs, a short run of the training loop whose samples land nearest their own mode far more
 * often than chance.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { mlp, type GanConfig } from "../../lib/train/config";
import { adam } from "../../lib/train/optimizers";
import type { Network } from "../../lib/nn/network";
import { Rng } from "../../lib/util/rng";
import { labelledRing } from "../../lib/toy/mixture";
import { latentDimensionGan } from "../../lib/train/presets";
import { createGanModel, discriminate, disposeGanModel } from "../../lib/train/model";
import { discriminatorStep, generatorStep } from "../../lib/train/step";
import { oneHotBatch, wrongClasses } from "../../lib/train/batches";
import { train } from "../../lib/train/loop";
import { conditionalAccuracy } from "../../lib/metrics/conditional";

const softplus = (v: number) => Math.log1p(Math.exp(v));
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

const data = labelledRing(8, 2, 0.2);

function conditional(design: "concat" | "two-head", width = 32, overrides: Partial<GanConfig> = {}): GanConfig {
  const base = latentDimensionGan("cgan", { name: data.name, dim: 2 }, [{ latentDim: 2, seed: 3 }], { kind: "normal" });
  return {
    ...base,
    generator: mlp(2, width, "relu", 2, "he-uniform"),
    discriminator: mlp(2, width, { leakyRelu: 0.2 }, design === "concat" ? 1 : 9, "he-uniform"),
    optimizers: { d: adam(1e-3, 0.5), g: adam(1e-3, 0.5) },
    condition: { classes: 8, design, mismatched: true },
    batch: { real: 16, fake: 16, generator: 16 },
    ...overrides,
  };
}

/** Float64 forward of member 0 of an MLP network with the given activations, from its variables. */
function forward64(net: Network, acts: ((v: number) => number)[], input: number[]): number[] {
  let h = input;
  net.mlp!.net.layers.forEach((p, l) => {
    const w = (p.w.arraySync() as number[][][])[0];
    const b = (p.b.arraySync() as number[][][])[0][0];
    h = b.map((bj, j) => acts[l](h.reduce((s, hi, i) => s + hi * w[i][j], bj)));
  });
  return h;
}

const relu = (v: number) => Math.max(0, v);
const leaky = (v: number) => (v > 0 ? v : 0.2 * v);
const linear = (v: number) => v;
const rows = (t: tf.Tensor3D) => (t.arraySync() as number[][][])[0];

/** One batch of n: real points with classes, wrong classes, noise, the classes asked of G. */
function batch(config: GanConfig, n: number, seed: number) {
  const rng = new Rng(seed);
  const { x, labels } = data.sampleLabelled(n, rng.child("real"));
  const cls = [Int32Array.from(labels)];
  const asked = rng.child("g");
  return {
    real: tf.tensor3d(Float32Array.from(x), [1, n, 2]),
    classes: oneHotBatch(cls, 8),
    wrong: oneHotBatch(wrongClasses(config, cls, 0, 0), 8),
    z: tf.tensor3d(Float32Array.from(rng.child("z").normalArray(n * 2)), [1, n, 2]),
    asked: oneHotBatch([Int32Array.from({ length: n }, () => asked.int(8))], 8),
  };
}

test("concat design: L_D = E softplus(−ℓ(x, c)) + ½(E softplus(ℓ(G(z, c), c)) + E softplus(ℓ(x, c̃))), L_G = E softplus(−ℓ(G(z, c′), c′)) in float64; each step moves only its own network", async () => {
  await selectBackend("cpu");
  const config = conditional("concat");
  const model = createGanModel(config);
  const b = batch(config, 16, 11);
  const [x, c, cw, z, cf] = [b.real, b.classes, b.wrong, b.z, b.asked].map(rows);
  const label = (row: number[]) => row.indexOf(1);
  for (let i = 0; i < 16; i++) assert.notEqual(label(cw[i]), label(c[i]), "mismatched class differs from the true one");
  const g = (zi: number[], ci: number[]) => forward64(model.generator, [relu, relu, linear], [...zi, ...ci]);
  const d = (xi: number[], ci: number[]) => forward64(model.discriminator, [leaky, leaky, linear], [...xi, ...ci])[0];
  const fakesForD = z.map((zi, i) => g(zi, c[i]));
  const expectedD = mean(x.map((xi, i) => softplus(-d(xi, c[i])))) + 0.5 * (mean(fakesForD.map((f, i) => softplus(d(f, c[i])))) + mean(x.map((xi, i) => softplus(d(xi, cw[i])))));
  const gBefore = model.generator.variables.map((v) => v.dataSync().slice());
  const dBefore = model.discriminator.variables.map((v) => v.dataSync().slice());
  const dv = discriminatorStep(model, { real: b.real, z: b.z, classes: b.classes, wrong: b.wrong });
  close(dv.loss.dataSync()[0], expectedD, 1e-5, "L_D");
  tf.dispose(Object.values(dv));
  model.generator.variables.forEach((v, i) => assert.deepEqual(v.dataSync(), gBefore[i], "D step leaves G"));
  assert.ok(model.discriminator.variables.some((v, i) => v.dataSync().some((e, j) => e !== dBefore[i][j])), "D step moves D");

  const expectedG = mean(z.map((zi, i) => softplus(-d(g(zi, cf[i]), cf[i])))); // with the updated D
  const dAfter = model.discriminator.variables.map((v) => v.dataSync().slice());
  const gv = generatorStep(model, { z: b.z, classes: b.asked });
  close(gv.loss.dataSync()[0], expectedG, 1e-5, "L_G");
  tf.dispose(Object.values(gv));
  model.discriminator.variables.forEach((v, i) => assert.deepEqual(v.dataSync(), dAfter[i], "G step leaves D"));
  assert.ok(model.generator.variables.some((v, i) => v.dataSync().some((e, j) => e !== gBefore[i][j])), "G step moves G");
  tf.dispose(Object.values(b));
  disposeGanModel(model);
});

test("two-head design: L_D = realism(x) vs realism(G(z, c)) + match(x, c) vs match(x, c̃), from D's own outputs", async () => {
  await selectBackend("cpu");
  const config = conditional("two-head");
  const model = createGanModel(config);
  const b = batch(config, 16, 12);
  const [c, cw] = [b.classes, b.wrong].map(rows);
  const outReal = rows(tf.tidy(() => discriminate(model, b.real)));
  const fake = tf.tidy(() => model.generator.apply(tf.concat([b.z, b.classes], 2) as tf.Tensor3D));
  const outFake = rows(tf.tidy(() => discriminate(model, fake)));
  const pick = (out: number[], onehot: number[]) => out[1 + onehot.indexOf(1)];
  const expected =
    mean(outReal.map((o) => softplus(-o[0]))) + mean(outFake.map((o) => softplus(o[0]))) +
    mean(outReal.map((o, i) => softplus(-pick(o, c[i])))) + mean(outReal.map((o, i) => softplus(pick(o, cw[i]))));
  const dv = discriminatorStep(model, { real: b.real, z: b.z, classes: b.classes, wrong: b.wrong });
  close(dv.loss.dataSync()[0], expected, 1e-5, "L_D");
  tf.dispose([...Object.values(dv), ...Object.values(b), fake]);
  disposeGanModel(model);
});

test("mismatched classes are uniform over the other classes", () => {
  const config = conditional("concat");
  const labels = [Int32Array.from({ length: 4000 }, (_, i) => i % 8)];
  const wrong = wrongClasses(config, labels, 3, 0)[0];
  const offsets = new Array<number>(8).fill(0);
  labels[0].forEach((k, i) => offsets[(wrong[i] - k + 8) % 8]++);
  assert.equal(offsets[0], 0, "never the true class");
  // each of the 7 offsets has probability 1/7: count ~ Binomial(4000, 1/7), sd ≈ 22; allow 5 sd
  for (let o = 1; o < 8; o++) assert.ok(Math.abs(offsets[o] - 4000 / 7) < 5 * Math.sqrt((4000 * 6) / 49), `offset ${o}: ${offsets[o]}`);
});

for (const design of ["concat", "two-head"] as const) {
  test(`${design} design: after 150 steps of the training loop, G(z, k) lands nearest mode k far more often than chance`, async () => {
    await selectBackend("auto");
    const config = conditional(design, 64, { steps: 150, logEvery: 50, checkpointEvery: 150, batch: { real: 128, fake: 128, generator: 128 } });
    const fresh = createGanModel(config);
    const before = conditionalAccuracy(fresh, data.centres, 100, new Rng(9))[0];
    disposeGanModel(fresh);
    const run = await train(config, { data });
    assert.ok(run.logs.every((r) => Number.isFinite(r.dLoss) && Number.isFinite(r.gLoss)), "finite losses");
    const after = conditionalAccuracy(run.model, data.centres, 100, new Rng(9))[0];
    // A generator that ignores c hits the right mode with probability 1/8 per sample, whatever its
    // output law (each class is asked for equally often). Over n = 800 samples Hoeffding bounds
    // P(hits/n ≥ 1/8 + t) ≤ exp(−2nt²): for the threshold 0.5, t = 0.375, that is e^(−225).
    assert.ok(after >= 0.5, `accuracy ${after} (before training ${before})`);
    disposeGanModel(run.model);
  });
}
