/**
 * The small parts of lib/eval against independent oracles, on the cpu backend:
 * - predictions: softmax against exp/Σexp in float64 (and shift invariance on huge logits),
 *   argmax, confidence, accuracy, label changes along open and closed walks;
 * - degrade: the blur kernel (sums to 1, symmetric), a blank image stays blank, a one-pixel
 *   dot blurs into −1 + 2·g(dy)g(dx) (separable closed form), σ = 0 noise is the identity and
 *   noise stays in [−1, 1] with the drawn standard deviation away from the clip;
 * - supervised: permutations are permutations, epoch batches cover the training set once per
 *   epoch and depend on the step alone, cross-entropy against −log softmax in float64;
 * - cnn: feature-map sides, output shapes, batched read-out equal to one pass, stable variable
 *   names, bad specs and inputs rejected; shiftImages against a direct index formula;
 * - a supervised run through the training loop: interrupted at step 2 and resumed from its
 *   checkpoint, it ends with exactly the weights of an uninterrupted run; no tensor leaks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { shiftImages } from "../../lib/eval/classifier";
import { cnnFeatures, cnnOutputs, createSmallCnn, disposeSmallCnn, mapImageBatches, mapSide, namedSmallCnnVariables, type SmallCnnSpec } from "../../lib/eval/cnn";
import { addGaussianNoise, gaussianBlur, gaussianKernel } from "../../lib/eval/degrade";
import { accuracy, labelChanges, maxProbabilities, meanMaxProbability, predictedLabels, softmaxRows } from "../../lib/eval/predictions";
import { crossEntropy, epochIndices, permutation, trainSupervised, type StepLoss, type SupervisedConfig } from "../../lib/eval/supervised";
import { adam } from "../../lib/train/optimizers";
import { Rng } from "../../lib/util/rng";

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
}

test("softmax, argmax, confidence, accuracy and label changes", () => {
  const logits = [1, 2, 3, 0, 0, 0, 1000, 999, -5];
  const p = softmaxRows(logits, 3);
  const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
  [Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z, 1 / 3, 1 / 3, 1 / 3].forEach((v, i) => close(p[i], v, 1e-15, `p[${i}]`));
  close(p[6], 1 / (1 + Math.exp(-1) + Math.exp(-1005)), 1e-15, "huge logits (shift invariance)");
  assert.deepEqual([...predictedLabels(p, 3)], [2, 0, 0]);
  const conf = maxProbabilities(p, 3);
  close(conf[1], 1 / 3, 1e-15, "uniform row");
  close(meanMaxProbability(p, 3), (conf[0] + conf[1] + conf[2]) / 3, 1e-15, "mean confidence");
  assert.equal(accuracy([2, 0, 1, 1], [2, 1, 1, 1]), 0.75);
  assert.throws(() => accuracy([1], [1, 2]), /1 predictions for 2 labels/);
  assert.throws(() => softmaxRows([1, 2, 3], 2), /3 logits do not form rows of 2 classes/);
  assert.equal(labelChanges([3, 3, 5, 5, 3]), 2);
  assert.equal(labelChanges([3, 3, 5, 5, 4], true), 3);
  assert.equal(labelChanges([7, 7, 7], true), 0);
});

test("blur: kernel sums to 1, blank stays blank, a dot blurs into −1 + 2·g(dy)·g(dx)", () => {
  for (const s of [0.5, 1, 2.5]) {
    const g = gaussianKernel(s);
    close(g.reduce((a, b) => a + b, 0), 1, 1e-14, `Σg (s = ${s})`);
    g.forEach((v, i) => assert.equal(v, g[g.length - 1 - i]));
  }
  const blank = new Float32Array(2 * 784).fill(-1);
  assert.ok(gaussianBlur(blank, 1.5).every((v) => Math.abs(v + 1) < 1e-6));
  const dot = new Float32Array(784).fill(-1);
  dot[14 * 28 + 13] = 1; // ink +2 above the background
  const s = 1.2;
  const g = gaussianKernel(s);
  const r = (g.length - 1) / 2;
  const out = gaussianBlur(dot, s);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
    const dy = y - 14;
    const dx = x - 13;
    const expected = Math.abs(dy) <= r && Math.abs(dx) <= r ? -1 + 2 * g[dy + r] * g[dx + r] : -1;
    close(out[y * 28 + x], expected, 1e-6, `(${y}, ${x})`);
  }
  assert.deepEqual(gaussianBlur(dot, 0), dot);
  assert.throws(() => gaussianKernel(0), /width s 0 must be > 0/);
  assert.throws(() => gaussianBlur(new Float32Array(100), 1), /100 values is not a multiple of 784/);
});

test("noise: σ = 0 is the identity, values stay in [−1, 1], the drawn σ away from the clip", () => {
  const rng = new Rng(1);
  const x = Float32Array.from(rng.uniformArray(3 * 784, -1, 1));
  assert.deepEqual(addGaussianNoise(x, 0, new Rng(2)), x);
  const noisy = addGaussianNoise(x, 0.5, new Rng(2));
  assert.ok(noisy.every((v) => v >= -1 && v <= 1));
  const grey = new Float32Array(20 * 784);
  const d = addGaussianNoise(grey, 0.05, new Rng(3));
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
  assert.ok(Math.abs(mean) < 0.002 && Math.abs(sd - 0.05) < 0.002, `mean ${mean}, sd ${sd}`);
  assert.throws(() => addGaussianNoise(x, -1, rng), /sigma -1 must be >= 0/);
});

test("permutations and epoch batches: each epoch visits every item once, batches depend on the step alone", () => {
  const p = permutation(50, new Rng(4));
  assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  const n = 103;
  const batch = 10;
  const at = epochIndices(n, batch, 7);
  for (const epoch of [0, 1]) {
    const seen = new Set<number>();
    for (let s = epoch * 10; s < epoch * 10 + 10; s++) for (const i of at(s)) seen.add(i);
    assert.equal(seen.size, 100, `epoch ${epoch}: 10 batches of 10 distinct items`);
  }
  assert.notDeepEqual(at(0), at(10), "a new permutation per epoch");
  assert.deepEqual(epochIndices(n, batch, 7)(13), at(13), "step 13 alone gives the same batch");
  assert.throws(() => epochIndices(5, 10, 0), /batch 10 is larger than the training set \(5 items\)/);
});

test("cross-entropy against −mean log softmax[class] in float64", async () => {
  await selectBackend("cpu");
  const logits = [0.2, -1, 3, 1, 1, 1, -2, 0.5, 0.1];
  const classes = [2, 0, 1];
  const p = softmaxRows(logits, 3);
  const expected = -classes.reduce((s, c, i) => s + Math.log(p[i * 3 + c]), 0) / 3;
  const ce = tf.tidy(() => crossEntropy(tf.tensor2d(logits, [3, 3]), tf.tensor1d(classes, "int32")).dataSync()[0]);
  close(ce, expected, 1e-6, "cross-entropy");
});

test("small CNN: shapes, batched read-out equals one pass, stable names, bad specs and inputs rejected", async () => {
  await selectBackend("cpu");
  assert.deepEqual([0, 1, 2, 3].map(mapSide), [28, 14, 7, 4]);
  const spec: SmallCnnSpec = { kind: "small-cnn", channels: [4, 8], kernel: 3, features: 6, outputs: 5, init: "he-normal" };
  const before = tf.memory().numTensors;
  const net = createSmallCnn(spec, new Rng(5));
  assert.deepEqual(net.hidden.w.shape, [1, 7 * 7 * 8, 6]);
  assert.deepEqual([...namedSmallCnnVariables(net, "net").keys()], ["net/conv0/w", "net/conv0/b", "net/conv1/w", "net/conv1/b", "net/hidden/w", "net/hidden/b", "net/head/w", "net/head/b"]);
  const images = Float32Array.from(new Rng(6).uniformArray(7 * 784, -1, 1));
  const whole = tf.tidy(() => cnnOutputs(net, tf.tensor4d(images, [7, 28, 28, 1])).dataSync());
  const batched = mapImageBatches(images, (x) => cnnOutputs(net, x), 3);
  assert.equal(batched.width, 5);
  batched.values.forEach((v, i) => close(v, whole[i], 1e-5, `output ${i}`));
  const features = tf.tidy(() => cnnFeatures(net, tf.tensor2d(images, [7, 784])).arraySync());
  assert.ok(features.flat().every((v) => v >= 0), "features are after the ReLU");
  assert.throws(() => tf.tidy(() => cnnOutputs(net, tf.zeros([2, 27, 28, 1]) as tf.Tensor4D)), /\[2,27,28,1\] is not \[B, 784\]/);
  disposeSmallCnn(net);
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  assert.throws(() => createSmallCnn({ ...spec, channels: [] }, new Rng(0)), /channels \[\] must be a non-empty list/);
  assert.throws(() => createSmallCnn({ ...spec, features: 0 }, new Rng(0)), /features 0 is not an integer >= 1/);
});

test("shiftImages: out(r, c) = in(r − dy, c − dx), background −1 where uncovered", () => {
  const x = Float32Array.from(new Rng(8).uniformArray(2 * 784, -1, 1));
  const dx = [2, -1];
  const dy = [-2, 1];
  const out = shiftImages(x, dx, dy);
  for (let i = 0; i < 2; i++) for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) {
    const sr = r - dy[i];
    const sc = c - dx[i];
    const expected = sr >= 0 && sr < 28 && sc >= 0 && sc < 28 ? x[i * 784 + sr * 28 + sc] : -1;
    assert.equal(out[i * 784 + r * 28 + c], expected);
  }
});

test("supervised run: stopped at step 2 and resumed gives the weights of an uninterrupted run; no leaks", async () => {
  await selectBackend("cpu");
  const config: SupervisedConfig = {
    name: "tiny-supervised",
    steps: 4,
    logEvery: 2,
    checkpointEvery: 2,
    network: { kind: "small-cnn", channels: [2], kernel: 3, features: 3, outputs: 2, init: "he-normal" },
    optimizer: adam(1e-2, 0.9),
    batch: 4,
    seed: 3,
    data: { name: "random-images" },
  };
  /** Step s: 4 random images from the stream of s, class = whether the mean pixel is positive. */
  const lossAt: StepLoss = (net, step) =>
    tf.tidy(() => {
      const x = Float32Array.from(new Rng(11).child(step).uniformArray(4 * 784, -1, 1));
      const classes = Int32Array.from({ length: 4 }, (_, i) => (x.subarray(i * 784, (i + 1) * 784).reduce((a, b) => a + b, 0) > 0 ? 1 : 0));
      return crossEntropy(cnnOutputs(net, tf.tensor2d(x, [4, 784])), tf.tensor1d(classes, "int32"));
    });
  const weights = (net: ReturnType<typeof createSmallCnn>) => [...namedSmallCnnVariables(net, "n").values()].map((v) => Array.from(v.dataSync()));
  const before = tf.memory().numTensors;
  const straight = await trainSupervised(config, lossAt);
  assert.equal(straight.logs.length, 3, "log records at steps 1, 2, 4");
  const w1 = weights(straight.model);
  disposeSmallCnn(straight.model);
  assert.equal(tf.memory().numTensors, before, "no tensor left after training and disposal");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-eval-supervised-"));
  try {
    const part = await trainSupervised(config, lossAt, { cacheDir: dir, stopAtStep: 2 });
    assert.equal(part.step, 2);
    disposeSmallCnn(part.model);
    const resumed = await trainSupervised(config, lossAt, { cacheDir: dir });
    assert.equal(resumed.source, "resumed");
    assert.deepEqual(weights(resumed.model), w1);
    disposeSmallCnn(resumed.model);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(tf.memory().numTensors, before);
});
