/**
 * WGAN-GP differentiates the critic twice: ∂/∂θ of λ·E[(‖∇ₓD_θ(x̂)‖ − 1)²]. This checks that
 * gradient against central finite differences of the penalty value, for an MLP critic in the
 * "plain" dense mode (the one the loop uses for WGAN-GP) and in the "fast" mode, with the
 * twice-differentiable activation forms; and shows why those forms exist: tanh differentiated
 * twice by tfjs disagrees with finite differences, so it is refused.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../lib/util/rng";
import { createMlp, disposeMlp, mlpForward, type MlpSpec } from "../../lib/nn/mlp";
import type { DenseMode } from "../../lib/nn/dense";
import { gradientPenalty } from "../../lib/losses/penalty";

const spec: MlpSpec = {
  inputDim: 2,
  layers: [
    { units: 8, activation: "relu" },
    { units: 8, activation: { leakyRelu: 0.2 } },
    { units: 1, activation: "linear" },
  ],
  init: "he-uniform",
};

function penaltyGradients(mode: DenseMode): { analytic: number[]; numeric: number[] } {
  const net = createMlp(spec, [new Rng(3)]);
  const real = tf.tensor3d([[[0.5, -1.0], [2.0, 0.3], [-0.7, 0.1], [0.0, 1.2]]]);
  const fake = tf.tensor3d([[[-0.3, 0.8], [0.1, 0.1], [1.5, -1.2], [0.4, 0.4]]]);
  const alpha = tf.tensor3d([[[0.25], [0.9], [0.5], [0.1]]]);
  const critic = (x: tf.Tensor3D) => tf.squeeze(mlpForward(net, x, mode, true), [2]);
  const gp = () => tf.sum(gradientPenalty(critic, real, fake, alpha, 10)) as tf.Scalar;
  const target = net.layers[0].w; // [1, 2, 8]
  const { value, grads } = tf.variableGrads(gp, [target]);
  const g = Array.from(grads[target.name].dataSync());
  tf.dispose([value, grads[target.name]]);
  const base = Array.from(target.dataSync());
  const h = 1e-3;
  const analytic: number[] = [];
  const numeric: number[] = [];
  for (const i of [0, 3, 9, 14]) {
    const at = (delta: number) => {
      const w = base.slice();
      w[i] += delta;
      target.assign(tf.tensor3d(w, target.shape as [number, number, number]));
      return tf.tidy(() => gp().dataSync()[0]);
    };
    numeric.push((at(h) - at(-h)) / (2 * h));
    analytic.push(g[i]);
  }
  disposeMlp(net);
  tf.dispose([real, fake, alpha]);
  return { analytic, numeric };
}

for (const mode of ["plain", "fast"] as const) {
  test(`gradient of the gradient penalty w.r.t. critic weights matches finite differences (${mode})`, () => {
    const { analytic, numeric } = penaltyGradients(mode);
    const scale = Math.max(...numeric.map(Math.abs));
    assert.ok(scale > 1e-3, "the checked entries have a non-trivial gradient");
    analytic.forEach((a, i) => assert.ok(Math.abs(a - numeric[i]) <= 2e-2 * scale, `entry ${i}: autodiff ${a} vs finite differences ${numeric[i]}`));
  });
}

test("tanh is refused where second derivatives are needed", () => {
  const net = createMlp({ ...spec, layers: [{ units: 3, activation: "tanh" }, { units: 1, activation: "linear" }] }, [new Rng(1)]);
  const x = tf.zeros([1, 2, 2]) as tf.Tensor3D;
  assert.throws(() => mlpForward(net, x, "plain", true), /tanh.*second derivatives/);
  x.dispose();
  disposeMlp(net);
});
