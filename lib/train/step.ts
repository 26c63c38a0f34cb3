/**
 * One critic (D) update and one generator (G) update of an ensemble of K GANs. The total loss
 * differentiated is the SUM of the K members' losses, so member k's weights receive exactly
 * the gradient of its own loss. Gradients are taken with tf.variableGrads over one network's
 * variable list only: a D update cannot move G and vice versa.
 */
import * as tf from "@tensorflow/tfjs";
import * as adv from "../losses/adversarial";
import { fganDiscriminatorLoss, fganGeneratorLoss } from "../losses/fgan";
import { sphereDiscriminatorLoss, sphereGeneratorLoss } from "../losses/sphere";
import { clipWeights, gradientPenalty } from "../losses/penalty";
import { mlpVariables } from "../nn/mlp";
import type { GanLoss } from "./config";
import { discriminate, generate, type GanModel } from "./model";

/** Per-member values of one update, each [K]. `loss` is what was minimised. */
export interface StepValues {
  loss: Float32Array;
  /** e.g. "gp" (the penalty term) and "wasserstein" (E_real D − E_fake D) for WGAN-GP. */
  extras: Record<string, Float32Array>;
}

/** D output [K, batch, out] → per-sample scores [K, batch] (sphere keeps [K, batch, n]). */
function scores(loss: GanLoss, out: tf.Tensor3D): tf.Tensor {
  return loss.kind === "sphere" ? out : tf.squeeze(out, [2]);
}

/** D loss per member [K] from real and fake scores, without penalties. */
export function discriminatorLoss(loss: GanLoss, real: tf.Tensor, fake: tf.Tensor): tf.Tensor {
  switch (loss.kind) {
    case "bce":
      return adv.bceDiscriminatorLoss(real, fake);
    case "least-squares":
      return adv.leastSquaresDiscriminatorLoss(real, fake);
    case "hinge":
      return adv.hingeDiscriminatorLoss(real, fake);
    case "wgan-clip":
    case "wgan-gp":
      return adv.wassersteinCriticLoss(real, fake);
    case "fgan":
      return fganDiscriminatorLoss(loss.divergence, real, fake);
    case "sphere":
      return sphereDiscriminatorLoss(real, fake, loss.moments);
  }
}

/** G loss per member [K] from fake scores. */
export function generatorLoss(loss: GanLoss, fake: tf.Tensor): tf.Tensor {
  switch (loss.kind) {
    case "bce":
      return loss.generator === "minimax" ? adv.bceGeneratorMinimaxLoss(fake) : adv.bceGeneratorNonSaturatingLoss(fake);
    case "least-squares":
      return adv.leastSquaresGeneratorLoss(fake);
    case "hinge":
    case "wgan-clip":
    case "wgan-gp":
      return adv.criticGeneratorLoss(fake);
    case "fgan":
      return fganGeneratorLoss(loss.divergence, fake, loss.generator);
    case "sphere":
      return sphereGeneratorLoss(fake, loss.moments);
  }
}

/** Runs `f` (returning a [K] loss) under tf.variableGrads over `vars`; applies nothing. */
function lossAndGrads(f: (keep: (name: string, t: tf.Tensor) => void) => tf.Tensor, vars: tf.Variable[]) {
  const kept: Record<string, tf.Tensor> = {};
  const keep = (name: string, t: tf.Tensor) => {
    kept[name] = tf.keep(t);
  };
  const { value, grads } = tf.variableGrads(() => tf.sum(f(keep)) as tf.Scalar, vars);
  value.dispose();
  return { grads: vars.map((v) => grads[v.name]), kept };
}

function read(kept: Record<string, tf.Tensor>): StepValues {
  const extras: Record<string, Float32Array> = {};
  let loss = new Float32Array();
  for (const [name, t] of Object.entries(kept)) {
    const v = t.dataSync() as Float32Array;
    if (name === "loss") loss = v;
    else extras[name] = v;
    t.dispose();
  }
  return { loss, extras };
}

/**
 * One critic update on real [K, nReal, dim], noise z [K, nFake, maxLatent] and, for WGAN-GP,
 * interpolation weights alpha [K, n, 1] (n = nReal = nFake). Applies weight clipping for
 * "wgan-clip". Tensors passed in are not disposed.
 */
export function discriminatorStep(model: GanModel, real: tf.Tensor3D, z: tf.Tensor3D, alpha?: tf.Tensor3D): StepValues {
  const loss = model.config.loss;
  const dVars = mlpVariables(model.discriminator);
  const { grads, kept } = tf.tidy(() => {
    const fake = generate(model, z);
    const out = lossAndGrads((keep) => {
      const sReal = scores(loss, discriminate(model, real));
      const sFake = scores(loss, discriminate(model, fake));
      const base = discriminatorLoss(loss, sReal, sFake);
      if (loss.kind !== "wgan-gp") {
        keep("loss", base);
        return base;
      }
      if (!alpha) throw new Error("wgan-gp critic step needs alpha");
      const critic = (x: tf.Tensor3D) => tf.squeeze(discriminate(model, x), [2]);
      const gp = gradientPenalty(critic, real, fake, alpha, loss.weight);
      const total = tf.add(base, gp);
      keep("loss", total);
      keep("gp", gp);
      keep("wasserstein", tf.neg(base));
      return total;
    }, dVars);
    return { grads: out.grads, kept: out.kept };
  });
  model.dOptimizer.apply(grads);
  tf.dispose(grads);
  if (loss.kind === "wgan-clip") clipWeights(dVars, loss.clip);
  return read(kept);
}

/** One generator update on noise z [K, n, maxLatent]. */
export function generatorStep(model: GanModel, z: tf.Tensor3D): StepValues {
  const loss = model.config.loss;
  const gVars = mlpVariables(model.generator);
  const { grads, kept } = tf.tidy(() =>
    lossAndGrads((keep) => {
      const value = generatorLoss(loss, scores(loss, discriminate(model, generate(model, z))));
      keep("loss", value);
      return value;
    }, gVars),
  );
  model.gOptimizer.apply(grads);
  tf.dispose(grads);
  return read(kept);
}
