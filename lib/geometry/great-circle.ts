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

/**
 * How far a list of points, [steps][latentDim], is from a closed walk in equal steps on one
 * great circle, each measure relative to the mean norm r̄:
 *
 *   norm      max |‖zᵢ‖ − r̄| / r̄                          (all points on one sphere)
 *   chord     max |‖z₍ᵢ₊₁₎ mod n − zᵢ‖ − c̄| / r̄, c̄ the mean chord, the wrap-around chord from
 *             the last point back to the first included (equal steps, and the loop closes)
 *   plane     max distance of zᵢ from the plane of z₀ and z₁, / r̄   (one circle, not a spiral)
 *
 * All three are 0 for the article's walk up to rounding; an open arc (the last step not
 * returning to z₀), a non-orthogonal second direction (the norm varies) or points off the
 * plane make one of them large.
 */
export interface GreatCircleCheck {
  maxNormDeviation: number;
  maxChordDeviation: number;
  maxPlaneDistance: number;
}

/** Relative tolerance for `isClosedGreatCircle`: float64 rounding over 100 coordinates stays below 1e−14. */
export const GREAT_CIRCLE_TOLERANCE = 1e-12;

/** The three deviations of `points` from a closed, equal-step great-circle walk. */
export function greatCircleCheck(points: Vec[]): GreatCircleCheck {
  const n = points.length;
  if (n < 3) throw new RangeError(`greatCircleCheck: needs at least 3 points, got ${n}`);
  const norms = points.map((z) => norm(z));
  const r = norms.reduce((s, x) => s + x, 0) / n;
  const chords = points.map((z, i) => norm(combine(1, points[(i + 1) % n], -1, z)));
  const c = chords.reduce((s, x) => s + x, 0) / n;
  const e1 = normalize(points[0]);
  const e2 = normalize(combine(1, points[1], -dot(points[1], e1), e1));
  const planeDistance = (z: Vec) => {
    const inPlane = combine(dot(z, e1), e1, dot(z, e2), e2);
    return norm(combine(1, z, -1, inPlane));
  };
  return {
    maxNormDeviation: Math.max(...norms.map((x) => Math.abs(x - r))) / r,
    maxChordDeviation: Math.max(...chords.map((x) => Math.abs(x - c))) / r,
    maxPlaneDistance: Math.max(...points.map(planeDistance)) / r,
  };
}

/** True when all three deviations of the check are within `tolerance`. */
export function isClosedGreatCircle(check: GreatCircleCheck, tolerance = GREAT_CIRCLE_TOLERANCE): boolean {
  return check.maxNormDeviation <= tolerance && check.maxChordDeviation <= tolerance && check.maxPlaneDistance <= tolerance;
}
