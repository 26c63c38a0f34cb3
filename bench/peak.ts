/**
 * Peak matMul throughput of the active tfjs backend on this machine: the best GFLOP/s over
 * several shapes (the GAN's own layer shapes and a square one), best of several repeats.
 * A product [m, k]·[k, n] is 2·m·k·n FLOPs. Each repeat runs the product `reps` times on the
 * same inputs and reads the last result back; results are disposed as they go.
 */
import * as tf from "@tensorflow/tfjs";

/** [m, k, n]: [512,512]·[512,512]; G's hidden layer on the 512-batch; D's hidden layer on 256. */
export const PEAK_SHAPES: [number, number, number][] = [
  [512, 512, 512],
  [512, 256, 256],
  [256, 128, 128],
];

export interface PeakResult {
  shape: string;
  gflops: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;

function bestGflops(m: number, k: number, n: number, repeats: number, seconds: number): number {
  const a = tf.randomNormal([m, k], 0, 1, "float32", 1);
  const b = tf.randomNormal([k, n], 0, 1, "float32", 2);
  const flops = 2 * m * k * n;
  const once = () => {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  };
  once();
  const t0 = now();
  once();
  const reps = Math.max(1, Math.ceil(seconds / Math.max(now() - t0, 1e-6)));
  let best = 0;
  for (let r = 0; r < repeats; r++) {
    const start = now();
    for (let i = 0; i < reps - 1; i++) tf.matMul(a, b).dispose();
    once();
    best = Math.max(best, (flops * reps) / (now() - start) / 1e9);
  }
  tf.dispose([a, b]);
  return best;
}

/** Best GFLOP/s per shape; `quick` shortens every repeat. */
export function measurePeak(quick: boolean): PeakResult[] {
  return PEAK_SHAPES.map(([m, k, n]) => ({
    shape: `[${m},${k}]x[${k},${n}]`,
    gflops: bestGflops(m, k, n, quick ? 2 : 7, quick ? 0.05 : 0.4),
  }));
}
