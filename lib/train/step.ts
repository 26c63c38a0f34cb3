/**
 * One critic (D) update and one generator (G) update of an ensemble of K GANs. The total loss
 * differentiated is the SUM of the K members' losses, so member k's weights receive exactly
 * the gradient of its own loss. Each update computes the gradients of one network's variables
 * only: a D update cannot move G and vice versa.
 *
 * Two ways to get the gradients, with the same values:
 * - losses with first derivatives only (all but WGAN-GP): the MLPs' backward passes written out
 *   (lib/nn/backprop.ts) and tf.grads only for ∂loss/∂scores on the few [K, batch] scores. The
 *   critic's real and fake passes stay separate and their weight gradients are summed, as
 *   autodiff does (one pass over the concatenated batch rounds differently, and Adam turns
 *   rounding differences of near-zero gradients into differences of order η);
 * - WGAN-GP, whose penalty differentiates ∇ₓD again: tf.variableGrads over the whole graph.
 */
import * as tf from "@tensorflow/tfjs";
import * as adv from "../losses/adversarial";
import { fganDiscriminatorLoss, fganGeneratorLoss } from "../losses/fgan";
import { sphereDiscriminatorLoss, sphereGeneratorLoss } from "../losses/sphere";
import { clipWeights, gradientPenalty } from "../losses/penalty";
import { mlpVariables } from "../nn/mlp";
import { backward, forwardTrace, traceOutput } from "../nn/backprop";
import { needsDoubleBackprop, type GanLoss } from "./config";
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
 * How gradients are computed: "auto" = written-out backward passes unless the loss needs
 * second derivatives; "autodiff" = tf.variableGrads always (the reference the tests compare with).
 */
export type GradientMethod = "auto" | "autodiff";

/** Gradients of one update, in the order of mlpVariables, and the values kept for reading. */
export interface UpdateGradients {
  grads: tf.Tensor[];
  kept: Record<string, tf.Tensor>;
}

/**
 * One critic update on real [K, nReal, dim], noise z [K, nFake, maxLatent] and, for WGAN-GP,
 * interpolation weights alpha [K, n, 1] (n = nReal = nFake). Applies weight clipping for
 * "wgan-clip". Tensors passed in are not disposed.
 */
export function discriminatorStep(model: GanModel, real: tf.Tensor3D, z: tf.Tensor3D, alpha?: tf.Tensor3D): StepValues {
  const loss = model.config.loss;
  const { grads, kept } = discriminatorGradients(model, real, z, alpha);
  model.dOptimizer.apply(grads);
  tf.dispose(grads);
  if (loss.kind === "wgan-clip") clipWeights(mlpVariables(model.discriminator), loss.clip);
  return read(kept);
}

/** One generator update on noise z [K, n, maxLatent]. */
export function generatorStep(model: GanModel, z: tf.Tensor3D): StepValues {
  const { grads, kept } = generatorGradients(model, z);
  model.gOptimizer.apply(grads);
  tf.dispose(grads);
  return read(kept);
}

/** ∂loss/∂scores for a [K] loss of the score tensors; the loss is kept as "loss". */
function scoreGrads(f: (...s: tf.Tensor[]) => tf.Tensor, scoreTensors: tf.Tensor[]) {
  const kept: Record<string, tf.Tensor> = {};
  const { value, grads } = tf.valueAndGrads((...s: tf.Tensor[]) => {
    const perMember = f(...s);
    kept.loss = tf.keep(perMember);
    return tf.sum(perMember) as tf.Scalar;
  })(scoreTensors);
  value.dispose();
  return { grads, kept };
}

/** D output [K, n, out] → the scores the losses read ([K, n], or [K, n, out] for Sphere GAN). */
function toScores(loss: GanLoss, out: tf.Tensor3D): tf.Tensor {
  return loss.kind === "sphere" ? out : tf.reshape(out, out.shape.slice(0, 2));
}

/** Gradients of the critic loss with respect to D's variables (nothing is applied). */
export function discriminatorGradients(model: GanModel, real: tf.Tensor3D, z: tf.Tensor3D, alpha?: tf.Tensor3D, method: GradientMethod = "auto"): UpdateGradients {
  const loss = model.config.loss;
  if (method === "autodiff" || needsDoubleBackprop(loss)) return discriminatorGradientsAutodiff(model, real, z, alpha);
  return tf.tidy(() => {
    const fake = traceOutput(forwardTrace(model.generator, z, model.modes.g));
    const realTrace = forwardTrace(model.discriminator, real, model.modes.d);
    const traces = [realTrace, forwardTrace(model.discriminator, fake, model.modes.d, realTrace)];
    const outs = traces.map(traceOutput);
    const { grads: dScores, kept } = scoreGrads((r, f) => discriminatorLoss(loss, r, f), outs.map((o) => toScores(loss, o)));
    const [gReal, gFake] = traces.map(
      (trace, i) => backward(model.discriminator, trace, tf.reshape(dScores[i], outs[i].shape) as tf.Tensor3D, { params: true, input: false }).params,
    );
    return { grads: gReal.map((g, i) => tf.add(gFake[i], g)), kept };
  });
}

function discriminatorGradientsAutodiff(model: GanModel, real: tf.Tensor3D, z: tf.Tensor3D, alpha?: tf.Tensor3D): UpdateGradients {
  const loss = model.config.loss;
  const dVars = mlpVariables(model.discriminator);
  return tf.tidy(() => {
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
}

/** Gradients of the generator loss with respect to G's variables (nothing is applied). */
export function generatorGradients(model: GanModel, z: tf.Tensor3D, method: GradientMethod = "auto"): UpdateGradients {
  const loss = model.config.loss;
  return tf.tidy(() => {
    if (method === "autodiff" || needsDoubleBackprop(loss)) {
      return lossAndGrads((keep) => {
        const value = generatorLoss(loss, scores(loss, discriminate(model, generate(model, z))));
        keep("loss", value);
        return value;
      }, mlpVariables(model.generator));
    }
    const gTrace = forwardTrace(model.generator, z, model.modes.g);
    const dTrace = forwardTrace(model.discriminator, traceOutput(gTrace), model.modes.d);
    const out = traceOutput(dTrace);
    const { grads: [dScores], kept } = scoreGrads((s) => generatorLoss(loss, s), [toScores(loss, out)]);
    const dOut = tf.reshape(dScores, out.shape) as tf.Tensor3D;
    const dFake = backward(model.discriminator, dTrace, dOut, { params: false, input: true }).input!;
    return { grads: backward(model.generator, gTrace, dFake, { params: true, input: false }).params, kept };
  });
}
