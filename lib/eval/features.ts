/**
 * Images through a trained {@link SmallCnn}: class probabilities and the Fréchet distance in its
 * penultimate-layer feature space φ (lib/eval/frechet.ts). Images are flat, n·784 values in
 * [−1, 1] (image i at i·784, row-major), the layout of lib/data/mnist.ts, lib/data/sprites.ts
 * and the generators' outputs.
 *
 *   FD(A, B) = ‖μ_A − μ_B‖² + Tr(Σ_A + Σ_B − 2(Σ_AΣ_B)^½),  μ, Σ of φ(A) and φ(B), each [F], [F, F]
 *
 * The estimate is biased upwards at finite n (two samples of one distribution give FD > 0), so
 * compare FDs computed from the same number of images, and read them against the floor
 * FD(real, real′) of two disjoint real sets of that size.
 */
import * as tf from "@tensorflow/tfjs";
import { cnnFeatures, cnnOutputs, mapImageBatches, type SmallCnn } from "./cnn";
import { frechetDistance, gaussianStats, type GaussianStats } from "./frechet";
import { softmaxRows } from "./predictions";

/** φ(x) of every image → [n, F] row-major. */
export function imageFeatures(net: SmallCnn, images: ArrayLike<number>): Float32Array {
  return mapImageBatches(images, (x) => cnnFeatures(net, x)).values;
}

/** Raw outputs of every image → [n, O] row-major. */
export function imageOutputs(net: SmallCnn, images: ArrayLike<number>): Float32Array {
  return mapImageBatches(images, (x) => cnnOutputs(net, x)).values;
}

/** Softmax of the first `classes` outputs of every image → [n, classes] (the class probabilities). */
export function classProbabilities(net: SmallCnn, images: ArrayLike<number>, classes = net.spec.outputs): Float64Array {
  if (!(Number.isInteger(classes) && classes >= 2 && classes <= net.spec.outputs)) throw new Error(`classProbabilities: classes ${classes} not in 2..${net.spec.outputs}`);
  const logits = mapImageBatches(images, (x) => tf.slice(cnnOutputs(net, x), [0, 0], [-1, classes])).values;
  return softmaxRows(logits, classes);
}

/** μ and Σ of φ over the images (float64). */
export function featureStats(net: SmallCnn, images: ArrayLike<number>): GaussianStats {
  return gaussianStats(imageFeatures(net, images), net.spec.features);
}

/** FD between two image sets (or their precomputed statistics) in the feature space of `net`. */
export function imageFrechetDistance(net: SmallCnn, a: ArrayLike<number> | GaussianStats, b: ArrayLike<number> | GaussianStats): number {
  const stats = (s: ArrayLike<number> | GaussianStats) => ("cov" in s ? s : featureStats(net, s));
  return frechetDistance(stats(a), stats(b));
}
