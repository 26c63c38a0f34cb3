/**
 * Layer norm inside an MLP ensemble (lib/nn/mlp.ts `norm: "layer"`): the forward pass against a
 * float64 loop (dense → activation → layer norm per member, with non-trivial γ and β); the
 * variables, their checkpoint names and the parameter count; a network with layer norm has no
 * written-out backward pass, so a GAN step takes the autodiff route and still matches it;
 * `withLayerNorm` puts the norm on the hidden layers only. The scale invariance that keeps a
 * bias-free discriminator from mapping every point of a ray to the same score is checked too.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../lib/util/rng";
import { createMlp, disposeMlp, mlpForward, mlpVariableNames, mlpVariables, parameterCount, type MlpSpec } from "../../lib/nn/mlp";
import { createNetwork } from "../../lib/nn/network";
import { LAYER_NORM_EPS } from "../../lib/nn/layernorm";
import { mlp } from "../../lib/train/config";
import { dcganDigits, sphereGan, withLayerNorm } from "../../lib/train/presets";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { discriminatorGradients, generatorGradients } from "../../lib/train/step";
import { tiny } from "../helpers/tiny-gan";

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

const spec: MlpSpec = {
  inputDim: 3,
  layers: [
    { units: 4, activation: "relu", norm: "layer" },
    { units: 5, activation: { leakyRelu: 0.1 }, norm: "layer" },
    { units: 2, activation: "linear" },
  ],
  init: "he-uniform",
};

/** Float64 layer norm of one vector with gain γ and bias β. */
function normalise(h: number[], gamma: number[], beta: number[]): number[] {
  const mu = h.reduce((s, v) => s + v, 0) / h.length;
  const variance = h.reduce((s, v) => s + (v - mu) ** 2, 0) / h.length;
  return h.map((v, j) => gamma[j] * ((v - mu) / Math.sqrt(variance + LAYER_NORM_EPS)) + beta[j]);
}

test("MLP with layer norm: forward matches a float64 loop (dense → activation → LN), per member", () => {
  const net = createMlp(spec, [new Rng(1), new Rng(2)]);
  net.layers.forEach((p, l) => p.b.assign(tf.randomUniform(p.b.shape, -0.5, 0.5, "float32", 10 + l) as tf.Tensor3D));
  net.norms.forEach((n, l) => {
    if (!n) return;
    n.gamma.assign(tf.randomUniform(n.gamma.shape, 0.5, 1.5, "float32", 20 + l));
    n.beta.assign(tf.randomUniform(n.beta.shape, -0.3, 0.3, "float32", 30 + l));
  });
  const ws = net.layers.map((p) => p.w.arraySync());
  const bs = net.layers.map((p) => p.b.arraySync());
  const gs = net.norms.map((n) => n?.gamma.arraySync() as number[][][] | undefined);
  const betas = net.norms.map((n) => n?.beta.arraySync() as number[][][] | undefined);
  const acts = [(v: number) => Math.max(0, v), (v: number) => (v > 0 ? v : 0.1 * v), (v: number) => v];
  const xs = [[[0.3, -1.0, 2.0], [1.1, 0.2, -0.5]], [[-0.2, 0.4, 0.9], [2.0, -1.0, 0.1]]];
  const y = tf.tidy(() => mlpForward(net, tf.tensor3d(xs), "plain")).arraySync() as number[][][];
  xs.forEach((xk, k) => xk.forEach((x, i) => {
    let h = x;
    ws.forEach((wl, l) => {
      h = wl[k][0].map((_, j) => h.reduce((s, hi, r) => s + hi * wl[k][r][j], bs[l][k][0][j])).map(acts[l]);
      if (gs[l]) h = normalise(h, gs[l]![k][0], betas[l]![k][0]);
    });
    h.forEach((v, j) => close(y[k][i][j], v, 1e-5, `y[${k}][${i}][${j}]`));
  }));
  disposeMlp(net);
});

test("MLP with layer norm: variables W, b per layer then γ, β per normed layer; names; parameter count", () => {
  const net = createMlp(spec, [new Rng(3)]);
  const vars = mlpVariables(net);
  assert.deepEqual(mlpVariableNames(net), ["0/w", "0/b", "1/w", "1/b", "2/w", "2/b", "0/gamma", "0/beta", "1/gamma", "1/beta"]);
  assert.deepEqual(vars.map((v) => v.shape), [[1, 3, 4], [1, 1, 4], [1, 4, 5], [1, 1, 5], [1, 5, 2], [1, 1, 2], [1, 1, 4], [1, 1, 4], [1, 1, 5], [1, 1, 5]]);
  assert.equal(parameterCount(spec), 3 * 4 + 4 + 4 * 5 + 5 + 5 * 2 + 2 + 2 * 4 + 2 * 5);
  disposeMlp(net);
  const network = createNetwork({ kind: "mlp", layers: spec.layers, init: spec.init }, 3, [new Rng(3)]);
  assert.equal(network.mlp, undefined, "no written-out backward pass with layer norm");
  assert.deepEqual([...network.namedVariables("D").keys()].slice(-2), ["D/1/gamma", "D/1/beta"]);
  network.dispose();
  const plain = createNetwork(mlp(2, 4, "relu", 1, "he-uniform"), 3, [new Rng(3)]);
  assert.ok(plain.mlp !== undefined, "without layer norm the written-out path stays available");
  plain.dispose();
});

test("layer norm after a bias-free ReLU layer: the output is the same along a ray (t·x for t > 0)", () => {
  const net = createMlp(spec, [new Rng(4)]);
  const x = [0.7, -0.2, 1.3];
  const ys = [0.05, 1, 40].map((t) => Array.from(tf.tidy(() => mlpForward(net, tf.tensor3d([[x.map((v) => t * v)]]), "plain")).dataSync()));
  ys.slice(1).forEach((y, i) => y.forEach((v, j) => close(v, ys[0][j], 1e-3, `t index ${i + 1}, output ${j}`)));
  // without the norm, a bias-free ReLU network is positively homogeneous: f(t·x) = t·f(x)
  const bare = createMlp({ ...spec, layers: spec.layers.map(({ units, activation }) => ({ units, activation })) }, [new Rng(4)]);
  const f = (t: number) => Array.from(tf.tidy(() => mlpForward(bare, tf.tensor3d([[x.map((v) => t * v)]]), "plain")).dataSync());
  f(3).forEach((v, j) => close(v, 3 * f(1)[j], 1e-5, `homogeneous ${j}`));
  disposeMlp(net);
  disposeMlp(bare);
});

test("withLayerNorm: hidden layers of an MLP, the conv blocks of a DCGAN discriminator; refuses a generator", () => {
  const d = withLayerNorm(mlp(3, 8, "relu", 16, "he-uniform"));
  assert.equal(d.kind, "mlp");
  if (d.kind === "mlp") assert.deepEqual(d.layers.map((l) => l.norm), ["layer", "layer", "layer", undefined]);
  const conv = withLayerNorm(dcganDigits("x", [{ latentDim: 4, seed: 1 }]).discriminator);
  assert.equal(conv.kind === "dcgan-discriminator" && conv.norm, "layer");
  assert.throws(() => withLayerNorm({ kind: "dcgan-generator", width: 8, kernel: 5, init: "dcgan-normal" }), /a dcgan-generator has no layer-norm option/);
});

test("a Sphere GAN with a layer-normed MLP discriminator: the auto route (autodiff) equals autodiff", () => {
  const base = sphereGan(tiny({ members: [{ latentDim: 3, seed: 1 }, { latentDim: 3, seed: 2 }] }), 6, 3);
  const model = createGanModel({ ...base, discriminator: withLayerNorm(base.discriminator) });
  const real = tf.randomNormal([2, 8, 2], 0, 1, "float32", 1) as tf.Tensor3D;
  const z = tf.randomNormal([2, 8, 3], 0, 1, "float32", 2) as tf.Tensor3D;
  const pairs = [
    [discriminatorGradients(model, { real, z }, "auto"), discriminatorGradients(model, { real, z }, "autodiff")],
    [generatorGradients(model, { z }, "auto"), generatorGradients(model, { z }, "autodiff")],
  ];
  assert.equal(pairs[0][0].grads.length, model.discriminator.variables.length);
  for (const [a, b] of pairs) {
    a.grads.forEach((g, i) => {
      const ga = g.dataSync(), gb = b.grads[i].dataSync();
      ga.forEach((v, j) => close(v, gb[j], 1e-6, `gradient ${i}[${j}]`));
    });
    assert.ok(a.grads.some((g) => g.dataSync().some((v) => v !== 0)), "gradients are not all zero");
    tf.dispose([...a.grads, ...b.grads, ...Object.values(a.kept), ...Object.values(b.kept)]);
  }
  tf.dispose([real, z]);
  disposeGanModel(model);
});
