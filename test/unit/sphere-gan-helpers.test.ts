/**
 * The helpers notebook 04 adds to lib, each against an independent oracle:
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
import { interpolateAt } from "../../lib/stats/timeline";
import { absoluteDeviations, median, spreadRule } from "../../lib/verdict/spread";
import { stepTimes } from "../../lib/train/timing";
import type { Trainable } from "../../lib/train/run";
import { loadMnist, mnistRealData, MNIST_PIXELS } from "../../lib/data/mnist";
import { Rng } from "../../lib/util/rng";

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
  const data = mnistRealData("three-digits", chosen, set);
  const x = data.sample(12, new Rng(7));
  assert.equal(x.length, 12 * MNIST_PIXELS);
  for (let k = 0; k < 12; k++) {
    const row = x.subarray(k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS);
    const match = chosen.filter((i) => set.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS).every((v, p) => v === row[p]));
    assert.equal(match.length, 1, `row ${k} is one of the chosen images`);
  }
  assert.deepEqual(Array.from(data.sample(12, new Rng(7))), Array.from(x), "same stream, same rows");
  assert.throws(() => mnistRealData("bad", [10000], set), /index 10000 at position 0 not in 0..9999/);
});
