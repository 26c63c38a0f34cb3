/**
 * Gradient penalty against closed forms: a linear critic D(x) = x·w has ∇D = w everywhere, so
 * GP = λ(‖w‖ − 1)²; a quadratic critic D(x) = ½‖x‖² has ∇D(x̂) = x̂, so GP = λ·mean((‖x̂‖ − 1)²)
 * with x̂ = αx + (1 − α)x̃ computed by hand. Weight clipping against Math.min/max.
 * (The penalty's gradient through an MLP critic, double backprop, is checked against finite
 * differences in nn-double-backprop.test.ts.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { clipWeights, gradientPenalty } from "../../lib/losses/penalty";

const real = [[[0.5, -1.0], [2.0, 0.3], [-0.7, 0.1]], [[1.0, 1.0], [0.0, -0.4], [0.2, 0.9]]];
const fake = [[[-0.3, 0.8], [0.1, 0.1], [1.5, -1.2]], [[0.0, 0.0], [-2.0, 0.5], [0.6, 0.6]]];
const alpha = [[[0.25], [0.9], [0.5]], [[0.0], [1.0], [0.33]]];
const LAMBDA = 10;

function penalty(critic: (x: tf.Tensor3D) => tf.Tensor): number[] {
  const gp = tf.tidy(() => gradientPenalty(critic, tf.tensor3d(real), tf.tensor3d(fake), tf.tensor3d(alpha), LAMBDA));
  assert.deepEqual(gp.shape, [2]);
  const v = Array.from(gp.dataSync());
  gp.dispose();
  return v;
}

test("gradient penalty of a linear critic is λ(‖w‖ − 1)² per member", () => {
  const w = [[3, -1], [0.2, 0.5]];
  const critic = (x: tf.Tensor3D) => tf.sum(tf.mul(x, tf.tensor3d(w.map((r) => [r]))), -1);
  const got = penalty(critic);
  w.forEach((wk, k) => {
    const expected = LAMBDA * (Math.hypot(...wk) - 1) ** 2;
    assert.ok(Math.abs(got[k] - expected) < 1e-4 * (1 + expected), `${got[k]} vs ${expected}`);
  });
});

test("gradient penalty of ½‖x‖² evaluates at the interpolates x̂ = αx + (1 − α)x̃", () => {
  const critic = (x: tf.Tensor3D) => tf.mul(0.5, tf.sum(tf.square(x), -1));
  const got = penalty(critic);
  real.forEach((rk, k) => {
    const terms = rk.map((x, i) => {
      const a = alpha[k][i][0];
      const xhat = x.map((xj, j) => a * xj + (1 - a) * fake[k][i][j]);
      return (Math.hypot(...xhat) - 1) ** 2;
    });
    const expected = (LAMBDA * terms.reduce((s, t) => s + t, 0)) / terms.length;
    assert.ok(Math.abs(got[k] - expected) < 1e-4 * (1 + expected), `${got[k]} vs ${expected}`);
  });
});

test("clipWeights projects every entry onto [−c, c]", () => {
  const values = [0.5, -0.003, 0.02, -7, 0.01];
  const v = tf.variable(tf.tensor1d(values));
  clipWeights([v], 0.01);
  const got = Array.from(v.dataSync());
  values.forEach((x, i) => assert.ok(Math.abs(got[i] - Math.min(0.01, Math.max(-0.01, x))) < 1e-7));
  v.dispose();
});

test("per-member one-sided flags: a one-sided member only pays for slopes above 1, a two-sided one for both sides", () => {
  // member 0 has ‖w‖ = 0.5 (< 1), member 1 has ‖w‖ = 2 (> 1)
  const w = [[0.3, 0.4], [1.2, 1.6]];
  const critic = (x: tf.Tensor3D) => tf.sum(tf.mul(x, tf.tensor3d(w.map((r) => [r]))), -1);
  const run = (flags: boolean | boolean[]) => {
    const gp = tf.tidy(() => gradientPenalty(critic, tf.tensor3d(real), tf.tensor3d(fake), tf.tensor3d(alpha), LAMBDA, flags));
    const v = Array.from(gp.dataSync());
    gp.dispose();
    return v;
  };
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-4 * (1 + b), `${a} vs ${b}`);
  const [a0, a1] = run([true, false]);
  close(a0, 0); // one-sided: a slope below 1 is free
  close(a1, LAMBDA * 1); // two-sided: (2 − 1)²
  const [b0, b1] = run([false, true]);
  close(b0, LAMBDA * 0.25); // two-sided: (0.5 − 1)²
  close(b1, LAMBDA * 1); // one-sided: (2 − 1)² as well
  assert.deepEqual(run([true, true]).map((v) => Math.round(v * 1e4)), run(true).map((v) => Math.round(v * 1e4)));
  assert.throws(() => run([true]), /1 oneSided flags for 2 members/);
});
