/**
 * The helpers notebook 04 adds to lib, each against an independent oracle:
 * - metrics/toy-quality: real samples of the WGAN-GP eight and 25 Gaussians cover every mode with
 *   ≈ 1 − e^{−9/2} of them within 3σ (closed form) and KL ≈ 0; a collapsed generator covers one
 *   mode and has a large KL(data‖G) (must fail a "covers every mode" check);
 * - stats/timeline: hand-computed interpolations, ends exact, no extrapolation;
 * - verdict/spread: absolute deviations from the median by hand; a group that spreads less is
 *   confirmed against one that spreads 10× more, the reverse claim is not (must fail), equal
 *   spreads stay undecided;
 * - train/timing: one duration per timed step, warm-up steps run first, step indices in order;
 * - data/mnist mnistRealData: every sampled row is one of the chosen images.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { toyQuality } from "../../lib/metrics/toy-quality";
import { wgan25Gaussians, wgan8Gaussians } from "../../lib/toy/datasets";
import { interpolateAt } from "../../lib/stats/timeline";
import { absoluteDeviations, median, spreadRule } from "../../lib/verdict/spread";
import { stepTimes } from "../../lib/train/timing";
import type { Trainable } from "../../lib/train/run";
import { loadMnist, mnistRealData, MNIST_PIXELS } from "../../lib/data/mnist";
import { Rng } from "../../lib/util/rng";

const HIGH_QUALITY_REAL = 1 - Math.exp(-4.5); // P(‖x − c‖ ≤ 3σ) for an isotropic 2-D Gaussian

test("toyQuality: real samples cover every mode, ≈ 98.9 % within 3σ, KL ≈ 0 both ways", () => {
  for (const ds of [wgan8Gaussians, wgan25Gaussians]) {
    const real = ds.sample(5000, new Rng(1)), other = ds.sample(5000, new Rng(2));
    const q = toyQuality(ds, real, other);
    assert.equal(q.modes_covered, ds.modes.length, ds.name);
    assert.ok(Math.abs(q.high_quality - HIGH_QUALITY_REAL) < 0.01, `${ds.name}: high quality ${q.high_quality}`);
    assert.ok(Math.abs(q.kl_data_model) < 0.05 && Math.abs(q.kl_model_data) < 0.05, `${ds.name}: KL ${q.kl_data_model}, ${q.kl_model_data}`);
  }
});

test("toyQuality: a generator collapsed onto one mode covers one mode and has a large KL(data‖G) (must fail 'every mode')", () => {
  const rng = new Rng(3);
  const [cx, cy] = wgan8Gaussians.modes[2];
  const s = wgan8Gaussians.modeStd!;
  const collapsed = Float64Array.from({ length: 4000 }, (_, i) => (i % 2 === 0 ? cx : cy) + s * rng.normal());
  const q = toyQuality(wgan8Gaussians, wgan8Gaussians.sample(2000, new Rng(4)), collapsed);
  assert.equal(q.modes_covered, 1);
  assert.ok(q.modes_covered < wgan8Gaussians.modes.length, "the collapsed generator must not pass 'covers every mode'");
  assert.ok(q.kl_data_model > 2, `KL(data‖G) ${q.kl_data_model}`);
  assert.throws(() => toyQuality({ name: "spiral", modes: [], modeStd: undefined }, [0, 0], [0, 0]), /dataset "spiral" has no isolated modes/);
});

test("interpolateAt: linear between records, exact at records, refuses to extrapolate", () => {
  const xs = [0, 10, 30], ys = [1, 3, -1];
  assert.equal(interpolateAt(xs, ys, 0), 1);
  assert.equal(interpolateAt(xs, ys, 5), 2);
  assert.equal(interpolateAt(xs, ys, 10), 3);
  assert.equal(interpolateAt(xs, ys, 25), 0);
  assert.equal(interpolateAt(xs, ys, 30), -1);
  assert.throws(() => interpolateAt(xs, ys, 31), /x = 31 outside the recorded range \[0, 30\]/);
  assert.throws(() => interpolateAt([0, 0], [1, 2], 0), /must increase strictly/);
  assert.throws(() => interpolateAt([0, 1], [1], 0), /2 positions and 1 values/);
});

test("spread: deviations from the median by hand; less spread confirmed, the reverse not (must fail), equal undecided", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.deepEqual(absoluteDeviations({ name: "x", values: [1, 2, 6] }).values, [1, 0, 4]);
  const tight = { name: "tight", values: [5.0, 5.1, 4.9, 5.05, 4.95] };
  const loose = { name: "loose", values: [3, 7, 5, 1, 9] };
  assert.equal(spreadRule("tight is more stable", tight, "less", loose).verdict, "confirmed");
  assert.equal(spreadRule("loose is more stable", loose, "less", tight).verdict, "not confirmed");
  const shifted = { name: "shifted", values: loose.values.map((v) => v + 100) };
  assert.equal(spreadRule("same spread", loose, "less", shifted).verdict, "undecided");
  assert.throws(() => spreadRule("one seed", { name: "a", values: [1] }, "less", loose), /at least two values per group/);
});

test("stepTimes: warm-up steps first, then one duration per timed step, in step order", () => {
  const seen: number[] = [];
  const t: Trainable<null> = {
    schedule: { name: "fake", steps: 100, logEvery: 1, checkpointEvery: 100 },
    identity: {},
    model: null,
    memberLabels: [{}],
    checkpointTensors: () => new Map(),
    counters: () => ({}),
    restoreCounters: () => undefined,
    step: (s) => {
      seen.push(s);
      return { loss: tf.scalar(s) };
    },
    dispose: () => undefined,
  };
  const before = tf.memory().numTensors;
  const times = stepTimes(t, { warmup: 2, steps: 3 });
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
  assert.equal(times.length, 3);
  assert.ok(times.every((ms) => ms >= 0 && Number.isFinite(ms)));
  assert.equal(tf.memory().numTensors, before, "step values are disposed");
  assert.throws(() => stepTimes(t, { warmup: 0, steps: 0 }), /steps must be an integer ≥ 1, got 0/);
});

test("mnistRealData: every sampled row is one of the chosen images, drawn by the seeded stream", () => {
  const set = loadMnist();
  const chosen = [5, 1234, 9999];
  const data = mnistRealData("three-digits", set, chosen);
  const x = data.sample(12, new Rng(7));
  assert.equal(x.length, 12 * MNIST_PIXELS);
  for (let k = 0; k < 12; k++) {
    const row = x.subarray(k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS);
    const match = chosen.filter((i) => set.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS).every((v, p) => v === row[p]));
    assert.equal(match.length, 1, `row ${k} is one of the chosen images`);
  }
  assert.deepEqual(Array.from(data.sample(12, new Rng(7))), Array.from(x), "same stream, same rows");
  assert.throws(() => mnistRealData("bad", set, [10000]), /index 10000 not in 0..9999/);
});
