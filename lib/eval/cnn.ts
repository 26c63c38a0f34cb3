/**
 * The small convolutional network behind the project's instruments (the MNIST classifier of
 * lib/eval/classifier.ts and the sprite factor reader of lib/eval/factor-reader.ts), one member,
 * on 28×28×1 images in [−1, 1]:
 *
 *   x [B, 28, 28, 1] → (conv k×k, stride 2, "same" → ReLU) per block: [B, 14, 14, c₁] → [B, 7, 7, c₂] …
 *     → flatten [B, h·h·c_last] → dense → ReLU = features φ(x) [B, F] → dense = outputs [B, O]
 *
 * φ(x), the penultimate layer, is the feature space of the Fréchet distance (lib/eval/frechet.ts);
 * the outputs are class logits (classifier) or logits and regression values (factor reader).
 * Built from lib/nn layers (conv2d, denseRows), weights drawn from a seeded Rng. No batch norm
 * and no dropout: an image's outputs never depend on its batch, and evaluation needs no mode.
 */
import * as tf from "@tensorflow/tfjs";
import { conv2d, createConv2d, type Conv2dParams } from "../nn/conv";
import { IMAGE_PIXELS, IMAGE_SIDE } from "../nn/dcgan";
import { createDense, denseRows, disposeDense, layerVariables, type DenseParams } from "../nn/dense";
import type { InitScheme } from "../nn/init";
import type { Rng } from "../util/rng";

export { IMAGE_PIXELS, IMAGE_SIDE } from "../nn/dcgan";

/** Plain JSON (hashed into checkpoint keys). */
export interface SmallCnnSpec {
  kind: "small-cnn";
  /** Output channels of each stride-2 conv block, e.g. [32, 64]: 28 → 14 → 7. */
  channels: number[];
  kernel: number;
  /** Width F of the penultimate layer φ(x). */
  features: number;
  /** Width O of the output layer. */
  outputs: number;
  init: InitScheme;
}

export interface SmallCnn {
  spec: SmallCnnSpec;
  convs: Conv2dParams[];
  /** [h·h·c_last] → [F] */
  hidden: DenseParams;
  /** [F] → [O] */
  head: DenseParams;
}

/** Side of the feature map after `blocks` stride-2 "same" convolutions of a 28-pixel side. */
export function mapSide(blocks: number): number {
  let side = IMAGE_SIDE;
  for (let i = 0; i < blocks; i++) side = Math.ceil(side / 2);
  return side;
}

function checkSpec(spec: SmallCnnSpec): void {
  const positive = (v: number) => Number.isInteger(v) && v >= 1;
  if (spec.channels.length === 0 || !spec.channels.every(positive)) throw new Error(`small-cnn: channels [${spec.channels}] must be a non-empty list of integers >= 1`);
  for (const key of ["kernel", "features", "outputs"] as const) {
    if (!positive(spec[key])) throw new Error(`small-cnn: ${key} ${spec[key]} is not an integer >= 1`);
  }
}

/** One network of `spec`, layer l drawing its weights from rng.child(label of l). */
export function createSmallCnn(spec: SmallCnnSpec, rng: Rng): SmallCnn {
  checkSpec(spec);
  let inC = 1;
  const convs = spec.channels.map((c, l) => {
    const p = createConv2d(rng.child(`conv${l}`), spec.init, spec.kernel, inC, c, 2);
    inC = c;
    return p;
  });
  const side = mapSide(spec.channels.length);
  return {
    spec,
    convs,
    hidden: createDense([rng.child("hidden")], spec.init, side * side * inC, spec.features),
    head: createDense([rng.child("head")], spec.init, spec.features, spec.outputs),
  };
}

/** Trainable variables in a fixed order: conv w, b per block, then hidden and head. */
export function smallCnnVariables(net: SmallCnn): tf.Variable[] {
  return [...layerVariables(net.convs), ...layerVariables([net.hidden, net.head])];
}

/** The variables by stable name, `<prefix>/conv0/w`, …, `<prefix>/head/b` (checkpoints). */
export function namedSmallCnnVariables(net: SmallCnn, prefix: string): Map<string, tf.Variable> {
  const names = [...net.convs.map((_, l) => `conv${l}`), "hidden", "head"];
  const vars = smallCnnVariables(net);
  return new Map(vars.map((v, i) => [`${prefix}/${names[Math.floor(i / 2)]}/${i % 2 === 0 ? "w" : "b"}`, v]));
}

export function disposeSmallCnn(net: SmallCnn): void {
  tf.dispose(net.convs.flatMap((c) => [c.w, c.b]));
  disposeDense(net.hidden);
  disposeDense(net.head);
}

/** Flat images [B, 784] or [B, 28, 28, 1] → [B, 28, 28, 1]. */
function asImages(x: tf.Tensor2D | tf.Tensor4D): tf.Tensor4D {
  if (x.rank === 4 && x.shape[1] === IMAGE_SIDE && x.shape[2] === IMAGE_SIDE && x.shape[3] === 1) return x as tf.Tensor4D;
  if (x.rank === 2 && x.shape[1] === IMAGE_PIXELS) return tf.reshape(x, [x.shape[0], IMAGE_SIDE, IMAGE_SIDE, 1]);
  throw new Error(`small-cnn: input of shape [${x.shape}] is not [B, ${IMAGE_PIXELS}] or [B, ${IMAGE_SIDE}, ${IMAGE_SIDE}, 1]`);
}

/** φ(x): images [B, 784] or [B, 28, 28, 1] → penultimate features [B, F] (after the ReLU). */
export function cnnFeatures(net: SmallCnn, x: tf.Tensor2D | tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    let h = asImages(x);
    for (const conv of net.convs) h = tf.relu(conv2d(conv, h));
    const flat = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
    return tf.relu(denseRows(net.hidden, flat));
  });
}

/** Outputs [B, O] of images [B, 784] or [B, 28, 28, 1]: the head applied to φ(x). */
export function cnnOutputs(net: SmallCnn, x: tf.Tensor2D | tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => denseRows(net.head, cnnFeatures(net, x)));
}

/**
 * `fn` applied to flat images `images` (n·784 values, image i at i·784) in batches of `batch`,
 * the rows of its [b, w] results joined → Float32Array n·w, row-major. Keeps memory bounded for
 * thousands of images.
 */
export function mapImageBatches(images: ArrayLike<number>, fn: (x: tf.Tensor2D) => tf.Tensor2D, batch = 500): { values: Float32Array; width: number } {
  if (images.length % IMAGE_PIXELS !== 0) throw new Error(`images: ${images.length} values is not a multiple of ${IMAGE_PIXELS} (28×28 pixels per image)`);
  const n = images.length / IMAGE_PIXELS;
  const flat = images instanceof Float32Array ? images : Float32Array.from(images);
  const parts: Float32Array[] = [];
  let width = 0;
  for (let start = 0; start < n; start += batch) {
    const b = Math.min(batch, n - start);
    const out = tf.tidy(() => fn(tf.tensor2d(flat.subarray(start * IMAGE_PIXELS, (start + b) * IMAGE_PIXELS), [b, IMAGE_PIXELS])));
    width = out.shape[1];
    parts.push(out.dataSync() as Float32Array);
    out.dispose();
  }
  const values = new Float32Array(n * width);
  let at = 0;
  for (const p of parts) {
    values.set(p, at);
    at += p.length;
  }
  return { values, width };
}
