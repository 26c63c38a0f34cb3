/** A small GAN config and its 2-D Gaussian data, shared by the training-loop unit tests. */
import { mlp, type GanConfig } from "../../lib/train/config";
import { latentDimensionGan } from "../../lib/train/presets";
import type { RealData } from "../../lib/train/batches";
import type { Rng } from "../../lib/util/rng";

/** N((0, 1), diag(1, 0.25)), named "test-gauss". */
export const gauss: RealData = { name: "test-gauss", sample: (n: number, rng: Rng) => rng.normalArray(n * 2).map((v, i) => (i % 2 ? v * 0.5 + 1 : v)) };

/** G and D of two hidden layers of 16 units on `gauss`, one member (latent 3), 8 steps. */
export function tiny(overrides: Partial<GanConfig> = {}): GanConfig {
  const base = latentDimensionGan("tiny", { name: "test-gauss", dim: 2 }, [{ latentDim: 3, seed: 11 }], { kind: "normal" });
  return {
    ...base,
    generator: mlp(2, 16, "relu", 2, "glorot-uniform"),
    discriminator: mlp(2, 16, { leakyRelu: 0.01 }, 1, "glorot-uniform"),
    batch: { real: 32, fake: 32, generator: 64 },
    steps: 8,
    logEvery: 2,
    checkpointEvery: 2,
    snapshots: { denseUntil: 3, every: 4 },
    ...overrides,
  };
}
