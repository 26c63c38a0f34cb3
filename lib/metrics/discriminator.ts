/**
 * How hard the discriminator still works, per member of a trained GAN ensemble, from its score
 * s(x) (the logit; D(x) = σ(s(x)) is the probability "x is real"):
 *
 *   gap    Δ = mean_real σ(s(x)) − mean_fake σ(s(x))  ∈ [−1, 1]
 *          0 when D scores real and generated points alike: at the equilibrium p_G = p_data the
 *          optimal D* = p_data / (p_data + p_G) is ½ everywhere; an optimal D against a
 *          generator far from the data gets Δ close to 1;
 *   slope  mean over the real points of ‖∇ₓ s(x)‖: how steep D's score is where the data are
 *          (a flat D gives the generator no direction).
 *
 * A discriminator "slacking off" is a small gap (and slope) while the generator is still far
 * from the data. The direction the non-saturating generator loss L_G = −log σ(s(x)) moves a
 * generated point x is the negative gradient
 *
 *   −∇ₓ L_G = (1 − σ(s(x))) · ∇ₓ s(x),
 *
 * what GAN Lab draws as arrows at fake samples ({@link generatorPush}).
 */
import type { GanModel } from "../train/model";
import { discriminatorGradients } from "../train/members";

const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));

/** Δ = mean σ(real scores) − mean σ(fake scores), from logits. */
export function scoreGap(realLogits: ArrayLike<number>, fakeLogits: ArrayLike<number>): number {
  if (realLogits.length === 0 || fakeLogits.length === 0) throw new RangeError(`scoreGap: needs scores on both sets, got ${realLogits.length} real and ${fakeLogits.length} fake`);
  let r = 0, f = 0;
  for (let i = 0; i < realLogits.length; i++) r += sigmoid(realLogits[i]);
  for (let i = 0; i < fakeLogits.length; i++) f += sigmoid(fakeLogits[i]);
  return r / realLogits.length - f / fakeLogits.length;
}

/** Mean Euclidean norm of the rows of `gradients` ([n, dim]). */
export function meanRowNorm(gradients: ArrayLike<number>, dim: number): number {
  const n = gradients.length / dim;
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`meanRowNorm: ${gradients.length} values are not n > 0 rows of ${dim}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let j = 0; j < dim; j++) sq += gradients[i * dim + j] ** 2;
    sum += Math.sqrt(sq);
  }
  return sum / n;
}

export interface DiscriminatorStats {
  /** per member Δ */
  gap: number[];
  /** per member mean ‖∇ₓ s‖ on the real points */
  slope: number[];
}

/**
 * Gap and slope of every member: `real` ([n, dim]) is scored by all members, `fakes[k]`
 * ([n, dim]) by member k (its own generator's samples).
 */
export function discriminatorStats(model: GanModel, real: ArrayLike<number>, fakes: ArrayLike<number>[], n: number): DiscriminatorStats {
  const dim = model.config.data.dim;
  const onReal = discriminatorGradients(model, fakes.map(() => real), n);
  const onFake = discriminatorGradients(model, fakes, n);
  return {
    gap: onReal.logits.map((s, k) => scoreGap(s, onFake.logits[k])),
    slope: onReal.gradients.map((g) => meanRowNorm(g, dim)),
  };
}

/** (1 − σ(s))·∇ₓ s per point: logits [n], gradients [n, dim] → [n, dim]. */
export function generatorPush(logits: ArrayLike<number>, gradients: ArrayLike<number>): Float32Array {
  const n = logits.length;
  const dim = gradients.length / n;
  if (!(Number.isInteger(dim) && dim > 0)) throw new RangeError(`generatorPush: ${gradients.length} gradient values for ${n} logits`);
  const out = new Float32Array(gradients.length);
  for (let i = 0; i < n; i++) {
    const w = 1 - sigmoid(logits[i]);
    for (let j = 0; j < dim; j++) out[i * dim + j] = w * gradients[i * dim + j];
  }
  return out;
}

/** Member k's push at its points `at` ([n, dim]): the arrows of an animation frame. */
export function memberPush(model: GanModel, k: number, at: ArrayLike<number>, n: number): Float32Array {
  const K = model.config.members.length;
  if (!(Number.isInteger(k) && k >= 0 && k < K)) throw new RangeError(`memberPush: member ${k} not in 0..${K - 1}`);
  const inputs = Array.from({ length: K }, (_, j) => (j === k ? at : new Float32Array(n * model.config.data.dim)));
  const { logits, gradients } = discriminatorGradients(model, inputs, n);
  return generatorPush(logits[k], gradients[k]);
}
