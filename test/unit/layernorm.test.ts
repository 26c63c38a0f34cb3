/**
 * lib/nn/layernorm against independent oracles: a hand-computed 3-vector; a float64 plain
 * JavaScript layer norm (forward); central finite differences of that float64 implementation
 * (gradients with respect to x, γ and β); the closed form ∂(Σx̂)/∂x = 0.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { createEnsembleLayerNorm, createLayerNorm, disposeLayerNorm, layerNorm, layerNormVariables, standardize, LAYER_NORM_EPS } from "../../lib/nn/layernorm";
import { finiteDifferences } from "../helpers/finite-differences";

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

/** Deterministic values in (−2, 2). */
function values(n: number, phase: number): number[] {
  return Array.from({ length: n }, (_, i) => 2 * Math.sin(2.3 * i + phase));
}

/**
 * Float64 layer norm of x (row-major, `groups` groups of `size` consecutive elements each
 * normalised alone), gain and bias indexed by `paramIndex(i)`.
 */
function referenceLayerNorm(x: number[], size: number, gamma: number[], beta: number[], paramIndex: (i: number) => number): number[] {
  const y = new Array<number>(x.length);
  for (let g = 0; g < x.length / size; g++) {
    const seg = x.slice(g * size, (g + 1) * size);
    const mu = seg.reduce((s, v) => s + v, 0) / size;
    const variance = seg.reduce((s, v) => s + (v - mu) ** 2, 0) / size;
    seg.forEach((v, j) => {
      const i = g * size + j;
      y[i] = gamma[paramIndex(i)] * ((v - mu) / Math.sqrt(variance + LAYER_NORM_EPS)) + beta[paramIndex(i)];
    });
  }
  return y;
}

test("standardize of (1, 2, 3) is (−1, 0, 1)/√(2/3 + ε) (hand-computed)", () => {
  const y = tf.tidy(() => standardize(tf.tensor1d([1, 2, 3]), [0])).dataSync();
  const s = 1 / Math.sqrt(2 / 3 + LAYER_NORM_EPS);
  [-s, 0, s].forEach((v, i) => close(y[i], v, 1e-6, `y[${i}]`));
});

const cases = [
  // dense activations of an ensemble [K, batch, units], normalised over units, γ/β [K, 1, units]
  { name: "dense [2, 3, 4] over axis 2", shape: [2, 3, 4], axes: [2], paramShape: [2, 1, 4], size: 4, paramIndex: (i: number) => Math.floor(i / 12) * 4 + (i % 4) },
  // feature maps [batch, H, W, C], normalised over H, W, C, γ/β [1, 1, 1, C]
  { name: "maps [2, 3, 3, 2] over axes 1..3", shape: [2, 3, 3, 2], axes: [1, 2, 3], paramShape: [1, 1, 1, 2], size: 18, paramIndex: (i: number) => i % 2 },
];

for (const c of cases) {
  test(`layer norm ${c.name}: values match float64 JS, gradients match finite differences`, () => {
    const n = c.shape.reduce((a, b) => a * b, 1);
    const nParam = c.paramShape.reduce((a, b) => a * b, 1);
    const x = values(n, 0.4);
    const gamma = values(nParam, 1.1).map((v) => 1 + 0.3 * v);
    const beta = values(nParam, 2.7).map((v) => 0.5 * v);
    const weights = values(n, 3.9); // L = Σ weights ⊙ y, a generic scalar loss
    const p = c.axes.length === 1 ? createEnsembleLayerNorm(c.shape[0], c.shape[2]) : createLayerNorm(c.paramShape, c.axes);
    assert.deepEqual(p.gamma.shape, c.paramShape);
    p.gamma.assign(tf.tensor(gamma, c.paramShape));
    p.beta.assign(tf.tensor(beta, c.paramShape));
    const before = tf.memory().numTensors;

    const yT = tf.tidy(() => layerNorm(tf.tensor(x, c.shape), p));
    const y = yT.dataSync();
    yT.dispose();
    const yRef = referenceLayerNorm(x, c.size, gamma, beta, c.paramIndex);
    yRef.forEach((v, i) => close(y[i], v, 1e-5, `y[${i}]`));

    const xT = tf.tensor(x, c.shape);
    const wT = tf.tensor(weights, c.shape);
    const loss = (xi: tf.Tensor) => tf.sum(tf.mul(wT, layerNorm(xi, p))) as tf.Scalar;
    const { value, grads } = tf.variableGrads(() => loss(xT), layerNormVariables(p));
    const dx = tf.grad(loss)(xT);
    const refLoss = (xs: number[], gs: number[], bs: number[]) => referenceLayerNorm(xs, c.size, gs, bs, c.paramIndex).reduce((s, v, i) => s + weights[i] * v, 0);
    const fdX = finiteDifferences((v) => refLoss(v, gamma, beta), x);
    const fdGamma = finiteDifferences((v) => refLoss(x, v, beta), gamma);
    const fdBeta = finiteDifferences((v) => refLoss(x, gamma, v), beta);
    dx.dataSync().forEach((v, i) => close(v, fdX[i], 2e-3, `∂L/∂x[${i}]`));
    grads[p.gamma.name].dataSync().forEach((v, i) => close(v, fdGamma[i], 2e-4, `∂L/∂γ[${i}]`));
    grads[p.beta.name].dataSync().forEach((v, i) => close(v, fdBeta[i], 2e-4, `∂L/∂β[${i}]`));
    tf.dispose([xT, wT, dx, value, ...Object.values(grads)]);
    assert.equal(tf.memory().numTensors, before, "no tensors leaked");
    disposeLayerNorm(p);
  });
}

test("Σ x̂ is constant in x, so its gradient is 0 (closed form)", () => {
  const x = tf.tensor2d(values(10, 0.9), [2, 5]);
  const g = tf.grad((xi: tf.Tensor) => tf.sum(standardize(xi, [1])))(x).dataSync();
  g.forEach((v, i) => assert.ok(Math.abs(v) < 1e-5, `∂Σx̂/∂x[${i}] = ${v}`));
  tf.dispose(x);
});
