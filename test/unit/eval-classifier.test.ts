/**
 * The MNIST evaluation kit end to end on the native backend (skipped with the reason when
 * @tensorflow/tfjs-node does not load, failed instead under REQUIRE_NATIVE=1; wasm has no conv
 * backward kernel). A smaller classifier than the notebooks' (channels 16, 32; 500 steps, no
 * shifts) is trained once through the training loop into a temporary cache dir, then:
 * - held-out accuracy ≥ 0.95 (chance: 0.1), checked against a second read-out (tf.argMax of the
 *   logits); the untrained network fails the same floor; the checkpoint is reused;
 * - FD in its 64 penultimate features: FD(A, A) ≈ 0; the floor FD(A, A′) of two disjoint real
 *   sets; FD strictly increasing with Gaussian noise and with blur; two failing "generators"
 *   (one repeated digit, uniform noise) far above the floor.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { loadMnist } from "../../lib/data/mnist";
import { classifierAccuracy, classifierConfig, mnistSplit, mnistSubset, trainMnistClassifier, type MnistClassifier } from "../../lib/eval/classifier";
import { cnnOutputs, createSmallCnn, disposeSmallCnn, type SmallCnnSpec } from "../../lib/eval/cnn";
import { addGaussianNoise, gaussianBlur } from "../../lib/eval/degrade";
import { featureStats, imageFrechetDistance } from "../../lib/eval/features";
import { Rng } from "../../lib/util/rng";

const TEST_NETWORK: SmallCnnSpec = { kind: "small-cnn", channels: [16, 32], kernel: 5, features: 64, outputs: 10, init: "he-normal" };
const testConfig = classifierConfig({ name: "mnist-classifier-test", steps: 500, network: TEST_NETWORK, maxShift: 0 });
const ACCURACY_FLOOR = 0.95;

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-eval-classifier-"));
process.on("exit", () => fs.rmSync(cacheDir, { recursive: true, force: true }));

/** The trained test classifier, or why the native backend is missing. */
const ready: Promise<MnistClassifier | string> = (async () => {
  try {
    await selectBackend("tensorflow");
  } catch (e) {
    if (process.env.REQUIRE_NATIVE === "1") throw e;
    return `native backend unavailable: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
  }
  return trainMnistClassifier(testConfig, { cacheDir });
})();

async function classifier(t: { skip(reason: string): void }): Promise<MnistClassifier | undefined> {
  const c = await ready;
  if (typeof c === "string") {
    t.skip(c);
    return undefined;
  }
  return c;
}

const heldOut = () => mnistSubset(mnistSplit().test);

test("the fixed split: 8,000 train and 2,000 test digits, disjoint, every digit in both, the same on every call", () => {
  const set = loadMnist();
  const a = mnistSplit(set);
  const b = mnistSplit(set);
  assert.equal(a.train.length, 8000);
  assert.equal(a.test.length, 2000);
  assert.deepEqual(a.test, b.test);
  const seen = new Uint8Array(set.n);
  for (const i of [...a.train, ...a.test]) seen[i]++;
  assert.ok(seen.every((v) => v === 1), "train and test cover 0..9999 once each");
  for (let d = 0; d < 10; d++) {
    const count = a.test.filter((i) => set.labels[i] === d).length;
    assert.ok(count > 120 && count < 300, `digit ${d}: ${count} of 2,000 test digits`);
  }
});

test(`held-out accuracy ≥ ${ACCURACY_FLOOR} (chance 0.1); an untrained network fails the floor; the checkpoint is reused`, async (t) => {
  const c = await classifier(t);
  if (!c) return;
  const { images, labels } = heldOut();
  assert.ok(c.testAccuracy >= ACCURACY_FLOOR, `held-out accuracy ${c.testAccuracy}`);
  // a second read-out of the same predictions: tf.argMax on the logits
  const argmax = tf.tidy(() => tf.argMax(cnnOutputs(c.net, tf.tensor2d(images, [labels.length, 784])), 1).dataSync());
  const hits = labels.filter((l, i) => argmax[i] === l).length;
  assert.equal(c.testAccuracy, hits / labels.length);
  console.log(`test classifier: held-out accuracy ${c.testAccuracy}, trained in ${c.seconds.toFixed(1)} s (${c.source})`);

  const untrained = createSmallCnn(testConfig.network, new Rng(testConfig.seed).child("init"));
  const chance = classifierAccuracy(untrained, images, labels);
  disposeSmallCnn(untrained);
  assert.ok(chance < 0.3, `untrained accuracy ${chance} should be near chance`);

  const again = await trainMnistClassifier(testConfig, { cacheDir });
  assert.equal(again.source, "cache");
  assert.equal(again.testAccuracy, c.testAccuracy);
  disposeSmallCnn(again.net);
});

test("Fréchet distance: FD(A, A) ≈ 0, the floor FD(A, A′), monotone in noise and blur, failing generators far above", async (t) => {
  const c = await classifier(t);
  if (!c) return;
  const { images } = heldOut();
  const half = 1000 * 784;
  const a = images.subarray(0, half);
  const ref = featureStats(c.net, images.subarray(half));
  const sa = featureStats(c.net, a);
  const trace = sa.cov.reduce((s, v, i) => s + (i % (sa.dim + 1) === 0 ? v : 0), 0);
  const self = imageFrechetDistance(c.net, sa, sa);
  assert.ok(Math.abs(self) < 1e-8 * trace, `FD(A, A) = ${self} (Tr Σ = ${trace})`);

  const floor = imageFrechetDistance(c.net, sa, ref);
  const fromTrain = imageFrechetDistance(c.net, mnistSubset(mnistSplit().train.subarray(0, 1000)).images, ref);
  assert.ok(floor > 0 && floor < 0.05 * trace, `floor FD(A, A′) = ${floor}, Tr Σ = ${trace}`);
  assert.ok(fromTrain < 2 * floor + 0.01 * trace, `training digits vs held-out ${fromTrain}, floor ${floor}`);

  const rng = new Rng(9);
  const noise = [0.1, 0.25, 0.5, 1].map((s) => imageFrechetDistance(c.net, addGaussianNoise(a, s, rng), ref));
  const blur = [0.5, 1, 1.5, 2.5].map((s) => imageFrechetDistance(c.net, gaussianBlur(a, s), ref));
  console.log(`FD floor ${floor.toFixed(3)} (train vs test ${fromTrain.toFixed(3)}), Tr Σ ${trace.toFixed(2)}; noise σ 0.1…1: ${noise.map((v) => v.toFixed(2))}; blur 0.5…2.5 px: ${blur.map((v) => v.toFixed(2))}`);
  for (const [name, series] of [["noise", noise], ["blur", blur]] as const) {
    [floor, ...series].forEach((v, i, all) => i > 0 && assert.ok(v > all[i - 1], `${name}: FD not increasing at level ${i}: ${all}`));
  }

  const oneDigit = new Float32Array(half);
  for (let i = 0; i < 1000; i++) oneDigit.set(a.subarray(0, 784), i * 784);
  const uniform = Float32Array.from(new Rng(10).uniformArray(half, -1, 1));
  for (const [name, fake] of [["one repeated digit", oneDigit], ["uniform noise", uniform]] as const) {
    const fd = imageFrechetDistance(c.net, fake, ref);
    console.log(`FD of ${name}: ${fd.toFixed(2)}`);
    assert.ok(fd > 10 * floor, `${name}: FD ${fd} should be far above the floor ${floor}`);
  }
});
