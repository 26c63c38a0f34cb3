/**
 * Controlled damage to 28×28 images in [−1, 1] (flat, n·784 values), to calibrate a quality
 * score: a sound score grows monotonically with the strength of each.
 *
 * - Gaussian noise: x + σ·ε, ε ~ N(0, 1) per pixel, clipped to [−1, 1].
 * - Gaussian blur: the image convolved with the normalised kernel
 *     g(t) = exp(−t²/2s²) / Σ_{|u|≤R} exp(−u²/2s²),  t = −R..R,  R = ⌈3s⌉,
 *   along rows, then along columns (separable); pixels outside the image count as background
 *   −1, so a blank image stays blank and ink spreads out without a border artefact.
 */
import type { Rng } from "../util/rng";
import { IMAGE_PIXELS, IMAGE_SIDE } from "./cnn";

function imageCount(images: ArrayLike<number>): number {
  if (images.length % IMAGE_PIXELS !== 0) throw new Error(`images: ${images.length} values is not a multiple of ${IMAGE_PIXELS} (28×28 pixels per image)`);
  return images.length / IMAGE_PIXELS;
}

/** x + σε clipped to [−1, 1], ε from `rng`. */
export function addGaussianNoise(images: ArrayLike<number>, sigma: number, rng: Rng): Float32Array {
  imageCount(images);
  if (!(sigma >= 0)) throw new Error(`addGaussianNoise: sigma ${sigma} must be >= 0`);
  return Float32Array.from(images, (v) => Math.min(1, Math.max(-1, v + sigma * rng.normal())));
}

/** The blur kernel g(−R..R) of the module comment, summing to 1. */
export function gaussianKernel(s: number): Float64Array {
  if (!(s > 0)) throw new Error(`gaussianKernel: width s ${s} must be > 0`);
  const r = Math.ceil(3 * s);
  const g = Float64Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * s * s)));
  const total = g.reduce((a, b) => a + b, 0);
  return g.map((v) => v / total);
}

/** Every image blurred with width s pixels (s = 0: a copy). */
export function gaussianBlur(images: ArrayLike<number>, s: number): Float32Array {
  const n = imageCount(images);
  if (s === 0) return Float32Array.from(images);
  const g = gaussianKernel(s);
  const r = (g.length - 1) / 2;
  const out = new Float32Array(images.length);
  const rowPass = new Float64Array(IMAGE_PIXELS);
  const side = IMAGE_SIDE;
  for (let i = 0; i < n; i++) {
    const base = i * IMAGE_PIXELS;
    // outside pixels are −1: Σ g·x over the inside plus −1·(the kernel mass outside)
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        let acc = 0;
        for (let t = -r; t <= r; t++) {
          const xx = x + t;
          acc += g[t + r] * (xx >= 0 && xx < side ? images[base + y * side + xx] : -1);
        }
        rowPass[y * side + x] = acc;
      }
    }
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        let acc = 0;
        for (let t = -r; t <= r; t++) {
          const yy = y + t;
          acc += g[t + r] * (yy >= 0 && yy < side ? rowPass[yy * side + x] : -1);
        }
        out[base + y * side + x] = acc;
      }
    }
  }
  return out;
}
