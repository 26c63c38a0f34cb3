/**
 * Sphere GAN (Park & Kwon, CVPR 2019). The discriminator outputs u ∈ ℝⁿ, mapped onto the unit
 * sphere Sⁿ ⊂ ℝⁿ⁺¹ by the inverse stereographic projection
 *
 *   Π⁻¹(u) = ( 2u / (‖u‖² + 1),  (‖u‖² − 1) / (‖u‖² + 1) ),
 *
 * and scored by its geodesic distance to the north pole N = (0, …, 0, 1):
 *
 *   d(u) = arccos(Π⁻¹(u) · N) = 2·arctan(1/‖u‖) = π − 2·arctan(‖u‖),
 *
 * the last form being smooth in ‖u‖ (arccos has an infinite slope at ±1). ‖u‖ is computed as
 * √(‖u‖² + ε) with ε = 1e−12 so the gradient at u = 0 is 0, not NaN.
 *
 * With moments r = 1..R (official code: R = 1), writing M(u) = Σ_r d(u)^r:
 *   D loss = −E_real[M] + E_fake[M]    (real pushed away from N, fakes pulled towards it)
 *   G loss = −E_fake[M]
 */
import * as tf from "@tensorflow/tfjs";
import { batchMean } from "./reduce";

const NORM_EPS = 1e-12;

/** Π⁻¹(u): u [..., n] → p [..., n + 1] on the unit sphere. */
export function inverseStereographic(u: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const sq = tf.sum(tf.square(u), -1, true);
    const denom = tf.add(sq, 1);
    return tf.concat([tf.div(tf.mul(2, u), denom), tf.div(tf.sub(sq, 1), denom)], -1);
  });
}

/** d(u) = π − 2·arctan(‖u‖): u [..., n] → [...] in [0, π]. */
export function distanceToNorthPole(u: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.add(tf.sum(tf.square(u), -1), NORM_EPS));
    return tf.sub(Math.PI, tf.mul(2, tf.atan(norm)));
  });
}

/** M(u) = Σ_{r=1}^{R} d(u)^r: u [..., batch, n] → [..., batch]. */
export function sphereMoments(u: tf.Tensor, moments: number): tf.Tensor {
  if (!(Number.isInteger(moments) && moments >= 1)) throw new Error(`sphere moments must be an integer >= 1, got ${moments}`);
  return tf.tidy(() => {
    const d = distanceToNorthPole(u);
    let power = d;
    let total = d;
    for (let r = 2; r <= moments; r++) {
      power = tf.mul(power, d);
      total = tf.add(total, power);
    }
    return total;
  });
}

/** D loss −E_real[M] + E_fake[M]; realU, fakeU: [..., batch, n] → [...]. */
export function sphereDiscriminatorLoss(realU: tf.Tensor, fakeU: tf.Tensor, moments: number): tf.Tensor {
  return tf.sub(batchMean(sphereMoments(fakeU, moments)), batchMean(sphereMoments(realU, moments)));
}

/** G loss −E_fake[M]; fakeU: [..., batch, n] → [...]. */
export function sphereGeneratorLoss(fakeU: tf.Tensor, moments: number): tf.Tensor {
  return tf.neg(batchMean(sphereMoments(fakeU, moments)));
}
