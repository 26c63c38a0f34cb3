/**
 * A conditional GAN (Mirza & Osindero 2014) on labelled toy data, with the mismatched-pair
 * negatives of the f-GAN/WGAN lecture notes after Hung-yi Lee (Reed et al. 2016 call it the matching-aware
 * discriminator, "GAN-CLS"). With c a one-hot condition [batch, classes]:
 *
 *   G(z, c) = MLP_G([z, c])         z: [1, batch, latent], c: [1, batch, classes] → [1, batch, dim]
 *   D(x, c) = MLP_D([x, c])         → logits ℓ [1, batch]
 *
 * D learns to accept only real x WITH its own condition; it rejects generated x with the
 * condition it was generated for AND real x paired with a wrong condition c̃ ≠ c:
 *
 *   L_D = E[softplus(−ℓ(x, c))] + ½·( E[softplus(ℓ(G(z, c'), c'))] + E[softplus(ℓ(x, c̃))] )
 *   L_G = E[softplus(−ℓ(G(z, c'), c'))]                              (non-saturating)
 *
 * the ½ weighting of the two kinds of negatives as in GAN-CLS. Without the mismatched term D
 * could judge x alone, and G could ignore c; with it, D must read c.
 *
 * Networks are the engine's ensemble MLPs with K = 1 (lib/nn/mlp.ts), the optimizers the
 * engine's (lib/train/optimizers.ts), each bound to one network's variables.
 */
import * as tf from "@tensorflow/tfjs";
import { createMlp, disposeMlp, mlpForward, mlpVariables, type Mlp } from "../nn/mlp";
import { defaultDenseMode, type DenseMode } from "../nn/dense";
import { batchMean } from "../losses/reduce";
import { ringCentres, type Centre } from "../toy/mixture";
import { nearestCentre } from "../metrics/modes";
import { Rng } from "../util/rng";
import type { NetworkSpec } from "./config";
import { minimizeLoss } from "./minimize";
import { createOptimizer, type Optimizer, type OptimizerSpec } from "./optimizers";

/** Labelled real data: points [n, dim] row-major and their class in 0..classes−1. */
export interface LabelledData {
  name: string;
  classes: number;
  dim: number;
  sample(n: number, rng: Rng): { x: Float64Array; labels: Int32Array };
}

/** Mode k of `count` Gaussians (std `std`) on the circle of radius `radius`, with label k. */
export function labelledRing(count: number, radius: number, std: number): LabelledData & { centres: Centre[] } {
  const centres = ringCentres(count, radius);
  return {
    name: `labelled-ring-${count}-${radius}-${std}`,
    classes: count,
    dim: 2,
    centres,
    sample(n, rng) {
      const x = new Float64Array(2 * n);
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const k = rng.int(count);
        labels[i] = k;
        x[2 * i] = centres[k][0] + std * rng.normal();
        x[2 * i + 1] = centres[k][1] + std * rng.normal();
      }
      return { x, labels };
    },
  };
}

export interface ConditionalGanSpec {
  classes: number;
  latentDim: number;
  dataDim: number;
  generator: NetworkSpec;
  discriminator: NetworkSpec;
  optimizers: { d: OptimizerSpec; g: OptimizerSpec };
  seed: number;
}

export interface ConditionalGan {
  spec: ConditionalGanSpec;
  /** [1, batch, latent + classes] → [1, batch, dim] */
  generator: Mlp;
  /** [1, batch, dim + classes] → [1, batch, 1] */
  discriminator: Mlp;
  gOptimizer: Optimizer;
  dOptimizer: Optimizer;
  mode: DenseMode;
}

export function createConditionalGan(spec: ConditionalGanSpec): ConditionalGan {
  const rng = new Rng(spec.seed);
  const generator = createMlp({ inputDim: spec.latentDim + spec.classes, ...spec.generator }, [rng.child("G")]);
  const discriminator = createMlp({ inputDim: spec.dataDim + spec.classes, ...spec.discriminator }, [rng.child("D")]);
  return {
    spec,
    generator,
    discriminator,
    gOptimizer: createOptimizer(spec.optimizers.g, mlpVariables(generator)),
    dOptimizer: createOptimizer(spec.optimizers.d, mlpVariables(discriminator)),
    mode: defaultDenseMode(),
  };
}

export function disposeConditionalGan(model: ConditionalGan): void {
  disposeMlp(model.generator);
  disposeMlp(model.discriminator);
  model.gOptimizer.dispose();
  model.dOptimizer.dispose();
}

/** One-hot rows of `labels`: → [1, n, classes]. */
export function oneHot(labels: ArrayLike<number>, classes: number): tf.Tensor3D {
  return tf.tidy(() => tf.expandDims(tf.oneHot(tf.tensor1d(Array.from(labels), "int32"), classes).toFloat(), 0) as tf.Tensor3D);
}

/** G(z, c): z [1, n, latent], c [1, n, classes] → [1, n, dim]. */
export function conditionalGenerate(model: ConditionalGan, z: tf.Tensor3D, c: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => mlpForward(model.generator, tf.concat([z, c], 2) as tf.Tensor3D, model.mode));
}

/** ℓ = D(x, c): x [1, n, dim], c [1, n, classes] → logits [1, n]. */
export function conditionalDiscriminate(model: ConditionalGan, x: tf.Tensor3D, c: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => tf.squeeze(mlpForward(model.discriminator, tf.concat([x, c], 2) as tf.Tensor3D, model.mode), [2]) as tf.Tensor2D);
}

/** L_D from logits [..., batch] of matched real, generated and mismatched real pairs → [...]. */
export function conditionalDiscriminatorLoss(matched: tf.Tensor, fake: tf.Tensor, mismatched: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const negatives = tf.add(batchMean(tf.softplus(fake)), batchMean(tf.softplus(mismatched)));
    return tf.add(batchMean(tf.softplus(tf.neg(matched))), tf.mul(0.5, negatives));
  });
}

/** The inputs of one D and one G update. Conditions one-hot [1, n, classes]. */
export interface ConditionalBatch {
  x: tf.Tensor3D;
  /** the true classes of x */
  c: tf.Tensor3D;
  /** a wrong class for each x: (c + 1 + U{0..classes−2}) mod classes */
  cWrong: tf.Tensor3D;
  /** noise [1, n, latent] and the classes G is asked for, uniform */
  z: tf.Tensor3D;
  cFake: tf.Tensor3D;
}

/** A batch of n of everything, from `rng` (its own stream per step keeps runs reproducible). */
export function conditionalBatch(model: ConditionalGan, data: LabelledData, n: number, rng: Rng): ConditionalBatch {
  const { classes, latentDim } = model.spec;
  const { x, labels } = data.sample(n, rng.child("real"));
  const wr = rng.child("wrong");
  const wrong = Array.from(labels, (k) => (k + 1 + wr.int(classes - 1)) % classes);
  const fr = rng.child("fake-class");
  const fakeLabels = Array.from({ length: n }, () => fr.int(classes));
  return {
    x: tf.tensor3d(Float32Array.from(x), [1, n, data.dim]),
    c: oneHot(labels, classes),
    cWrong: oneHot(wrong, classes),
    z: tf.tensor3d(Float32Array.from(rng.child("z").normalArray(n * latentDim)), [1, n, latentDim]),
    cFake: oneHot(fakeLabels, classes),
  };
}

export function disposeBatch(b: ConditionalBatch): void {
  tf.dispose([b.x, b.c, b.cWrong, b.z, b.cFake]);
}

/** One D update (G fixed); returns L_D before it. */
export function conditionalDiscriminatorStep(model: ConditionalGan, b: ConditionalBatch): number {
  return minimizeLoss(model.dOptimizer, mlpVariables(model.discriminator), () => {
    const fake = conditionalGenerate(model, b.z, b.cFake);
    const loss = conditionalDiscriminatorLoss(
      conditionalDiscriminate(model, b.x, b.c),
      conditionalDiscriminate(model, fake, b.cFake),
      conditionalDiscriminate(model, b.x, b.cWrong),
    );
    return tf.sum(loss) as tf.Scalar;
  });
}

/** One G update (D fixed); returns L_G before it. */
export function conditionalGeneratorStep(model: ConditionalGan, b: ConditionalBatch): number {
  return minimizeLoss(model.gOptimizer, mlpVariables(model.generator), () => {
    const logits = conditionalDiscriminate(model, conditionalGenerate(model, b.z, b.cFake), b.cFake);
    return tf.sum(batchMean(tf.softplus(tf.neg(logits)))) as tf.Scalar;
  });
}

/** `steps` iterations of one D then one G update on batches of n; returns [step][L_D, L_G]. */
export function trainConditional(model: ConditionalGan, data: LabelledData, steps: number, n: number, seed: number): [number, number][] {
  const history: [number, number][] = [];
  for (let s = 0; s < steps; s++) {
    const b = conditionalBatch(model, data, n, new Rng(seed).child("step").child(s));
    history.push([conditionalDiscriminatorStep(model, b), conditionalGeneratorStep(model, b)]);
    disposeBatch(b);
  }
  return history;
}

/**
 * Fraction of samples G(z, k) whose nearest centre is centre k, over `perClass` samples of each
 * class k (z from `rng`). A generator that ignores its condition scores 1/classes on average.
 */
export function conditionalAccuracy(model: ConditionalGan, centres: readonly Centre[], perClass: number, rng: Rng): number {
  const classes = model.spec.classes;
  const labels = Array.from({ length: classes * perClass }, (_, i) => Math.floor(i / perClass));
  const n = labels.length;
  const points = tf.tidy(() => {
    const z = tf.tensor3d(Float32Array.from(rng.normalArray(n * model.spec.latentDim)), [1, n, model.spec.latentDim]);
    return conditionalGenerate(model, z, oneHot(labels, classes));
  });
  const xy = points.dataSync();
  points.dispose();
  let hits = 0;
  labels.forEach((k, i) => {
    if (nearestCentre(centres, xy[2 * i], xy[2 * i + 1]).index === k) hits++;
  });
  return hits / n;
}
