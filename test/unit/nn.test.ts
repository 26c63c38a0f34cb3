/**
 * lib/nn against independent oracles: initial weights against the Rng stream and the
 * Glorot / He limits typed from the formulas; the MLP forward pass against a float64 loop
 * in plain JavaScript; the "fast" dense layer against the "plain" one (values and gradients);
 * the padding mask of ensemble members with fewer inputs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../lib/util/rng";
import { initLimit, initWeights } from "../../lib/nn/init";
import { dense } from "../../lib/nn/dense";
import { createMlp, disposeMlp, mlpForward, mlpVariables, parameterCount, type MlpSpec } from "../../lib/nn/mlp";

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

test("init limits are √(6/(fan_in+fan_out)) and √(6/fan_in); weights are that stream scaled", () => {
  close(initLimit("glorot-uniform", 3, 5), Math.sqrt(6 / 8), 1e-15, "glorot");
  close(initLimit("he-uniform", 3, 5), Math.sqrt(2), 1e-15, "he");
  const w = initWeights(new Rng(7), "glorot-uniform", 2, 3, 4);
  const l = Math.sqrt(6 / 5);
  const expected = new Rng(7).uniformArray(6, -l, l);
  for (let i = 0; i < 6; i++) close(w[i], expected[i], 1e-6, `w[${i}]`);
  for (let i = 6; i < 12; i++) assert.equal(w[i], 0, "padded rows are zero");
  const big = initWeights(new Rng(1), "he-uniform", 100, 50);
  const lim = Math.sqrt(6 / 100);
  assert.ok(big.every((x) => Math.abs(x) <= lim));
  assert.ok(Math.max(...big.map(Math.abs)) > 0.99 * lim, "draws fill the interval");
});

const spec: MlpSpec = {
  inputDim: 3,
  layers: [
    { units: 4, activation: "relu" },
    { units: 5, activation: { leakyRelu: 0.1 } },
    { units: 2, activation: "tanh" },
  ],
  init: "glorot-uniform",
};

/** Forward pass of member k in float64 from the variables' values. */
function referenceForward(w: number[][][][], b: number[][][][], acts: ((v: number) => number)[], k: number, x: number[]): number[] {
  let h = x;
  w.forEach((wl, l) => {
    const out = wl[k][0].map((_, j) => h.reduce((s, hi, i) => s + hi * wl[k][i][j], b[l][k][0][j]));
    h = out.map(acts[l]);
  });
  return h;
}

test("MLP forward matches a float64 loop, per member, in both dense modes", () => {
  const net = createMlp(spec, [new Rng(1), new Rng(2)]);
  const xs = [[[0.3, -1.0, 2.0], [1.1, 0.0, -0.5]], [[-0.2, 0.4, 0.9], [0.0, 0.0, 0.0]]];
  const ws = net.layers.map((p) => p.w.arraySync());
  // non-zero biases so they are exercised
  net.layers.forEach((p, l) => p.b.assign(tf.randomUniform(p.b.shape, -0.5, 0.5, "float32", 10 + l) as tf.Tensor3D));
  const bs = net.layers.map((p) => p.b.arraySync());
  const acts = [(v: number) => Math.max(0, v), (v: number) => (v > 0 ? v : 0.1 * v), Math.tanh];
  for (const mode of ["plain", "fast"] as const) {
    const y = tf.tidy(() => mlpForward(net, tf.tensor3d(xs), mode)).arraySync() as number[][][];
    xs.forEach((xk, k) => xk.forEach((x, i) => referenceForward(ws, bs, acts, k, x).forEach((v, j) => close(y[k][i][j], v, 1e-5, `${mode} y[${k}][${i}][${j}]`))));
  }
  assert.equal(parameterCount(spec), 3 * 4 + 4 + 4 * 5 + 5 + 5 * 2 + 2);
  disposeMlp(net);
});

test("fast dense layer: same values and gradients as plain autodiff", () => {
  const x = tf.randomNormal([3, 6, 4], 0, 1, "float32", 1) as tf.Tensor3D;
  const w = tf.randomNormal([3, 4, 5], 0, 1, "float32", 2) as tf.Tensor3D;
  const b = tf.randomNormal([3, 1, 5], 0, 1, "float32", 3) as tf.Tensor3D;
  const weights = tf.randomNormal([3, 6, 5], 0, 1, "float32", 4);
  const results = (["plain", "fast"] as const).map((mode) => {
    const f = (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(weights, tf.tanh(dense(xi as tf.Tensor3D, wi as tf.Tensor3D, bi as tf.Tensor3D, mode))));
    const grads = tf.grads(f)([x, w, b]);
    const value = tf.tidy(() => f(x, w, b));
    return [value, ...grads].map((t) => Array.from(t.dataSync()));
  });
  results[0].forEach((arr, i) => arr.forEach((v, j) => close(results[1][i][j], v, 1e-5, `tensor ${i} [${j}]`)));
  tf.dispose([x, w, b, weights]);
});

test("a member with fewer inputs ignores the padded inputs and gets zero gradient there", () => {
  const net = createMlp(spec, [new Rng(5), new Rng(6)], [1, 3]);
  const w0 = net.layers[0].w.arraySync();
  assert.ok(w0[0].slice(1).every((row) => row.every((v) => v === 0)), "padded rows start at zero");
  // member 0 alone, built with inputDim 1, has the same first-layer weights
  const alone = createMlp({ ...spec, inputDim: 1 }, [new Rng(5)]);
  assert.deepEqual(alone.layers[0].w.arraySync()[0][0], w0[0][0]);
  for (const mode of ["plain", "fast"] as const) {
    const x = tf.tensor3d([[[0.7, 5, -9]], [[0.7, 5, -9]]]);
    const xOnlyFirst = tf.tensor3d([[[0.7, 0, 0]], [[0.7, 5, -9]]]);
    const a = tf.tidy(() => mlpForward(net, x, mode)).arraySync();
    const c = tf.tidy(() => mlpForward(net, xOnlyFirst, mode)).arraySync();
    assert.deepEqual(a[0], c[0], "member 0 output does not depend on inputs 2 and 3");
    const g = tf.variableGrads(() => tf.sum(mlpForward(net, x, mode)) as tf.Scalar, mlpVariables(net));
    const gw0 = g.grads[net.layers[0].w.name].arraySync() as number[][][];
    assert.ok(gw0[0].slice(1).every((row) => row.every((v) => v === 0)), `${mode}: zero gradient on padded rows`);
    assert.ok(gw0[1][2].some((v) => v !== 0), "member 1 does learn from input 3");
    tf.dispose([x, xOnlyFirst, g.value, ...Object.values(g.grads)]);
  }
  disposeMlp(net);
  disposeMlp(alone);
});
