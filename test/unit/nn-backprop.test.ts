/**
 * The written-out backward passes against tfjs autodiff (a second implementation):
 * lib/nn/backprop.ts for every activation, both dense modes and a member with padded inputs;
 * the D and G gradients of lib/train/step.ts for every first-derivative loss kind, written-out
 * ("auto") vs tf.variableGrads ("autodiff"), on an ensemble with latent widths 1 and 3.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../lib/util/rng";
import { createMlp, disposeMlp, mlpForward, mlpVariables, type MlpSpec } from "../../lib/nn/mlp";
import { backward, forwardTrace, traceOutput } from "../../lib/nn/backprop";
import { mlp, type GanConfig, type GanLoss } from "../../lib/train/config";
import { latentDimensionGan, sphereGan } from "../../lib/train/presets";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { discriminatorGradients, generatorGradients } from "../../lib/train/step";

/** max |a − b| / (1 + max |b|) over two lists of tensors. */
function relDiff(a: tf.Tensor[], b: tf.Tensor[]): number {
  assert.equal(a.length, b.length);
  let d = 0;
  a.forEach((t, i) => {
    assert.deepEqual(t.shape, b[i].shape, `tensor ${i} shape`);
    const x = t.dataSync(), y = b[i].dataSync();
    const scale = 1 + Math.max(...Array.from(y).map(Math.abs));
    x.forEach((v, j) => (d = Math.max(d, Math.abs(v - y[j]) / scale)));
  });
  return d;
}

const spec: MlpSpec = {
  inputDim: 3,
  layers: [
    { units: 6, activation: "relu" },
    { units: 5, activation: { leakyRelu: 0.2 } },
    { units: 4, activation: "tanh" },
    { units: 4, activation: "sigmoid" },
    { units: 2, activation: "linear" },
  ],
  init: "glorot-uniform",
};

for (const mode of ["plain", "fast"] as const) {
  test(`MLP backward equals tf.grads of mlpForward (${mode}, padded member)`, () => {
    const net = createMlp(spec, [new Rng(1), new Rng(2)], [1, 3]);
    net.layers.forEach((p, l) => p.b.assign(tf.randomUniform(p.b.shape, -0.3, 0.3, "float32", 20 + l) as tf.Tensor3D));
    // non-zero padded inputs: the mask must still keep member 0 from reading or learning them
    const x = tf.randomNormal([2, 7, 3], 0, 1, "float32", 3) as tf.Tensor3D;
    const weights = tf.randomNormal([2, 7, 2], 0, 1, "float32", 4);
    const vars = mlpVariables(net);
    const f = (xi: tf.Tensor) => tf.sum(tf.mul(weights, mlpForward(net, xi as tf.Tensor3D, mode))) as tf.Scalar;
    const reference = tf.variableGrads(() => f(x), vars);
    const dx = tf.grad(f)(x);
    const mine = tf.tidy(() => {
      const trace = forwardTrace(net, x, mode);
      const g = backward(net, trace, tf.mul(weights, tf.onesLike(traceOutput(trace))) as tf.Tensor3D, { params: true, input: true });
      return [...g.params, g.input!, tf.sum(tf.mul(weights, traceOutput(trace)))];
    });
    const ref = [...vars.map((v) => reference.grads[v.name]), dx, reference.value];
    const d = relDiff(mine, ref);
    assert.ok(d < 1e-5, `max relative difference ${d}`);
    assert.ok(Math.max(...Array.from(mine[0].dataSync()).map(Math.abs)) > 0, "gradients are not trivially zero");
    tf.dispose([x, weights, dx, reference.value, ...Object.values(reference.grads), ...mine]);
    disposeMlp(net);
  });
}

const losses: GanLoss[] = [
  { kind: "bce", generator: "non-saturating" },
  { kind: "bce", generator: "minimax" },
  { kind: "least-squares" },
  { kind: "hinge" },
  { kind: "wgan-clip", clip: 0.01 },
  { kind: "fgan", divergence: "kl", generator: "bound" },
  { kind: "fgan", divergence: "jensen-shannon", generator: "heuristic" },
];

function config(loss: GanLoss, mode: "plain" | "fast"): GanConfig {
  const base = latentDimensionGan("grads", { name: "test", dim: 2 }, [{ latentDim: 1, seed: 5 }, { latentDim: 3, seed: 6 }], { kind: "normal" });
  return {
    ...base,
    generator: mlp(2, 12, "relu", 2, "glorot-uniform"),
    discriminator: mlp(2, 10, { leakyRelu: 0.01 }, 1, "glorot-uniform"),
    loss,
    denseMode: mode,
  };
}

for (const mode of ["plain", "fast"] as const) {
  test(`D and G gradients: written-out == tf.variableGrads for every first-derivative loss (${mode})`, () => {
    const real = tf.randomNormal([2, 9, 2], 0, 1, "float32", 7) as tf.Tensor3D;
    const z = tf.randomNormal([2, 11, 3], 0, 1, "float32", 8) as tf.Tensor3D;
    const configs = [...losses.map((l) => config(l, mode)), sphereGan(config(losses[0], mode), 3, 2)];
    for (const c of configs) {
      const model = createGanModel(c);
      for (const who of ["D", "G"] as const) {
        const [mine, ref] = (["auto", "autodiff"] as const).map((m) => (who === "D" ? discriminatorGradients(model, { real, z }, m) : generatorGradients(model, { z }, m)));
        const d = relDiff([...mine.grads, mine.kept.loss], [...ref.grads, ref.kept.loss]);
        assert.ok(d < 1e-5, `${c.loss.kind} ${JSON.stringify(c.loss)} ${who}: max relative difference ${d}`);
        tf.dispose([...mine.grads, ...ref.grads, ...Object.values(mine.kept), ...Object.values(ref.kept)]);
      }
      disposeGanModel(model);
    }
    tf.dispose([real, z]);
  });
}
