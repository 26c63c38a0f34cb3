/**
 * A GAN (or an ensemble of K independent GANs of one architecture) built from a
 * {@link GanConfig}: generator and discriminator MLPs as plain variables plus one optimizer
 * each, bound to that network's variables only.
 *
 * Member k draws its initial weights from Rng(seed_k).child("G") / .child("D"), so a member
 * trained inside an ensemble starts from exactly the weights it gets when trained alone.
 */
import * as tf from "@tensorflow/tfjs";
import { createMlp, disposeMlp, mlpForward, mlpVariables, namedMlpVariables, type Mlp } from "../nn/mlp";
import { defaultDenseMode, type DenseMode } from "../nn/dense";
import { Rng } from "../util/rng";
import { maxLatentDim, needsDoubleBackprop, validateConfig, type GanConfig } from "./config";
import { createOptimizer, type Optimizer } from "./optimizers";

export interface GanModel {
  config: GanConfig;
  /** [K, batch, maxLatent] → [K, batch, data.dim] */
  generator: Mlp;
  /** [K, batch, data.dim] → [K, batch, 1] (or [K, batch, n] for Sphere GAN) */
  discriminator: Mlp;
  gOptimizer: Optimizer;
  dOptimizer: Optimizer;
  modes: { g: DenseMode; d: DenseMode };
}

/**
 * Dense modes for "auto": the backend's fastest (lib/nn/dense.ts). Both modes differentiate
 * twice correctly (test/unit/nn-double-backprop.test.ts), so WGAN-GP may use either.
 */
export function resolveDenseModes(config: GanConfig): { g: DenseMode; d: DenseMode } {
  const mode = config.denseMode === "auto" ? defaultDenseMode() : config.denseMode;
  return { g: mode, d: mode };
}

export function createGanModel(config: GanConfig): GanModel {
  validateConfig(config);
  const rngs = config.members.map((m) => new Rng(m.seed));
  const generator = createMlp(
    { inputDim: maxLatentDim(config), layers: config.generator.layers, init: config.generator.init },
    rngs.map((r) => r.child("G")),
    config.members.map((m) => m.latentDim),
  );
  const discriminator = createMlp(
    { inputDim: config.data.dim, layers: config.discriminator.layers, init: config.discriminator.init },
    rngs.map((r) => r.child("D")),
  );
  return {
    config,
    generator,
    discriminator,
    gOptimizer: createOptimizer(config.optimizers.g, mlpVariables(generator)),
    dOptimizer: createOptimizer(config.optimizers.d, mlpVariables(discriminator)),
    modes: resolveDenseModes(config),
  };
}

/** G(z): z [K, batch, maxLatent] (zero-padded per member) → [K, batch, data.dim]. */
export function generate(model: GanModel, z: tf.Tensor3D): tf.Tensor3D {
  return mlpForward(model.generator, z, model.modes.g);
}

/**
 * D(x): x [K, batch, data.dim] → [K, batch, out]; in twice-differentiable form when the loss
 * differentiates D's gradient (WGAN-GP).
 */
export function discriminate(model: GanModel, x: tf.Tensor3D): tf.Tensor3D {
  return mlpForward(model.discriminator, x, model.modes.d, needsDoubleBackprop(model.config.loss));
}

/** Every variable a checkpoint must hold, by stable name: weights and optimizer slots. */
export function modelTensors(model: GanModel): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>([...namedMlpVariables(model.generator, "G"), ...namedMlpVariables(model.discriminator, "D")]);
  for (const [name, v] of model.gOptimizer.slots) out.set(`optG/${name}`, v);
  for (const [name, v] of model.dOptimizer.slots) out.set(`optD/${name}`, v);
  return out;
}

export function disposeGanModel(model: GanModel): void {
  disposeMlp(model.generator);
  disposeMlp(model.discriminator);
  model.gOptimizer.dispose();
  model.dOptimizer.dispose();
}
