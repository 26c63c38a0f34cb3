/**
 * lib/train/conditional against independent oracles: L_D from hand-computed softplus values;
 * the step's L_D and L_G against a float64 plain-JavaScript forward pass of both MLPs (checks
 * that D reads [x, c], that the negatives are the generated pairs AND the mismatched real
 * pairs); the mismatched classes against their definition; variable isolation of the steps;
 * and a short run whose samples land nearest their own mode far more often than chance.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { stack } from "../../lib/train/config";
import { adam } from "../../lib/train/optimizers";
import { mlpVariables, type Mlp } from "../../lib/nn/mlp";
import { Rng } from "../../lib/util/rng";
import {
  conditionalAccuracy,
  conditionalBatch,
  conditionalDiscriminatorLoss,
  conditionalDiscriminatorStep,
  conditionalGeneratorStep,
  createConditionalGan,
  disposeBatch,
  disposeConditionalGan,
  labelledRing,
  trainConditional,
  type ConditionalGanSpec,
} from "../../lib/train/conditional";

const softplus = (v: number) => Math.log1p(Math.exp(v));
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

const data = labelledRing(8, 2, 0.2);
const spec: ConditionalGanSpec = {
  classes: 8,
  latentDim: 2,
  dataDim: 2,
  generator: { layers: stack(2, 32, "relu", 2), init: "he-uniform" },
  discriminator: { layers: stack(2, 32, { leakyRelu: 0.2 }, 1), init: "he-uniform" },
  optimizers: { d: adam(1e-3, 0.5), g: adam(1e-3, 0.5) },
  seed: 3,
};

test("L_D = E softplus(−ℓ_real) + ½(E softplus(ℓ_fake) + E softplus(ℓ_mismatched)) (hand-computed)", () => {
  const m = [0.5, -1.0];
  const f = [2.0, 0.0];
  const w = [-0.3, 1.5];
  const expected = mean(m.map((v) => softplus(-v))) + 0.5 * (mean(f.map(softplus)) + mean(w.map(softplus)));
  const got = tf.tidy(() => conditionalDiscriminatorLoss(tf.tensor1d(m), tf.tensor1d(f), tf.tensor1d(w)).dataSync()[0]);
  close(got, expected, 1e-6, "L_D");
});

/** Float64 forward of member 0 of an MLP with the given activations, from its variables. */
function forward64(net: Mlp, acts: ((v: number) => number)[], input: number[]): number[] {
  let h = input;
  net.layers.forEach((p, l) => {
    const w = (p.w.arraySync() as number[][][])[0];
    const b = (p.b.arraySync() as number[][][])[0][0];
    h = b.map((bj, j) => acts[l](h.reduce((s, hi, i) => s + hi * w[i][j], bj)));
  });
  return h;
}

const relu = (v: number) => Math.max(0, v);
const leaky = (v: number) => (v > 0 ? v : 0.2 * v);
const linear = (v: number) => v;

test("a D and a G step: losses equal a float64 re-computation; each moves only its own network", async () => {
  await selectBackend("cpu");
  const model = createConditionalGan(spec);
  const n = 16;
  const b = conditionalBatch(model, data, n, new Rng(11));
  const [x, c, cw, z, cf] = [b.x, b.c, b.cWrong, b.z, b.cFake].map((t) => (t.arraySync() as number[][][])[0]);
  const label = (row: number[]) => row.indexOf(1);
  for (let i = 0; i < n; i++) assert.notEqual(label(cw[i]), label(c[i]), "mismatched class differs from the true one");
  const gOut = z.map((zi, i) => forward64(model.generator, [relu, relu, linear], [...zi, ...cf[i]]));
  const d = (xi: number[], ci: number[]) => forward64(model.discriminator, [leaky, leaky, linear], [...xi, ...ci])[0];
  const expectedD =
    mean(x.map((xi, i) => softplus(-d(xi, c[i])))) +
    0.5 * (mean(gOut.map((g, i) => softplus(d(g, cf[i])))) + mean(x.map((xi, i) => softplus(d(xi, cw[i])))));
  const gBefore = mlpVariables(model.generator).map((v) => v.dataSync().slice());
  const dBefore = mlpVariables(model.discriminator).map((v) => v.dataSync().slice());
  close(conditionalDiscriminatorStep(model, b), expectedD, 1e-5, "L_D");
  mlpVariables(model.generator).forEach((v, i) => assert.deepEqual(v.dataSync(), gBefore[i], "D step leaves G"));
  assert.ok(mlpVariables(model.discriminator).some((v, i) => v.dataSync().some((e, j) => e !== dBefore[i][j])), "D step moves D");

  // G's loss uses the updated D
  const expectedG = mean(gOut.map((g, i) => softplus(-d(g, cf[i]))));
  const dAfter = mlpVariables(model.discriminator).map((v) => v.dataSync().slice());
  close(conditionalGeneratorStep(model, b), expectedG, 1e-5, "L_G");
  mlpVariables(model.discriminator).forEach((v, i) => assert.deepEqual(v.dataSync(), dAfter[i], "G step leaves D"));
  assert.ok(mlpVariables(model.generator).some((v, i) => v.dataSync().some((e, j) => e !== gBefore[i][j])), "G step moves G");
  disposeBatch(b);
  disposeConditionalGan(model);
});

test("mismatched classes are uniform over the other classes", () => {
  const model = createConditionalGan(spec);
  const b = conditionalBatch(model, data, 4000, new Rng(5));
  const c = tf.tidy(() => tf.argMax(b.c, 2).dataSync());
  const w = tf.tidy(() => tf.argMax(b.cWrong, 2).dataSync());
  const offsets = new Array<number>(8).fill(0);
  c.forEach((k, i) => offsets[(w[i] - k + 8) % 8]++);
  assert.equal(offsets[0], 0, "never the true class");
  // each of the 7 offsets has probability 1/7: count ~ Binomial(4000, 1/7), sd ≈ 22; allow 5 sd
  for (let o = 1; o < 8; o++) assert.ok(Math.abs(offsets[o] - 4000 / 7) < 5 * Math.sqrt((4000 * 6) / 49), `offset ${o}: ${offsets[o]}`);
  disposeBatch(b);
  disposeConditionalGan(model);
});

test("after 150 steps, G(z, k) lands nearest mode k far more often than chance", async () => {
  await selectBackend("auto");
  const model = createConditionalGan({
    ...spec,
    generator: { layers: stack(2, 64, "relu", 2), init: "he-uniform" },
    discriminator: { layers: stack(2, 64, { leakyRelu: 0.2 }, 1), init: "he-uniform" },
  });
  const before = conditionalAccuracy(model, data.centres, 100, new Rng(9));
  const history = trainConditional(model, data, 150, 128, 21);
  assert.ok(history.every(([dl, gl]) => Number.isFinite(dl) && Number.isFinite(gl)), "finite losses");
  const after = conditionalAccuracy(model, data.centres, 100, new Rng(9));
  // A generator that ignores c hits the right mode with probability 1/8 per sample, whatever its
  // output law (each class is asked for equally often). Over n = 800 samples Hoeffding bounds
  // P(hits/n ≥ 1/8 + t) ≤ exp(−2nt²): for the threshold 0.5, t = 0.375, that is e^(−225).
  // Measured when written: 0.12 before training, 0.99 after 100 steps (batch 128, width 64)
  // and 1.0 after these 150 steps (0.70 with width 32 and batch 64).
  assert.ok(after >= 0.5, `accuracy ${after} (before training ${before})`);
  disposeConditionalGan(model);
});
