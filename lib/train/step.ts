/**
 * One critic (D) update and one generator (G) update of an ensemble of K GANs. The total loss
 * differentiated is the SUM of the K members' losses, so member k's weights receive exactly
 * the gradient of its own loss. Each update computes the gradients of one network's variables
 * only: a D update cannot move G and vice versa.
 *
 * Two ways to get the gradients, with the same values:
 * - MLP networks, losses with first derivatives only, no condition: the backward passes written
 *   out (lib/nn/backprop.ts) and tf.grads only for ∂loss/∂scores on the few [K, batch] scores.
 *   The critic's real and fake passes stay separate and their weight gradients are summed, as
 *   autodiff does (one pass over the concatenated batch rounds differently, and Adam turns
 *   rounding differences of near-zero gradients into differences of order η);
 * - everything else (conv and style networks, conditional GANs, WGAN-GP whose penalty
 *   differentiates ∇ₓD again): tf.variableGrads over the whole graph.
 * test/unit/nn-backprop.test.ts checks that both give the same gradients.
 *
 * Conditional GANs (config.condition, lib/train/config.ts): G reads [z, c]; in a critic update
 * the fakes are generated for the real batch's classes c, so real and fake pairs line up (the
 * gradient penalty interpolates them).
 *   concat:    positives D(x, c); negatives D(G(z, c), c) and, with `mismatched`, D(x, c̃)
 *   two-head:  realism r(x) vs r(G(z, c)); match m(x, c) vs m(x, c̃)
 * where c̃ is a wrong class and a batch of negatives of two kinds is one concatenated batch, so
 * the loss's batch mean weighs each kind ½.
 */
import * as tf from "@tensorflow/tfjs";
import * as adv from "../losses/adversarial";
import { fganDiscriminatorLoss, fganGeneratorLoss } from "../losses/fgan";
import { sphereDiscriminatorLoss, sphereGeneratorLoss } from "../losses/sphere";
import { clipWeights, gradientPenalty } from "../losses/penalty";
import { backward, forwardTrace, traceOutput } from "../nn/backprop";
import { needsDoubleBackprop, type GanLoss } from "./config";
import { gradientsOf, type UpdateValues } from "./minimize";
import { discriminate, generate, type GanModel } from "./model";

/** Per-member values of one update, each [K]: "loss" (what was minimised) and extras such as "gp". */
export type StepValues = UpdateValues;

/** D output [K, n, out] → the scores the losses read ([K, n], or [K, n, out] for Sphere GAN). */
function toScores(loss: GanLoss, out: tf.Tensor3D): tf.Tensor {
  return loss.kind === "sphere" ? out : tf.reshape(out, out.shape.slice(0, 2));
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
      return sphereDiscriminatorLoss(real, fake, loss.moments, loss.route);
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
      return sphereGeneratorLoss(fake, loss.moments, loss.route);
  }
}

/**
 * How gradients are computed: "auto" = written-out backward passes where they apply (module
 * comment); "autodiff" = tf.variableGrads always (the reference the tests compare with).
 */
export type GradientMethod = "auto" | "autodiff";

/** Gradients of one update, in the order of the network's variables, and the values kept for reading. */
export interface UpdateGradients {
  grads: tf.Tensor[];
  kept: UpdateValues;
}

/** The inputs of one critic update. `classes`/`wrong`: one-hot [K, n, classes] (conditional GANs). */
export interface CriticBatch {
  real: tf.Tensor3D;
  z: tf.Tensor3D;
  /** WGAN-GP interpolation weights [K, n, 1]. */
  alpha?: tf.Tensor3D;
  classes?: tf.Tensor3D;
  wrong?: tf.Tensor3D;
}

/** The inputs of one generator update. */
export interface GeneratorBatch {
  z: tf.Tensor3D;
  classes?: tf.Tensor3D;
}

/** Whether the written-out MLP backward passes apply to this model's updates. */
function writtenOut(model: GanModel, method: GradientMethod): boolean {
  return method === "auto" && !needsDoubleBackprop(model.config.loss) && !model.config.condition && !!model.generator.mlp && !!model.discriminator.mlp;
}

/** [x, c] along the feature axis: [K, n, a] ‖ [K, n, b] → [K, n, a + b]; x when there is no c. */
function withCondition(x: tf.Tensor3D, c: tf.Tensor3D | undefined): tf.Tensor3D {
  return c ? (tf.concat([x, c], 2) as tf.Tensor3D) : x;
}

/** Two-head design: column 0 is "real?", columns 1.. the per-class "matches c?" scores. */
function realism(out: tf.Tensor3D): tf.Tensor {
  return tf.squeeze(tf.slice(out, [0, 0, 0], [-1, -1, 1]), [2]);
}
function match(out: tf.Tensor3D, c: tf.Tensor3D): tf.Tensor {
  return tf.sum(tf.mul(tf.slice(out, [0, 0, 1], [-1, -1, -1]), c), 2);
}

/** The critic's loss [K] (with the penalty for WGAN-GP) on one batch and its fakes, autodiff form. */
function criticObjective(model: GanModel, b: CriticBatch, fake: tf.Tensor3D): UpdateValues {
  const { loss, condition } = model.config;
  const d = (x: tf.Tensor3D, c?: tf.Tensor3D) => discriminate(model, withCondition(x, c));
  let base: tf.Tensor;
  if (condition?.design === "two-head") {
    const outReal = d(b.real);
    base = tf.add(discriminatorLoss(loss, realism(outReal), realism(d(fake))), discriminatorLoss(loss, match(outReal, b.classes!), match(outReal, b.wrong!)));
  } else {
    const c = condition ? b.classes : undefined;
    const negatives = [toScores(loss, d(fake, c))];
    if (condition?.mismatched) negatives.push(toScores(loss, d(b.real, b.wrong)));
    base = discriminatorLoss(loss, toScores(loss, d(b.real, c)), negatives.length === 1 ? negatives[0] : tf.concat(negatives, 1));
  }
  if (loss.kind !== "wgan-gp") return { loss: base };
  if (!b.alpha) throw new Error("wgan-gp critic step needs alpha");
  const c = condition?.design === "concat" ? b.classes : undefined;
  const critic = (x: tf.Tensor3D) => realism(d(x, c));
  const gp = gradientPenalty(critic, b.real, fake, b.alpha, loss.weight, loss.oneSided);
  return { loss: tf.add(base, gp), gp, wasserstein: tf.neg(base) };
}

/** The generator's loss [K] on one batch, autodiff form. */
function generatorObjective(model: GanModel, b: GeneratorBatch): tf.Tensor {
  const { loss, condition } = model.config;
  const fake = generate(model, withCondition(b.z, b.classes));
  if (condition?.design === "two-head") {
    const out = discriminate(model, fake);
    return tf.add(generatorLoss(loss, realism(out)), generatorLoss(loss, match(out, b.classes!)));
  }
  return generatorLoss(loss, toScores(loss, discriminate(model, withCondition(fake, condition ? b.classes : undefined))));
}

/** ∂loss/∂scores for a [K] loss of the score tensors; the loss is kept as "loss". */
function scoreGrads(f: (...s: tf.Tensor[]) => tf.Tensor, scoreTensors: tf.Tensor[]): { grads: tf.Tensor[]; kept: UpdateValues } {
  let loss: tf.Tensor | undefined;
  const { value, grads } = tf.valueAndGrads((...s: tf.Tensor[]) => {
    const perMember = f(...s);
    loss = tf.keep(perMember);
    return tf.sum(perMember) as tf.Scalar;
  })(scoreTensors);
  value.dispose();
  return { grads, kept: { loss: loss! } };
}

/** Gradients of the critic loss with respect to D's variables (nothing is applied). */
export function discriminatorGradients(model: GanModel, b: CriticBatch, method: GradientMethod = "auto"): UpdateGradients {
  const loss = model.config.loss;
  if (!writtenOut(model, method)) {
    return tf.tidy(() => {
      const fake = generate(model, withCondition(b.z, b.classes));
      return gradientsOf(model.discriminator.variables, () => criticObjective(model, b, fake));
    });
  }
  const g = model.generator.mlp!;
  const d = model.discriminator.mlp!;
  return tf.tidy(() => {
    const fake = traceOutput(forwardTrace(g.net, b.z, g.mode));
    const realTrace = forwardTrace(d.net, b.real, d.mode);
    const traces = [realTrace, forwardTrace(d.net, fake, d.mode, realTrace)];
    const outs = traces.map(traceOutput);
    const { grads: dScores, kept } = scoreGrads((r, f) => discriminatorLoss(loss, r, f), outs.map((o) => toScores(loss, o)));
    const [gReal, gFake] = traces.map((trace, i) => backward(d.net, trace, tf.reshape(dScores[i], outs[i].shape) as tf.Tensor3D, { params: true, input: false }).params);
    return { grads: gReal.map((gr, i) => tf.add(gFake[i], gr)), kept };
  });
}

/** Gradients of the generator loss with respect to G's variables (nothing is applied). */
export function generatorGradients(model: GanModel, b: GeneratorBatch, method: GradientMethod = "auto"): UpdateGradients {
  const loss = model.config.loss;
  if (!writtenOut(model, method)) {
    return tf.tidy(() => gradientsOf(model.generator.variables, () => ({ loss: generatorObjective(model, b) })));
  }
  const g = model.generator.mlp!;
  const d = model.discriminator.mlp!;
  return tf.tidy(() => {
    const gTrace = forwardTrace(g.net, b.z, g.mode);
    const dTrace = forwardTrace(d.net, traceOutput(gTrace), d.mode);
    const out = traceOutput(dTrace);
    const { grads: [dScores], kept } = scoreGrads((s) => generatorLoss(loss, s), [toScores(loss, out)]);
    const dOut = tf.reshape(dScores, out.shape) as tf.Tensor3D;
    const dFake = backward(d.net, dTrace, dOut, { params: false, input: true }).input!;
    return { grads: backward(g.net, gTrace, dFake, { params: true, input: false }).params, kept };
  });
}

/**
 * One critic update; applies weight clipping for "wgan-clip". Returns the kept values (the
 * caller owns them); tensors passed in are not disposed.
 */
export function discriminatorStep(model: GanModel, b: CriticBatch): StepValues {
  const loss = model.config.loss;
  const { grads, kept } = discriminatorGradients(model, b);
  model.dOptimizer.apply(grads);
  tf.dispose(grads);
  if (loss.kind === "wgan-clip") clipWeights(model.discriminator.variables, loss.clip);
  return kept;
}

/** One generator update; returns the kept values (the caller owns them). */
export function generatorStep(model: GanModel, b: GeneratorBatch): StepValues {
  const { grads, kept } = generatorGradients(model, b);
  model.gOptimizer.apply(grads);
  tf.dispose(grads);
  return kept;
}
