/**
 * Animated GIF from PNG frames: decode (pngjs), build one 256-colour palette shared by all
 * frames (gifenc's quantize on a subsample of every frame's pixels, so colours do not flicker
 * between frames), map each frame to it (applyPalette) and encode (GIFEncoder), looping forever.
 */
import { PNG } from "pngjs";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gifenc = require("gifenc") as GifEnc;

type Palette = number[][];
interface GifEnc {
  GIFEncoder(): {
    writeFrame(index: Uint8Array, width: number, height: number, opts: { palette?: Palette; delay?: number; repeat?: number }): void;
    finish(): void;
    bytes(): Uint8Array;
  };
  quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number, opts?: { format?: string }): Palette;
  applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette, format?: string): Uint8Array;
}

/** Pixels sampled from all frames to build the palette (enough for plots, bounded memory). */
const PALETTE_SAMPLE = 1 << 20;

/** Encodes same-sized PNG frames into a looping GIF with `delayMs` per frame. */
export function encodeGif(pngFrames: Uint8Array[], delayMs: number): Uint8Array {
  if (pngFrames.length === 0) throw new Error("encodeGif needs at least one frame");
  const frames = pngFrames.map((b) => PNG.sync.read(Buffer.from(b)));
  const { width, height } = frames[0];
  frames.forEach((f, i) => {
    if (f.width !== width || f.height !== height) {
      throw new Error(`frame ${i} is ${f.width}×${f.height}, frame 0 is ${width}×${height}`);
    }
  });
  const pixels = width * height;
  const stride = Math.max(1, Math.floor((pixels * frames.length) / PALETTE_SAMPLE));
  const sample = new Uint8Array(Math.ceil((pixels * frames.length) / stride) * 4);
  let s = 0;
  for (let k = 0; k < pixels * frames.length; k += stride) {
    const f = frames[Math.floor(k / pixels)].data, p = (k % pixels) * 4;
    sample[s++] = f[p]; sample[s++] = f[p + 1]; sample[s++] = f[p + 2]; sample[s++] = f[p + 3];
  }
  const palette = gifenc.quantize(sample.subarray(0, s), 256, { format: "rgb565" });
  const gif = gifenc.GIFEncoder();
  frames.forEach((f, i) => {
    const index = gifenc.applyPalette(f.data, palette, "rgb565");
    gif.writeFrame(index, width, height, i === 0 ? { palette, delay: delayMs, repeat: 0 } : { delay: delayMs });
  });
  gif.finish();
  return gif.bytes();
}
