/**
 * CycleGAN (Zhu et al. 2017) on toy 2-D data: unpaired samples of two domains X and Y, two
 * generators G: X → Y and F: Y → X, two discriminators D_Y (real y vs G(x)) and D_X (real x vs
 * F(y)), least-squares adversarial losses as in the paper, and cycle consistency:
 *
 *   L_cyc = λ·( E_x ‖F(G(x)) − x‖₁ + E_y ‖G(F(y)) − y‖₁ )
 *   L_gen = ½E_x(D_Y(G(x)) − 1)² + ½E_y(D_X(F(y)) − 1)² + L_cyc        (G and F together)
 *   L_dis = ½E_y(D_Y(y) − 1)² + ½E_x D_Y(G(x))² + ½E_x(D_X(x) − 1)² + ½E_y D_X(F(y))²
 *
 * ‖·‖₁ is the L1 norm of a point (sum over coordinates), averaged over the batch as the paper
 * writes it; the official code's L1Loss also averages over coordinates (a factor 1/dim).
 * Paper default λ = 10. Every network is an engine MLP with K = 1 (x: [1, batch, dim]); one
 * optimizer moves G and F, another D_X and D_Y.
 */
import * as tf from "@tensorflow/tfjs";
import { createMlp, disposeMlp, mlpForward, mlpVariables, type Mlp } from "../nn/mlp";
import { defaultDenseMode, type DenseMode } from "../nn/dense";
import { leastSquaresDiscriminatorLoss, leastSquaresGeneratorLoss } from "../losses/adversarial";
import { batchMean } from "../losses/reduce";
import { Rng } from "../util/rng";
import type { RealData } from "./batches";
import type { NetworkSpec } from "./config";
import { minimizeLoss } from "./minimize";
import { createOptimizer, type Optimizer, type OptimizerSpec } from "./optimizers";

export interface CycleGanSpec {
  dim: number;
  generator: NetworkSpec;
  discriminator: NetworkSpec;
  optimizers: { generators: OptimizerSpec; discriminators: OptimizerSpec };
  /** weight λ of the cycle-consistency loss */
  lambda: number;
  seed: number;
}

export interface CycleGan {
  spec: CycleGanSpec;
  /** X → Y, [1, batch, dim] → [1, batch, dim] */
  g: Mlp;
  /** Y → X */
  f: Mlp;
  /** [1, batch, dim] → [1, batch, 1] */
  dX: Mlp;
  dY: Mlp;
  genOptimizer: Optimizer;
  discOptimizer: Optimizer;
  mode: DenseMode;
}

export function createCycleGan(spec: CycleGanSpec): CycleGan {
  const rng = new Rng(spec.seed);
  const net = (s: NetworkSpec, label: string) => createMlp({ inputDim: spec.dim, ...s }, [rng.child(label)]);
  const g = net(spec.generator, "G");
  const f = net(spec.generator, "F");
  const dX = net(spec.discriminator, "DX");
  const dY = net(spec.discriminator, "DY");
  return {
    spec,
    g,
    f,
    dX,
    dY,
    genOptimizer: createOptimizer(spec.optimizers.generators, [...mlpVariables(g), ...mlpVariables(f)]),
    discOptimizer: createOptimizer(spec.optimizers.discriminators, [...mlpVariables(dX), ...mlpVariables(dY)]),
    mode: defaultDenseMode(),
  };
}

export function disposeCycleGan(model: CycleGan): void {
  [model.g, model.f, model.dX, model.dY].forEach(disposeMlp);
  model.genOptimizer.dispose();
  model.discOptimizer.dispose();
}

/** Runs network `net` of the model on x [1, batch, dim]. */
export function apply(model: CycleGan, net: Mlp, x: tf.Tensor3D): tf.Tensor3D {
  return mlpForward(net, x, model.mode);
}

/** E‖a − b‖₁ over the batch: a, b [1, batch, dim] → [1]. */
function meanL1(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor {
  return batchMean(tf.sum(tf.abs(tf.sub(a, b)), 2));
}

/** The two terms E_x‖F(G(x)) − x‖₁ and E_y‖G(F(y)) − y‖₁ (without λ), each [1]. */
export function cycleTerms(model: CycleGan, x: tf.Tensor3D, y: tf.Tensor3D): { forward: tf.Tensor; backward: tf.Tensor } {
  return {
    forward: meanL1(apply(model, model.f, apply(model, model.g, x)), x),
    backward: meanL1(apply(model, model.g, apply(model, model.f, y)), y),
  };
}

/** L_cyc = λ(E_x‖F(G(x)) − x‖₁ + E_y‖G(F(y)) − y‖₁), a number. */
export function cycleLoss(model: CycleGan, x: tf.Tensor3D, y: tf.Tensor3D): number {
  const t = tf.tidy(() => {
    const { forward, backward } = cycleTerms(model, x, y);
    return tf.mul(model.spec.lambda, tf.sum(tf.add(forward, backward)));
  });
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

/** D scores [1, batch] of `net` on x [1, batch, dim]. */
function scores(model: CycleGan, net: Mlp, x: tf.Tensor3D): tf.Tensor {
  return tf.squeeze(apply(model, net, x), [2]);
}

/** One update of D_X and D_Y (G, F fixed); returns L_dis before it. */
export function cycleDiscriminatorStep(model: CycleGan, x: tf.Tensor3D, y: tf.Tensor3D): number {
  const vars = [...mlpVariables(model.dX), ...mlpVariables(model.dY)];
  return minimizeLoss(model.discOptimizer, vars, () => {
    const fakeY = apply(model, model.g, x);
    const fakeX = apply(model, model.f, y);
    const lY = leastSquaresDiscriminatorLoss(scores(model, model.dY, y), scores(model, model.dY, fakeY));
    const lX = leastSquaresDiscriminatorLoss(scores(model, model.dX, x), scores(model, model.dX, fakeX));
    return tf.sum(tf.add(lY, lX)) as tf.Scalar;
  });
}

/** One update of G and F (D_X, D_Y fixed) on L_gen; returns L_gen before it. */
export function cycleGeneratorStep(model: CycleGan, x: tf.Tensor3D, y: tf.Tensor3D): number {
  const vars = [...mlpVariables(model.g), ...mlpVariables(model.f)];
  return minimizeLoss(model.genOptimizer, vars, () => {
    const advY = leastSquaresGeneratorLoss(scores(model, model.dY, apply(model, model.g, x)));
    const advX = leastSquaresGeneratorLoss(scores(model, model.dX, apply(model, model.f, y)));
    const { forward, backward } = cycleTerms(model, x, y);
    const cyc = tf.mul(model.spec.lambda, tf.add(forward, backward));
    return tf.sum(tf.add(tf.add(advY, advX), cyc)) as tf.Scalar;
  });
}

/** n unpaired points of `data` → [1, n, dim]. */
export function domainBatch(data: RealData, dim: number, n: number, rng: Rng): tf.Tensor3D {
  return tf.tensor3d(Float32Array.from(data.sample(n, rng)), [1, n, dim]);
}

/**
 * `steps` iterations of one discriminator then one generator update on n points of each domain
 * (independent draws: the domains are unpaired); returns [step][L_dis, L_gen].
 */
export function trainCycle(model: CycleGan, dataX: RealData, dataY: RealData, steps: number, n: number, seed: number): [number, number][] {
  const history: [number, number][] = [];
  for (let s = 0; s < steps; s++) {
    const rng = new Rng(seed).child("step").child(s);
    const x = domainBatch(dataX, model.spec.dim, n, rng.child("x"));
    const y = domainBatch(dataY, model.spec.dim, n, rng.child("y"));
    history.push([cycleDiscriminatorStep(model, x, y), cycleGeneratorStep(model, x, y)]);
    tf.dispose([x, y]);
  }
  return history;
}

/** Domain `base` mapped by p ↦ R(angle)·p + shift, a second domain with a known true mapping. */
export function transformedData(base: RealData, angle: number, shift: readonly [number, number]): RealData {
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  return {
    name: `${base.name}-rot${angle.toFixed(4)}-shift${shift[0]},${shift[1]}`,
    sample(n, rng) {
      const p = base.sample(n, rng);
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = c * p[2 * i] - s * p[2 * i + 1] + shift[0];
        out[2 * i + 1] = s * p[2 * i] + c * p[2 * i + 1] + shift[1];
      }
      return out;
    },
  };
}
