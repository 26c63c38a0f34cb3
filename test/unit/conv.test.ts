/**
 * lib/nn/conv against independent oracles, on the cpu backend and on the native "tensorflow"
 * backend (skipped with the reason when @tensorflow/tfjs-node does not load, failed instead
 * when REQUIRE_NATIVE=1):
 * - conv2d and conv2dTranspose ("same", stride 2) against float64 plain-JavaScript loops
 *   (the transpose written as the adjoint scatter), gradients against central finite
 *   differences of those loops;
 * - the adjoint identity ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ for one shared filter;
 * - initial weights against the Rng stream times the He / DCGAN standard deviation;
 * - a DCGAN D and G step through the engine (lib/train): shapes, the loss against softplus of
 *   separately computed logits, each step moving only its own network, the same loss on both
 *   backends.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { Rng } from "../../lib/util/rng";
import { conv2d, conv2dTranspose, createConv2d, createConv2dTranspose, variableFrom } from "../../lib/nn/conv";
import type { GanConfig } from "../../lib/train/config";
import { dcganDigits } from "../../lib/train/presets";
import { createGanModel, discriminate, disposeGanModel, generate } from "../../lib/train/model";
import { discriminatorStep, generatorStep } from "../../lib/train/step";
import { finiteDifferences } from "../helpers/finite-differences";

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

const values = (n: number, phase: number) => Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + phase));

/** TF "same" padding before the first row: total max((⌈n/s⌉ − 1)s + k − n, 0), half (rounded down) first. */
function padBefore(n: number, k: number, s: number): number {
  return Math.floor(Math.max((Math.ceil(n / s) - 1) * s + k - n, 0) / 2);
}

/** Float64 conv2d, one image: x [H, W, Ci] flat, w [k, k, Ci, Co] flat → [⌈H/s⌉, ⌈W/s⌉, Co] flat. */
function conv64(x: number[], h: number, ci: number, w: number[], k: number, co: number, s: number, b: number[]): number[] {
  const ho = Math.ceil(h / s);
  const p = padBefore(h, k, s);
  const y = new Array<number>(ho * ho * co).fill(0);
  for (let i = 0; i < ho; i++) for (let j = 0; j < ho; j++) for (let o = 0; o < co; o++) {
    let acc = b[o];
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) {
      const r = i * s + a - p;
      const q = j * s + c - p;
      if (r < 0 || q < 0 || r >= h || q >= h) continue;
      for (let n = 0; n < ci; n++) acc += x[(r * h + q) * ci + n] * w[((a * k + c) * ci + n) * co + o];
    }
    y[(i * ho + j) * co + o] = acc;
  }
  return y;
}

/** Float64 transposed conv, one image: y [h, h, Ci] flat, w [k, k, Co, Ci] flat → [h·s, h·s, Co] flat (scatter). */
function convT64(y: number[], h: number, ci: number, w: number[], k: number, co: number, s: number, b: number[]): number[] {
  const H = h * s;
  const p = padBefore(H, k, s);
  const out = Array.from({ length: H * H * co }, (_, i) => b[i % co]);
  for (let i = 0; i < h; i++) for (let j = 0; j < h; j++) for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) {
    const r = i * s + a - p;
    const q = j * s + c - p;
    if (r < 0 || q < 0 || r >= H || q >= H) continue;
    for (let o = 0; o < co; o++) for (let n = 0; n < ci; n++) out[(r * H + q) * co + o] += y[(i * h + j) * ci + n] * w[((a * k + c) * co + o) * ci + n];
  }
  return out;
}

const native = { error: undefined as string | undefined };
const requireNative = process.env.REQUIRE_NATIVE === "1";

/** Activates `backend`; false (test skipped, or failed under REQUIRE_NATIVE=1) if it cannot load. */
async function use(backend: "cpu" | "tensorflow", t: { skip(reason: string): void }): Promise<boolean> {
  try {
    await selectBackend(backend);
    return true;
  } catch (e) {
    native.error = e instanceof Error ? e.message.split("\n")[0] : String(e);
    if (requireNative) throw e;
    t.skip(`native backend unavailable: ${native.error}`);
    return false;
  }
}

/** L = ½Σ coef·y² of the layer output, and its gradients with respect to input, w and b. */
const layerCases = [
  { name: "conv2d 5×5×2 → 3×3×3", h: 5, ci: 2, co: 3, transpose: false },
  { name: "conv2dTranspose 3×3×3 → 6×6×2", h: 3, ci: 3, co: 2, transpose: true },
];
const K = 3;
const S = 2;
const firstDcganLoss: number[] = [];

for (const backend of ["cpu", "tensorflow"] as const) {
  for (const c of layerCases) {
    test(`${c.name} on ${backend}: values match float64 JS, gradients match finite differences`, async (t) => {
      if (!(await use(backend, t))) return;
      const rng = new Rng(2);
      const p = c.transpose ? createConv2dTranspose(rng, "he-normal", K, c.ci, c.co, S) : createConv2d(rng, "he-normal", K, c.ci, c.co, S);
      const bias = values(c.co, 0.3);
      p.b.assign(tf.tensor1d(bias));
      const w = Array.from(p.w.dataSync());
      const xs = values(c.h * c.h * c.ci, 1.0);
      const ref = (xv: number[], wv: number[], bv: number[]) => (c.transpose ? convT64 : conv64)(xv, c.h, c.ci, wv, K, c.co, S, bv);
      const yRef = ref(xs, w, bias);
      const coef = values(yRef.length, 2.0);
      const loss64 = (xv: number[], wv: number[], bv: number[]) => ref(xv, wv, bv).reduce((s, y, i) => s + 0.5 * coef[i] * y * y, 0);

      const before = tf.memory().numTensors;
      const x = variableFrom(() => tf.tensor4d(xs, [1, c.h, c.h, c.ci])) as tf.Variable<tf.Rank.R4>;
      const coefT = tf.tensor1d(coef);
      const forward = () => (c.transpose ? conv2dTranspose(p, x) : conv2d(p, x));
      const y = tf.tidy(forward);
      assert.deepEqual(y.shape, c.transpose ? [1, c.h * S, c.h * S, c.co] : [1, Math.ceil(c.h / S), Math.ceil(c.h / S), c.co]);
      y.dataSync().forEach((v, i) => close(v, yRef[i], 1e-5, `y[${i}]`));
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(coefT, tf.mul(0.5, tf.square(tf.reshape(forward(), [-1]))))) as tf.Scalar, [x, p.w, p.b]);
      close(value.dataSync()[0], loss64(xs, w, bias), 1e-5, "L");
      const fd = [finiteDifferences((v) => loss64(v, w, bias), xs), finiteDifferences((v) => loss64(xs, v, bias), w), finiteDifferences((v) => loss64(xs, w, v), bias)];
      [x, p.w, p.b].forEach((v, k) => grads[v.name].dataSync().forEach((g, i) => close(g, fd[k][i], 1e-4, `∂L/∂${["x", "w", "b"][k]}[${i}]`)));
      tf.dispose([x, coefT, y, value, ...Object.values(grads), p.w, p.b]);
      assert.equal(tf.memory().numTensors, before - 2, "no tensors leaked (the layer's two variables disposed)");
    });
  }

  test(`adjoint identity ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ on ${backend}`, async (t) => {
    if (!(await use(backend, t))) return;
    const conv = createConv2d(new Rng(3), "he-normal", 5, 2, 4, 2);
    const convT = { w: conv.w, b: variableFrom(() => tf.zeros([2])), stride: 2 };
    const x = tf.tensor4d(values(2 * 8 * 8 * 2, 0.1), [2, 8, 8, 2]);
    const y = tf.tensor4d(values(2 * 4 * 4 * 4, 0.7), [2, 4, 4, 4]);
    const lhs = tf.tidy(() => tf.sum(tf.mul(conv2d(conv, x), y)).dataSync()[0]);
    const rhs = tf.tidy(() => tf.sum(tf.mul(x, conv2dTranspose(convT, y))).dataSync()[0]);
    close(lhs, rhs, 1e-5, "⟨conv x, y⟩ vs ⟨x, convT y⟩");
    tf.dispose([x, y, conv.w, conv.b, convT.b]);
  });

  test(`a DCGAN D step and G step through the engine on ${backend}`, async (t) => {
    if (!(await use(backend, t))) return;
    const base = dcganDigits("dcgan-test", [{ latentDim: 8, seed: 9 }]);
    const config: GanConfig = {
      ...base,
      generator: { kind: "dcgan-generator", width: 4, kernel: 5, init: "dcgan-normal" },
      discriminator: { kind: "dcgan-discriminator", width: 4, kernel: 5, init: "dcgan-normal", norm: "none", outUnits: 1 },
      batch: { real: 6, fake: 6, generator: 6 },
    };
    const model = createGanModel(config);
    const real = tf.tidy(() => tf.tanh(tf.tensor3d(values(6 * 784, 0.2).map((v) => 3 * v), [1, 6, 784])) as tf.Tensor3D);
    const z = tf.tensor3d(Float32Array.from(new Rng(1).normalArray(6 * 8)), [1, 6, 8]);
    const fake = generate(model, z);
    assert.deepEqual(fake.shape, [1, 6, 784]);
    assert.ok(fake.dataSync().every((v) => v > -1 && v < 1), "tanh output in (−1, 1)");
    const logits = (x: tf.Tensor3D) => tf.tidy(() => Array.from(discriminate(model, x).dataSync()));
    const lr = logits(real);
    const lf = logits(fake);
    assert.equal(lr.length, 6);
    const softplus = (v: number) => Math.log1p(Math.exp(v));
    const expected = lr.reduce((s, v) => s + softplus(-v), 0) / 6 + lf.reduce((s, v) => s + softplus(v), 0) / 6;
    const before = tf.memory().numTensors;
    const g0 = model.generator.variables.map((v) => v.dataSync().slice());
    const d = discriminatorStep(model, { real, z });
    const dLoss = d.loss.dataSync()[0];
    tf.dispose(Object.values(d));
    close(dLoss, expected, 1e-5, "L_D");
    firstDcganLoss.push(dLoss);
    model.generator.variables.forEach((v, i) => assert.deepEqual(v.dataSync(), g0[i], "D step leaves G"));
    const d1 = model.discriminator.variables.map((v) => v.dataSync().slice());
    const g = generatorStep(model, { z });
    assert.ok(Number.isFinite(g.loss.dataSync()[0]));
    tf.dispose(Object.values(g));
    model.discriminator.variables.forEach((v, i) => assert.deepEqual(v.dataSync(), d1[i], "G step leaves D"));
    assert.ok(model.generator.variables.every((v, i) => v.dataSync().some((e, j) => e !== g0[i][j])), "G step moves every G variable");
    if (firstDcganLoss.length === 2) close(firstDcganLoss[1], firstDcganLoss[0], 1e-5, "same L_D on cpu and native");
    assert.equal(tf.memory().numTensors, before, "the steps leak no tensors");
    tf.dispose([real, z, fake]);
    disposeGanModel(model);
  });
}

test("initial weights are the Rng stream times √(2/fan_in) (He) or 0.02 (DCGAN)", () => {
  const he = createConv2d(new Rng(4), "he-normal", 5, 16, 32, 2);
  const dc = createConv2dTranspose(new Rng(4), "dcgan-normal", 5, 16, 32, 2);
  const stream = new Rng(4).normalArray(5 * 5 * 16 * 32);
  const heW = he.w.dataSync();
  const dcW = dc.w.dataSync();
  const std = Math.sqrt(2 / (5 * 5 * 16));
  for (let i = 0; i < stream.length; i += 97) {
    close(heW[i], stream[i] * std, 1e-6, `he w[${i}]`);
    close(dcW[i], stream[i] * 0.02, 1e-6, `dcgan w[${i}]`);
  }
  assert.ok(he.b.dataSync().every((v) => v === 0) && dc.b.dataSync().every((v) => v === 0), "biases start at 0");
  tf.dispose([he.w, he.b, dc.w, dc.b]);
});
