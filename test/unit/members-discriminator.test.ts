/**
 * Evaluating ensemble members one by one (lib/train/members.ts), D's input gradients against
 * central finite differences of its own scores, the discriminator statistics
 * (lib/metrics/discriminator.ts) against closed forms, and the figure data of a trained toy GAN
 * (lib/metrics/toy-view.ts) with its folder written and read back.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { discriminateMembers, discriminatorGradients, generateMembers } from "../../lib/train/members";
import { discriminatorStats, generatorPush, meanRowNorm, memberPush, scoreGap } from "../../lib/metrics/discriminator";
import { loadToyRun, saveToyRun, toyPanel } from "../../lib/metrics/toy-view";
import { Rng } from "../../lib/util/rng";
import { tiny } from "../helpers/tiny-gan";

const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));
/** Two members of different latent widths, so a member's rows must not leak into another's. */
const config = tiny({ members: [{ latentDim: 1, seed: 3 }, { latentDim: 3, seed: 4 }], denseMode: "plain" });

for (const denseMode of ["plain", "fast"] as const) test(`discriminatorGradients (${denseMode} dense layers): logits equal discriminateMembers; gradients equal central differences, per member`, () => {
  const model = createGanModel({ ...config, denseMode });
  const n = 6, rng = new Rng(1);
  const xs = [rng.normalArray(2 * n), rng.normalArray(2 * n)];
  const { logits, gradients } = discriminatorGradients(model, xs, n);
  const direct = discriminateMembers(model, xs, n);
  const h = 1e-3;
  xs.forEach((x, k) => {
    for (let i = 0; i < n; i++) {
      assert.ok(Math.abs(logits[k][i] - direct[k][i]) < 1e-6);
      for (let j = 0; j < 2; j++) {
        const plus = Float32Array.from(x), minus = Float32Array.from(x);
        plus[2 * i + j] += h;
        minus[2 * i + j] -= h;
        const both = (v: Float32Array) => discriminateMembers(model, xs.map((o, m) => (m === k ? v : o)), n)[k][i];
        const fd = (both(plus) - both(minus)) / (2 * h);
        assert.ok(Math.abs(gradients[k][2 * i + j] - fd) < 2e-3 * Math.max(1, Math.abs(fd)), `member ${k} point ${i} coord ${j}: ${gradients[k][2 * i + j]} vs ${fd}`);
      }
    }
  });
  assert.throws(() => discriminatorGradients(model, [xs[0]], n), /1 inputs for 2 members/);
  disposeGanModel(model);
});

test("scoreGap, meanRowNorm and generatorPush in closed form", () => {
  assert.ok(Math.abs(scoreGap([Math.log(3)], [-Math.log(3)]) - 0.5) < 1e-15); // 0.75 − 0.25
  assert.equal(scoreGap([0, 0], [0]), 0);
  assert.equal(scoreGap([Infinity], [-Infinity]), 1);
  assert.ok(Math.abs(meanRowNorm([3, 4, 0, 1], 2) - 3) < 1e-15);
  // s(x) = w·x: the non-saturating loss −log σ(w·x) has −∇ₓ = (1 − σ(w·x))·w
  const w = [0.5, -2], x = [0.3, 0.1];
  const s = w[0] * x[0] + w[1] * x[1];
  const push = generatorPush([s], w);
  const loss = (v: number[]) => -Math.log(sigmoid(w[0] * v[0] + w[1] * v[1]));
  for (let j = 0; j < 2; j++) {
    const e = [0, 0];
    e[j] = 1e-6;
    const fd = (loss([x[0] + e[0], x[1] + e[1]]) - loss([x[0] - e[0], x[1] - e[1]])) / 2e-6;
    assert.ok(Math.abs(push[j] - -fd) < 1e-6, `${push[j]} vs ${-fd}`);
  }
  assert.throws(() => scoreGap([], [1]), /scores on both sets/);
});

test("discriminatorStats and memberPush of a model agree with its scores and gradients", () => {
  const model = createGanModel(config);
  const n = 50, rng = new Rng(2);
  const real = rng.normalArray(2 * n), fakes = [rng.normalArray(2 * n), rng.normalArray(2 * n)];
  const stats = discriminatorStats(model, real, fakes, n);
  const onReal = discriminateMembers(model, [real, real], n), onFake = discriminateMembers(model, fakes, n);
  const g = discriminatorGradients(model, [real, real], n).gradients;
  for (let k = 0; k < 2; k++) {
    const want = onReal[k].reduce((a, v) => a + sigmoid(v), 0) / n - onFake[k].reduce((a, v) => a + sigmoid(v), 0) / n;
    assert.ok(Math.abs(stats.gap[k] - want) < 1e-6);
    assert.ok(Math.abs(stats.slope[k] - meanRowNorm(g[k], 2)) < 1e-9);
  }
  const push = memberPush(model, 1, fakes[1], n);
  const own = discriminatorGradients(model, fakes, n);
  const expected = generatorPush(own.logits[1], own.gradients[1]);
  push.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-6));
  disposeGanModel(model);
});

test("toyPanel: samples are G(noise), the heat map σ(D) at the cell centres, the manifold a curve or grid lines; the folder reads back", () => {
  const model = createGanModel(config);
  const before = tf.memory().numTensors;
  const noise1 = new Rng(3).normalArray(40), noise3 = new Rng(4).normalArray(120);
  const p1 = toyPanel(model, 0, "test-gauss", 3, noise1, { heatCells: 8, curvePoints: 33 });
  const p3 = toyPanel(model, 1, "test-gauss", 3, noise3, { heatCells: 8, gridLines: 5, pointsPerLine: 9 });
  assert.equal(tf.memory().numTensors, before, "no tensors left behind");
  const g = generateMembers(model, [noise1, noise3], 40);
  p1.samples.forEach((v, i) => assert.equal(v, g[0][i]));
  assert.deepEqual([p1.latentDim, p1.seed, p3.latentDim, p3.seed], [1, 3, 3, 4]);
  assert.equal(p1.heat.z.length, 64);
  const centres = new Float32Array(128);
  for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) [centres[2 * (r * 8 + c)], centres[2 * (r * 8 + c) + 1]] = [-3 + (c + 0.5) * 0.75, -3 + (r + 0.5) * 0.75];
  const d = discriminateMembers(model, [centres, centres], 64, { sigmoid: true });
  p3.heat.z.forEach((v, i) => assert.ok(Math.abs(v - d[1][i]) < 1e-6));
  assert.equal(p1.manifold.length, 1);
  assert.equal(p1.manifold[0].x.length, 33);
  assert.equal(p3.manifold.length, 10);
  assert.equal(p3.manifold[0].x.length, 9);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-toy-run-"));
  assert.equal(loadToyRun(dir), undefined, "an empty folder holds no run");
  const info = { steps: 8, backend: tf.getBackend(), stepsRun: 8, seconds: 1.5, written: "2026-12-03T00:00:00Z", cpu: "test" };
  const metrics = [{ dataset: "test-gauss", latent_dim: 1, seed: 3, kl: 0.123456789 }];
  saveToyRun(dir, { info, panels: [p1, p3], metrics, training: [{ step: 4, member: 0, d_gap: 0.25 }] });
  const back = loadToyRun(dir)!;
  assert.deepEqual(back.info, info);
  assert.deepEqual(back.metrics, metrics, "metrics keep full precision");
  assert.deepEqual(back.training, [{ step: 4, member: 0, d_gap: 0.25 }]);
  back.panels[0].samples.forEach((v, i) => assert.ok(Math.abs(v - p1.samples[i]) <= 5e-4 * Math.abs(p1.samples[i]) + 1e-12));
  assert.equal(back.panels[1].manifold.length, 10);
  fs.writeFileSync(path.join(dir, "run.json"), JSON.stringify({ ...info, steps: "8" }));
  assert.throws(() => loadToyRun(dir), /run\.json: "steps" is "8", expected a number/);
  fs.rmSync(dir, { recursive: true });
  disposeGanModel(model);
});
