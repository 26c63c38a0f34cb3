/**
 * Sphere GAN (Park & Kwon, CVPR 2019). The discriminator outputs u ∈ ℝⁿ, mapped onto the unit
 * sphere Sⁿ ⊂ ℝⁿ⁺¹ by the inverse stereographic projection
 *
 *   Π⁻¹(u) = ( 2u / (‖u‖² + 1),  (‖u‖² − 1) / (‖u‖² + 1) ),
 *
 * and scored by its geodesic distance to the north pole N = (0, …, 0, 1):
 *
 *   d(u) = arccos(Π⁻¹(u) · N) = 2·arctan(1/‖u‖) = π − 2·arctan(‖u‖).
 *
 * With the single reference point N, d depends on u only through ‖u‖: the "sphere" is a bounded,
 * decreasing scalar head on the feature norm, and n only sets the width of the last layer.
 * Two routes compute the same d (float64 plain versions and the identity: lib/geometry/stereographic.ts):
 * - "norm" (default; the norm-only head): 2·atan2(1, ‖u‖), smooth in ‖u‖, with ‖u‖ computed as
 *   √(‖u‖² + ε), ε = 1e−12, so the gradient at u = 0 is 0, not NaN. atan2 keeps the relative
 *   precision of float32 near the pole too (π − 2·arctan(‖u‖) would cancel there: at ‖u‖ = 10³ it
 *   loses four digits).
 * - "projection" (the official code): arccos of the last coordinate of Π⁻¹(u). In float32 the last
 *   coordinate rounds to 1 once ‖u‖² > 2²⁴ (‖u‖ ≳ 4096), where arccos has an infinite slope; it
 *   is clipped to ±(1 − 2⁻²⁴) here (the gradient is 0 beyond the clip; the official code
 *   does not clip). Near the pole the projection loses precision: the two routes agree to about
 *   2⁻²⁴/sin d in float32.
 *
 * With moments r = 1..R (official code: R = 1, "3 suggested"), writing M(u) = Σ_r d(u)^r, as in
 * the official code (real samples get the label −1, fakes +1, loss = mean(label · M)):
 *   D loss = −E_real[M] + E_fake[M]    (real pushed away from N, fakes pulled towards it)
 *   G loss = −E_fake[M]                (fakes pushed away from N, towards the real side)
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

/**
 * d(u) = 2·arctan(1/‖u‖) = 2·atan2(1, ‖u‖), the norm-only head: u [..., n] → [...] in [0, π].
 */
export function distanceToNorthPole(u: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.add(tf.sum(tf.square(u), -1), NORM_EPS));
    return tf.mul(2, tf.atan2(tf.onesLike(norm), norm));
  });
}

/** The last coordinate of Π⁻¹(u) is clipped to ±(1 − 2⁻²⁴), the largest float32 below 1. */
const ACOS_CLIP = 1 - 2 ** -24;

/** d(u) = arccos(Π⁻¹(u)_{n+1}), the official code's route: u [..., n] → [...] in [0, π]. */
export function distanceViaProjection(u: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const lead = u.rank - 1;
    const begin = [...Array<number>(lead).fill(0), u.shape[lead]];
    const size = [...Array<number>(lead).fill(-1), 1];
    const last = tf.squeeze(tf.slice(inverseStereographic(u), begin, size), [lead]);
    return tf.acos(tf.clipByValue(last, -ACOS_CLIP, ACOS_CLIP));
  });
}

/** Which formula computes the distance to the pole (the same function, two numerical routes). */
export type SphereDistanceRoute = "norm" | "projection";

/** M(u) = Σ_{r=1}^{R} d(u)^r: u [..., batch, n] → [..., batch]. */
export function sphereMoments(u: tf.Tensor, moments: number, route: SphereDistanceRoute = "norm"): tf.Tensor {
  if (!(Number.isInteger(moments) && moments >= 1)) throw new Error(`sphere moments must be an integer >= 1, got ${moments}`);
  return tf.tidy(() => {
    const d = route === "norm" ? distanceToNorthPole(u) : distanceViaProjection(u);
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
export function sphereDiscriminatorLoss(realU: tf.Tensor, fakeU: tf.Tensor, moments: number, route: SphereDistanceRoute = "norm"): tf.Tensor {
  return tf.sub(batchMean(sphereMoments(fakeU, moments, route)), batchMean(sphereMoments(realU, moments, route)));
}

/** G loss −E_fake[M]; fakeU: [..., batch, n] → [...]. */
export function sphereGeneratorLoss(fakeU: tf.Tensor, moments: number, route: SphereDistanceRoute = "norm"): tf.Tensor {
  return tf.neg(batchMean(sphereMoments(fakeU, moments, route)));
}
