/**
 * Great-circle walk in the latent space (after the reference code of "Walking in the latent
 * space of a GAN"):
 *
 *   r ~ χ(d)                       a typical radius (drawn as the norm of a fresh N(0, I_d) sample)
 *   u = a/‖a‖,  a ~ N(0, I_d)      a random unit direction
 *   w ~ N(0, I_d),  v = (w − (u·w)u)/‖…‖   a second unit direction, orthogonal to u
 *   z(t) = r·(cos(2πt)·u + sin(2πt)·v),   t = i/n,  i = 0..n−1
 *
 * so every z(t) has norm r and the walk is a closed loop (the point after the last would be
 * z(1) = z(0)). The reference uses n = 23 steps and 10 walks. Shapes: u, v [latentDim];
 * points [steps][latentDim].
 */
import { Rng } from "../util/rng";
import { combine, dot, norm, normalize, Vec } from "./vectors";

export interface GreatCircleWalk {
  /** radius, one draw from χ(latentDim) */
  radius: number;
  /** first unit direction, [latentDim] */
  u: Vec;
  /** second unit direction, orthogonal to u, [latentDim] */
  v: Vec;
  /** the parameters t = i/steps, [steps] */
  t: number[];
  /** z(tᵢ), [steps][latentDim] */
  points: Vec[];
}

/** The point z(t) = r(cos 2πt·u + sin 2πt·v) of a walk. */
export function greatCirclePoint(radius: number, u: Vec, v: Vec, t: number): Vec {
  const phi = 2 * Math.PI * t;
  return combine(radius * Math.cos(phi), u, radius * Math.sin(phi), v);
}

/** One great-circle walk of `steps` points in `latentDim` dimensions. */
export function greatCircleWalk(rng: Rng, latentDim: number, steps: number): GreatCircleWalk {
  if (!Number.isInteger(latentDim) || latentDim < 2) throw new RangeError(`a great circle needs latentDim ≥ 2, got ${latentDim}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be an integer ≥ 1, got ${steps}`);
  const radius = norm(rng.normalArray(latentDim));
  const u = normalize(rng.normalArray(latentDim));
  const w = rng.normalArray(latentDim);
  // Gram–Schmidt; a second pass removes the rounding left by the first
  let v = combine(1, w, -dot(u, w), u);
  v = normalize(combine(1, v, -dot(u, v), u));
  const t = Array.from({ length: steps }, (_, i) => i / steps);
  return { radius, u, v, t, points: t.map((ti) => greatCirclePoint(radius, u, v, ti)) };
}
