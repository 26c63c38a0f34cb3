/**
 * Per-image numbers along a walk, on flat images [n, pixels] row-major with values in [−1, 1]
 * (the tanh range of lib/nn/dcgan.ts):
 *
 *   contrast        s(x) = √( Σⱼ (xⱼ − x̄)² / P ),  x̄ = Σⱼ xⱼ / P     (RMS contrast, P pixels)
 *   saturation      share of pixels with |xⱼ| ≥ level (default 0.99, i.e. pre-tanh |a| ≥ 2.65);
 *                   "high" counts xⱼ ≥ level (white strokes), "low" xⱼ ≤ −level (background)
 *   image distance  ‖x − y‖₂ / √P   (root mean square pixel difference)
 *
 * A fainter image (its strokes greyer, its background lighter) has a smaller s; a saturated
 * one is nearly binary (every pixel at ±1).
 */

/** The tanh output beyond which a pixel counts as saturated: |tanh a| ≥ 0.99 ⇔ |a| ≥ 2.647. */
export const SATURATION_LEVEL = 0.99;

function imageCount(images: ArrayLike<number>, pixels: number, where: string): number {
  if (!(Number.isInteger(pixels) && pixels >= 1) || images.length % pixels !== 0) {
    throw new RangeError(`${where}: ${images.length} values do not form images of ${pixels} pixels`);
  }
  return images.length / pixels;
}

/** RMS contrast s(x) of every image → [n]. */
export function pixelStd(images: ArrayLike<number>, pixels: number): Float64Array {
  const n = imageCount(images, pixels, "pixelStd");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < pixels; j++) sum += images[i * pixels + j];
    const m = sum / pixels;
    let sq = 0;
    for (let j = 0; j < pixels; j++) sq += (images[i * pixels + j] - m) ** 2;
    out[i] = Math.sqrt(sq / pixels);
  }
  return out;
}

export type SaturationSide = "both" | "high" | "low";

/** Share of saturated pixels of every image → [n] (see the module comment). */
export function saturatedShare(images: ArrayLike<number>, pixels: number, level = SATURATION_LEVEL, side: SaturationSide = "both"): Float64Array {
  if (!(level > 0 && level < 1)) throw new RangeError(`saturatedShare: level must be in (0, 1), got ${level}`);
  const n = imageCount(images, pixels, "saturatedShare");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let j = 0; j < pixels; j++) {
      const v = images[i * pixels + j];
      if ((side !== "low" && v >= level) || (side !== "high" && v <= -level)) count++;
    }
    out[i] = count / pixels;
  }
  return out;
}

/** RMS pixel difference between image i of `a` and image i of `b` → [n]. */
export function imageDistances(a: ArrayLike<number>, b: ArrayLike<number>, pixels: number): Float64Array {
  const n = imageCount(a, pixels, "imageDistances");
  if (b.length !== a.length) throw new RangeError(`imageDistances: ${a.length} and ${b.length} values`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let j = 0; j < pixels; j++) sq += (a[i * pixels + j] - b[i * pixels + j]) ** 2;
    out[i] = Math.sqrt(sq / pixels);
  }
  return out;
}

/** Images [walks·frames, pixels] → per walk, the RMS distances between successive frames [walks][frames − 1]. */
export function stepDistances(images: ArrayLike<number>, pixels: number, frames: number): number[][] {
  const n = imageCount(images, pixels, "stepDistances");
  if (!(Number.isInteger(frames) && frames >= 2) || n % frames !== 0) throw new RangeError(`stepDistances: ${n} images do not form walks of ${frames} frames`);
  const frame = (w: number, i: number) => (w * frames + i) * pixels;
  return Array.from({ length: n / frames }, (_, w) =>
    Array.from({ length: frames - 1 }, (_, i) => {
      let sq = 0;
      for (let j = 0; j < pixels; j++) sq += (images[frame(w, i + 1) + j] - images[frame(w, i) + j]) ** 2;
      return Math.sqrt(sq / pixels);
    }),
  );
}

/** values[i] / reference[i] → [n]; a zero reference is an error naming its index. */
export function ratios(values: ArrayLike<number>, reference: ArrayLike<number>): Float64Array {
  if (values.length !== reference.length) throw new RangeError(`ratios: ${values.length} values for ${reference.length} references`);
  return Float64Array.from(values, (v, i) => {
    if (reference[i] === 0) throw new RangeError(`ratios: reference ${i} is 0`);
    return v / reference[i];
  });
}
