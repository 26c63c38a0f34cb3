/**
 * A GAN (or an ensemble of K independent GANs of one architecture) built from a
 * {@link GanConfig}: a generator and a discriminator network (lib/nn/network.ts) plus one
 * optimizer each, bound to that network's variables only.
 *
 * Member k draws its initial weights from Rng(seed_k).child("G") / .child("D"), so a member
 * trained inside an ensemble starts from exactly the weights it gets when trained alone.
 */
import * as tf from "@tensorflow/tfjs";
import { createNetwork, type Network } from "../nn/network";
import { Rng } from "../util/rng";
import { inputWidths, needsDoubleBackprop, validateConfig, type GanConfig } from "./config";
import { createOptimizer, type Optimizer } from "./optimizers";

export interface GanModel {
  config: GanConfig;
  /** [K, batch, maxLatent (+ classes)] → [K, batch, data.dim] */
  generator: Network;
  /** [K, batch, data.dim (+ classes)] → [K, batch, scores] */
  discriminator: Network;
  gOptimizer: Optimizer;
  dOptimizer: Optimizer;
}

export function createGanModel(config: GanConfig): GanModel {
  validateConfig(config);
  const rngs = config.members.map((m) => new Rng(m.seed));
  const widths = inputWidths(config);
  const denseMode = config.denseMode === "auto" ? undefined : config.denseMode;
  const memberInputs = config.condition ? undefined : config.members.map((m) => m.latentDim);
  const generator = createNetwork(config.generator, widths.g, rngs.map((r) => r.child("G")), { memberInputs, denseMode });
  const discriminator = createNetwork(config.discriminator, widths.d, rngs.map((r) => r.child("D")), { denseMode });
  return {
    config,
    generator,
    discriminator,
    gOptimizer: createOptimizer(config.optimizers.g, generator.variables),
    dOptimizer: createOptimizer(config.optimizers.d, discriminator.variables),
  };
}

/** G(z): z [K, batch, maxLatent] (zero-padded per member; condition columns appended) → [K, batch, data.dim]. */
export function generate(model: GanModel, z: tf.Tensor3D): tf.Tensor3D {
  return model.generator.apply(z);
}

/**
 * D(x): x [K, batch, data.dim (+ condition columns)] → [K, batch, scores]; in twice-differentiable
 * form when the loss differentiates D's gradient (WGAN-GP).
 */
export function discriminate(model: GanModel, x: tf.Tensor3D): tf.Tensor3D {
  return model.discriminator.apply(x, needsDoubleBackprop(model.config.loss));
}

/** Every variable a checkpoint must hold, by stable name: weights and optimizer slots. */
export function modelTensors(model: GanModel): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>([...model.generator.namedVariables("G"), ...model.discriminator.namedVariables("D")]);
  for (const [name, v] of model.gOptimizer.slots) out.set(`optG/${name}`, v);
  for (const [name, v] of model.dOptimizer.slots) out.set(`optD/${name}`, v);
  return out;
}

export function disposeGanModel(model: GanModel): void {
  model.generator.dispose();
  model.discriminator.dispose();
  model.gOptimizer.dispose();
  model.dOptimizer.dispose();
}
