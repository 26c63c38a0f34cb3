/**
 * Adversarial losses on discriminator / critic scores. Every function takes per-sample scores
 * shaped [..., batch] (e.g. [K, batch] for an ensemble, [batch] for one network) and returns the
 * batch mean, shaped [...]. Both players minimise their loss.
 *
 * Cross-entropy losses take logits ℓ = D(x) before the sigmoid and use the softplus form,
 * log σ(ℓ) = −softplus(−ℓ) and log(1 − σ(ℓ)) = −softplus(ℓ), which never forms log(0).
 */
import * as tf from "@tensorflow/tfjs";
import { batchMean } from "./reduce";

/** D, binary cross-entropy: E_real[softplus(−ℓ)] + E_fake[softplus(ℓ)] = −E log σ(ℓ_r) − E log(1 − σ(ℓ_f)). */
export function bceDiscriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Tensor {
  return tf.add(batchMean(tf.softplus(tf.neg(realLogits))), batchMean(tf.softplus(fakeLogits)));
}

/** G, minimax (saturating) form of the original GAN: E_fake[log(1 − σ(ℓ))] = −E_fake[softplus(ℓ)]. */
export function bceGeneratorMinimaxLoss(fakeLogits: tf.Tensor): tf.Tensor {
  return tf.neg(batchMean(tf.softplus(fakeLogits)));
}

/** G, non-saturating form: −E_fake[log σ(ℓ)] = E_fake[softplus(−ℓ)]. */
export function bceGeneratorNonSaturatingLoss(fakeLogits: tf.Tensor): tf.Tensor {
  return batchMean(tf.softplus(tf.neg(fakeLogits)));
}

/** D, least squares (LSGAN, a = 0, b = 1): ½E_real[(s − 1)²] + ½E_fake[s²]. */
export function leastSquaresDiscriminatorLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Tensor {
  const real = batchMean(tf.square(tf.sub(realScores, 1)));
  const fake = batchMean(tf.square(fakeScores));
  return tf.mul(0.5, tf.add(real, fake));
}

/** G, least squares (c = 1): ½E_fake[(s − 1)²]. */
export function leastSquaresGeneratorLoss(fakeScores: tf.Tensor): tf.Tensor {
  return tf.mul(0.5, batchMean(tf.square(tf.sub(fakeScores, 1))));
}

/** D, hinge: E_real[max(0, 1 − s)] + E_fake[max(0, 1 + s)]. */
export function hingeDiscriminatorLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Tensor {
  return tf.add(batchMean(tf.relu(tf.sub(1, realScores))), batchMean(tf.relu(tf.add(1, fakeScores))));
}

/** G of the hinge and Wasserstein GANs: −E_fake[s]. */
export function criticGeneratorLoss(fakeScores: tf.Tensor): tf.Tensor {
  return tf.neg(batchMean(fakeScores));
}

/**
 * Critic of the Wasserstein GAN: E_fake[s] − E_real[s], the negative of the Kantorovich–Rubinstein
 * estimate of W₁ (the critic must be kept ~1-Lipschitz: weight clipping or a gradient penalty).
 */
export function wassersteinCriticLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Tensor {
  return tf.sub(batchMean(fakeScores), batchMean(realScores));
}
