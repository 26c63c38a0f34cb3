/**
 * Reference configurations of the articles (docs/articles.md); notebooks derive their
 * variants from these with spread syntax ({ ...reference, loss: … }).
 */
import { stack, type GanConfig, type MemberSpec } from "./config";
import { adam, rmsprop } from "./optimizers";

/** "Why GANs need latent noise of enough dimensions", main experiment: D uses LeakyReLU(0.01). */
const LEAK_LATENT_DIMENSION = 0.01;
const LEAK_1D = 0.1; // 1-D reference: LeakyReLU(0.1)

/**
 * "Why GANs need latent noise of enough dimensions", main experiment:
 * G = 3 × Dense(256, ReLU) → Dense(2); D = 5 × [Dense(128) + LeakyReLU(0.01)] → Dense(1) logits;
 * Glorot-uniform, zero bias; BCE with non-saturating G;
 * D Adam(1e−3, β₁ 0.5), G Adam(2e−4, β₁ 0.5), β₂ 0.999, ε 1e−7 (Keras); 256 real + 256 fake per
 * D update, 512 noise vectors per G update; 30,000 steps; snapshots every step to 600.
 */
export function latentDimensionGan(name: string, data: { name: string; dim: number }, members: MemberSpec[], latent: GanConfig["latent"]): GanConfig {
  return {
    name,
    data,
    members,
    generator: { layers: stack(3, 256, "relu", data.dim), init: "glorot-uniform" },
    discriminator: { layers: stack(5, 128, { leakyRelu: LEAK_LATENT_DIMENSION }, 1), init: "glorot-uniform" },
    latent,
    loss: { kind: "bce", generator: "non-saturating" },
    optimizers: { d: adam(1e-3, 0.5), g: adam(2e-4, 0.5) },
    batch: { real: 256, fake: 256, generator: 512 },
    critic: { kind: "constant", n: 1 },
    steps: 30_000,
    logEvery: 100,
    checkpointEvery: 1_000,
    snapshots: { denseUntil: 600, every: 100 },
    denseMode: "auto",
  };
}

/**
 * "Why GANs need latent noise of enough dimensions", 1-D experiment: uniform noise on [−1, 1] →
 * N(0, 1); G 4 × [Dense(16) + LeakyReLU(0.1)] → Dense(1); D 2 × [Dense(64) + LeakyReLU(0.1)] → logit; Adam D 2e−3,
 * G 1e−3, β₁ 0.5; batch 512; 600 steps.
 */
export function oneDimensionalGan(name: string, seed: number): GanConfig {
  return {
    ...latentDimensionGan(name, { name: "normal-1d", dim: 1 }, [{ latentDim: 1, seed }], { kind: "uniform", low: -1, high: 1 }),
    generator: { layers: stack(4, 16, { leakyRelu: LEAK_1D }, 1), init: "glorot-uniform" },
    discriminator: { layers: stack(2, 64, { leakyRelu: LEAK_1D }, 1), init: "glorot-uniform" },
    optimizers: { d: adam(2e-3, 0.5), g: adam(1e-3, 0.5) },
    batch: { real: 512, fake: 512, generator: 512 },
    steps: 600,
    logEvery: 10,
    checkpointEvery: 600,
  };
}

/**
 * WGAN-GP toy reference (Gulrajani et al.): G and critic 3 × [Linear(512) + ReLU] → Linear,
 * He-uniform; critic loss E D(fake) − E D(real) + λ·GP, λ = 0.1 (toy code; paper 10);
 * Adam(1e−4, 0.5, 0.9) (PyTorch ε); 5 critic iterations; batch 256.
 */
export function wganGpToy(name: string, data: { name: string; dim: number }, members: MemberSpec[], weight = 0.1): GanConfig {
  return {
    ...latentDimensionGan(name, data, members, { kind: "normal" }),
    generator: { layers: stack(3, 512, "relu", data.dim), init: "he-uniform" },
    discriminator: { layers: stack(3, 512, "relu", 1), init: "he-uniform" },
    loss: { kind: "wgan-gp", weight },
    optimizers: { d: adam(1e-4, 0.5, 0.9, 1e-8, "pytorch"), g: adam(1e-4, 0.5, 0.9, 1e-8, "pytorch") },
    batch: { real: 256, fake: 256, generator: 256 },
    critic: { kind: "constant", n: 5 },
    steps: 100_000,
  };
}

/**
 * WGAN with weight clipping (Arjovsky et al.): clip ±0.01, RMSProp lr 5e−5 (α 0.99, ε 1e−8),
 * 5 critic steps, 100 for the first 25 generator steps and every 500th; batch 64.
 */
export function wganClip(base: GanConfig): GanConfig {
  return {
    ...base,
    loss: { kind: "wgan-clip", clip: 0.01 },
    optimizers: { d: rmsprop(5e-5), g: rmsprop(5e-5) },
    batch: { real: 64, fake: 64, generator: 64 },
    critic: { kind: "wgan", n: 5, warmup: 100, warmupSteps: 25, every: 500 },
  };
}

/** Sphere GAN settings: Adam(1e−4, β₁ 0, β₂ 0.9), moments R = 1, 1 D step per G step; D outputs u ∈ ℝⁿ. */
export function sphereGan(base: GanConfig, sphereDim: number, moments = 1): GanConfig {
  const layers = base.discriminator.layers;
  return {
    ...base,
    discriminator: { ...base.discriminator, layers: [...layers.slice(0, -1), { units: sphereDim, activation: "linear" }] },
    loss: { kind: "sphere", moments },
    optimizers: { d: adam(1e-4, 0, 0.9), g: adam(1e-4, 0, 0.9) },
    critic: { kind: "constant", n: 1 },
  };
}
