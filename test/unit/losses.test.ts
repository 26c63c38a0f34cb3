/**
 * Every loss of lib/losses against values computed by hand in float64 JavaScript on small
 * arrays, written from the formulas (naive forms such as log(σ(ℓ)) are fine here because the
 * test logits are moderate).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import * as adv from "../../lib/losses/adversarial";

const realLogits = [[1.5, -0.3, 0.2, 2.1], [-1.2, 0.0, 0.7, -2.5]];
const fakeLogits = [[-0.4, 0.9, -1.7, 0.05], [1.1, -0.6, 2.3, -0.2]];

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const relu = (v: number) => Math.max(0, v);

/** Evaluates a loss on [K, batch] inputs and returns its [K] values. */
function perMember(f: (...t: tf.Tensor[]) => tf.Tensor, ...arrays: number[][][]): number[] {
  const out = tf.tidy(() => f(...arrays.map((a) => tf.tensor2d(a))));
  assert.deepEqual(out.shape, [arrays[0].length]);
  const values = Array.from(out.dataSync());
  out.dispose();
  return values;
}

function assertClose(actual: number[], expected: number[], tol = 1e-5): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tol * (1 + Math.abs(expected[i])), `[${i}] ${a} vs ${expected[i]}`));
}

test("binary cross-entropy, D and both G forms", () => {
  const expectD = realLogits.map((r, k) => -mean(r.map((l) => Math.log(sigmoid(l)))) - mean(fakeLogits[k].map((l) => Math.log(1 - sigmoid(l)))));
  assertClose(perMember(adv.bceDiscriminatorLoss, realLogits, fakeLogits), expectD);
  const expectMinimax = fakeLogits.map((f) => mean(f.map((l) => Math.log(1 - sigmoid(l)))));
  assertClose(perMember(adv.bceGeneratorMinimaxLoss, fakeLogits), expectMinimax);
  const expectNs = fakeLogits.map((f) => -mean(f.map((l) => Math.log(sigmoid(l)))));
  assertClose(perMember(adv.bceGeneratorNonSaturatingLoss, fakeLogits), expectNs);
});

test("cross-entropy stays finite for logits of ±200 where sigmoid-then-log overflows", () => {
  const v = perMember(adv.bceDiscriminatorLoss, [[-200]], [[200]]);
  assertClose(v, [400], 1e-6);
  assertClose(perMember(adv.bceGeneratorNonSaturatingLoss, [[-200]]), [200], 1e-6);
});

test("least squares", () => {
  const expectD = realLogits.map((r, k) => 0.5 * mean(r.map((s) => (s - 1) ** 2)) + 0.5 * mean(fakeLogits[k].map((s) => s * s)));
  assertClose(perMember(adv.leastSquaresDiscriminatorLoss, realLogits, fakeLogits), expectD);
  assertClose(perMember(adv.leastSquaresGeneratorLoss, fakeLogits), fakeLogits.map((f) => 0.5 * mean(f.map((s) => (s - 1) ** 2))));
});

test("hinge and Wasserstein", () => {
  const expectHinge = realLogits.map((r, k) => mean(r.map((s) => relu(1 - s))) + mean(fakeLogits[k].map((s) => relu(1 + s))));
  assertClose(perMember(adv.hingeDiscriminatorLoss, realLogits, fakeLogits), expectHinge);
  assertClose(perMember(adv.criticGeneratorLoss, fakeLogits), fakeLogits.map((f) => -mean(f)));
  const expectW = realLogits.map((r, k) => mean(fakeLogits[k]) - mean(r));
  assertClose(perMember(adv.wassersteinCriticLoss, realLogits, fakeLogits), expectW);
});
