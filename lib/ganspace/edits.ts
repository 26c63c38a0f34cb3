/**
 * GANSpace edits on a style-based generator (lib/nn/style.ts), as plain arrays in and out:
 *
 *   w = f(z), z ~ N(0, I)                         {@link sampleLatents}, {@link streamW}
 *   edit along v by offset t (= x·σ):  w' = w + t·v   fed to every layer, or
 *   layer-wise E(v, j–k): w' to layers j..k only, w to the others   {@link editImages}
 *   for a generator without w:  G(z + t·u)        {@link latentEditImages}
 *   an early layer's activations y(z)             {@link layerActivations}
 *
 * Images come back flat, [n, 784] row-major in [−1, 1] (the layout of lib/data/sprites.ts and of
 * the factor reader). Everything runs in batches of {@link BATCH} so memory stays bounded.
 */
import * as tf from "@tensorflow/tfjs";
import { layerwiseStyles, mapLatent, synthesize, type StyleGenerator } from "../nn/style";
import type { Rng } from "../util/rng";
import { CovarianceAccumulator, type CovarianceStats } from "./pca";

/** Samples per forward pass. */
export const BATCH = 500;

const PIXELS = 784;

/** A layer range j..k (inclusive, 0-based) of the synthesis network. */
export interface LayerRange {
  from: number;
  to: number;
}

/** w = f(z) for z [n, latent] row-major → [n, wDim]. */
export function mapRows(net: StyleGenerator, z: Float32Array): Float32Array {
  const m = net.spec.latentDim;
  if (z.length % m !== 0) throw new RangeError(`mapRows: ${z.length} values do not form latent rows of width ${m}`);
  const n = z.length / m;
  const out = new Float32Array(n * net.spec.wDim);
  for (let s = 0; s < n; s += BATCH) {
    const b = Math.min(BATCH, n - s);
    const w = tf.tidy(() => mapLatent(net, tf.tensor2d(z.subarray(s * m, (s + b) * m), [b, m])));
    out.set(w.dataSync(), s * net.spec.wDim);
    w.dispose();
  }
  return out;
}

/** n latent vectors z ~ N(0, I) drawn from `rng` and their w = f(z). */
export function sampleLatents(net: StyleGenerator, n: number, rng: Rng): { z: Float32Array; w: Float32Array } {
  const z = Float32Array.from(rng.normalArray(n * net.spec.latentDim));
  return { z, w: mapRows(net, z) };
}

/**
 * Mean and covariance of `n` samples of w (or of z itself, `space: "z"`), accumulated in chunks
 * of `chunk` and never held together: the route to the reference's N = 10⁶.
 */
export function streamCovariance(net: StyleGenerator, n: number, rng: Rng, space: "w" | "z" = "w", chunk = 20_000): CovarianceStats {
  const acc = new CovarianceAccumulator(space === "w" ? net.spec.wDim : net.spec.latentDim);
  for (let done = 0; done < n; done += chunk) {
    const { z, w } = sampleLatents(net, Math.min(chunk, n - done), rng);
    acc.add(space === "w" ? w : z);
  }
  return acc.result();
}

/** σ of fresh rows projected on a unit direction v: the reference's σₖ. */
export function projectedSd(rows: ArrayLike<number>, direction: ArrayLike<number>): number {
  const d = direction.length;
  const n = rows.length / d;
  const proj = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += rows[i * d + j] * direction[j];
    proj[i] = s;
  }
  const mean = proj.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt(proj.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
}

function checkDirection(direction: ArrayLike<number>, width: number, what: string): void {
  if (direction.length !== width) throw new RangeError(`${what}: direction has ${direction.length} values, the space has ${width}`);
}

/**
 * Images of the edits w + t·v: for every start (rows of `starts`, [S, wDim]) and every offset t
 * in `offsets` → [S·T, 784], start-major (image s·T + i is start s at offsets[i]). With `layers`,
 * the edited w goes to those layers only (E(v, j–k)); without, to all of them.
 */
export function editImages(net: StyleGenerator, starts: Float32Array, direction: ArrayLike<number>, offsets: readonly number[], layers?: LayerRange): Float32Array {
  const d = net.spec.wDim;
  checkDirection(direction, d, "editImages");
  if (starts.length % d !== 0) throw new RangeError(`editImages: ${starts.length} values do not form w rows of width ${d}`);
  const s = starts.length / d, t = offsets.length;
  const edited = new Float32Array(s * t * d);
  const original = new Float32Array(s * t * d);
  for (let i = 0; i < s; i++) {
    for (let o = 0; o < t; o++) {
      for (let j = 0; j < d; j++) {
        original[(i * t + o) * d + j] = starts[i * d + j];
        edited[(i * t + o) * d + j] = starts[i * d + j] + offsets[o] * direction[j];
      }
    }
  }
  return synthesizeRows(net, original, edited, layers);
}

/** g(styles) for rows of w (`base`) and edited rows (`edited`) fed to `layers` (all when omitted) → [n, 784]. */
export function synthesizeRows(net: StyleGenerator, base: Float32Array, edited: Float32Array, layers?: LayerRange): Float32Array {
  const d = net.spec.wDim;
  const n = base.length / d;
  const out = new Float32Array(n * PIXELS);
  for (let s = 0; s < n; s += BATCH) {
    const b = Math.min(BATCH, n - s);
    const images = tf.tidy(() => {
      const e = tf.tensor2d(edited.subarray(s * d, (s + b) * d), [b, d]);
      const styles = layers ? layerwiseStyles(net, tf.tensor2d(base.subarray(s * d, (s + b) * d), [b, d]), e, layers.from, layers.to) : e;
      return synthesize(net, styles).images;
    });
    out.set(images.dataSync(), s * PIXELS);
    images.dispose();
  }
  return out;
}

/** Images G(z + t·u) for every start z (rows of `starts`, [S, latent]) and offset t → [S·T, 784], start-major. */
export function latentEditImages(net: StyleGenerator, starts: Float32Array, direction: ArrayLike<number>, offsets: readonly number[]): Float32Array {
  const m = net.spec.latentDim;
  checkDirection(direction, m, "latentEditImages");
  const s = starts.length / m, t = offsets.length;
  const z = new Float32Array(s * t * m);
  for (let i = 0; i < s; i++) for (let o = 0; o < t; o++) for (let j = 0; j < m; j++) z[(i * t + o) * m + j] = starts[i * m + j] + offsets[o] * direction[j];
  const w = mapRows(net, z);
  return synthesizeRows(net, w, w);
}

/** The output of synthesis layer `layer` (after AdaIN) for rows of w → [n, H·W·C] (H, W, C order). */
export function layerActivations(net: StyleGenerator, w: Float32Array, layer: number): Float32Array {
  const d = net.spec.wDim;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < net.layers.length)) throw new RangeError(`layerActivations: layer ${layer} not in 0..${net.layers.length - 1}`);
  const n = w.length / d;
  const parts: Float32Array[] = [];
  let width = 0;
  for (let s = 0; s < n; s += BATCH) {
    const b = Math.min(BATCH, n - s);
    const y = tf.tidy(() => {
      const { images, features } = synthesize(net, tf.tensor2d(w.subarray(s * d, (s + b) * d), [b, d]), true);
      images.dispose();
      return tf.reshape(features[layer], [b, -1]);
    });
    width = y.shape[1] as number;
    parts.push(y.dataSync() as Float32Array);
    y.dispose();
  }
  const out = new Float32Array(n * width);
  parts.forEach((p, i) => out.set(p, i * BATCH * width));
  return out;
}
