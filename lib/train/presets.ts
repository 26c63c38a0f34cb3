/**
 * Reference configurations of the articles' experiments (docs/articles.md); notebooks derive
 * their variants from these with spread syntax ({ ...reference, loss: … }).
 */
import { mlp, type GanConfig, type MemberSpec, type NetworkSpec } from "./config";
import { adam, rmsprop } from "./optimizers";

/** Discriminator slope of the latent-dimension article's main experiment: LeakyReLU(0.01). */
const LATENT_DIMENSION_LEAK = 0.01;
/** Slope of the same article's 1-D experiment: LeakyReLU(0.1). */
const ONE_DIMENSIONAL_LEAK = 0.1;

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
    generator: mlp(3, 256, "relu", data.dim, "glorot-uniform"),
    discriminator: mlp(5, 128, { leakyRelu: LATENT_DIMENSION_LEAK }, 1, "glorot-uniform"),
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
 * The same article's 1-D experiment: uniform noise on [−1, 1] → N(0, 1); G 4 × [Dense(16) +
 * LeakyReLU(0.1)] → Dense(1); D 2 × [Dense(64) + LeakyReLU(0.1)] → logit; Adam D 2e−3,
 * G 1e−3, β₁ 0.5; batch 512; 600 steps.
 */
export function oneDimensionalGan(name: string, seed: number): GanConfig {
  return {
    ...latentDimensionGan(name, { name: "normal-1d", dim: 1 }, [{ latentDim: 1, seed }], { kind: "uniform", low: -1, high: 1 }),
    generator: mlp(4, 16, { leakyRelu: ONE_DIMENSIONAL_LEAK }, 1, "glorot-uniform"),
    discriminator: mlp(2, 64, { leakyRelu: ONE_DIMENSIONAL_LEAK }, 1, "glorot-uniform"),
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
    generator: mlp(3, 512, "relu", data.dim, "he-uniform"),
    discriminator: mlp(3, 512, "relu", 1, "he-uniform"),
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

/**
 * Sphere GAN settings: Adam(1e−4, β₁ 0, β₂ 0.9), moments R = 1, 1 D step per G step; D outputs
 * u ∈ ℝⁿ (its last layer widened to `sphereDim`).
 */
export function sphereGan(base: GanConfig, sphereDim: number, moments = 1): GanConfig {
  const d = base.discriminator;
  const discriminator =
    d.kind === "mlp"
      ? { ...d, layers: [...d.layers.slice(0, -1), { units: sphereDim, activation: "linear" as const }] }
      : d.kind === "dcgan-discriminator"
        ? { ...d, outUnits: sphereDim }
        : undefined;
  if (!discriminator) throw new Error(`sphereGan: cannot widen a ${d.kind} discriminator`);
  return {
    ...base,
    discriminator,
    loss: { kind: "sphere", moments },
    optimizers: { d: adam(1e-4, 0, 0.9), g: adam(1e-4, 0, 0.9) },
    critic: { kind: "constant", n: 1 },
  };
}

/**
 * DCGAN (Radford et al. 2016) on 28×28 digits: G and D of lib/nn/dcgan.ts with `width` feature
 * maps (5×5 kernels, N(0, 0.02²) init), BCE with the non-saturating G loss, Adam(2e−4, β₁ 0.5)
 * for both (the paper's settings; β₂ 0.999, ε 1e−8 as in PyTorch), batch 64, one D step per G step.
 */
export function dcganDigits(name: string, members: MemberSpec[], latent: GanConfig["latent"] = { kind: "normal" }, width = 32): GanConfig {
  return {
    ...latentDimensionGan(name, { name: "mnist-digits", dim: 784 }, members, latent),
    generator: { kind: "dcgan-generator", width, kernel: 5, init: "dcgan-normal" },
    discriminator: { kind: "dcgan-discriminator", width, kernel: 5, init: "dcgan-normal", norm: "none", outUnits: 1 },
    optimizers: { d: adam(2e-4, 0.5, 0.999, 1e-8, "pytorch"), g: adam(2e-4, 0.5, 0.999, 1e-8, "pytorch") },
    batch: { real: 64, fake: 64, generator: 64 },
    steps: 2_000,
    logEvery: 50,
    checkpointEvery: 250,
    snapshots: { denseUntil: 0, every: 250 },
  };
}

/**
 * The same network with layer norm in its hidden layers (Sphere GAN's discriminator; the
 * WGAN-GP paper's critic replacement for batch norm): an MLP gets `norm: "layer"` on every layer
 * but the output, a DCGAN discriminator `norm: "layer"` after each conv block.
 */
export function withLayerNorm(spec: NetworkSpec): NetworkSpec {
  switch (spec.kind) {
    case "mlp":
      return { ...spec, layers: spec.layers.map((l, i) => (i < spec.layers.length - 1 ? { ...l, norm: "layer" as const } : l)) };
    case "dcgan-discriminator":
      return { ...spec, norm: "layer" };
    default:
      throw new Error(`withLayerNorm: a ${spec.kind} has no layer-norm option (allowed: mlp, dcgan-discriminator)`);
  }
}
