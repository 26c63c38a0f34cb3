/**
 * Latent priors p(z) in d dimensions, one vocabulary for the geometry lessons and for training:
 *
 *   normal:          z ~ N(0, I_d)
 *   uniform:         z ~ U[low, high)^d, each coordinate independently
 *   sphere:          z = r·u, u uniform on the unit sphere S^{d−1}, r = `radius` fixed
 *   uniform-radius:  z = ρ·u, u uniform on S^{d−1}, ρ ~ U[0, `maxRadius`)   (not uniform in the ball)
 *
 * The sphere priors draw u = g/‖g‖ from g ~ N(0, I_d) (rotation invariance of the normal),
 * then the radius; a draw of n vectors is row-major [n, d]. Draws consume the Rng in a fixed
 * order, so the same seed gives the same vectors on every machine.
 */
import type { Rng } from "../util/rng";

export type LatentPrior =
  | { kind: "normal" }
  | { kind: "uniform"; low: number; high: number }
  | { kind: "sphere"; radius: number }
  | { kind: "uniform-radius"; maxRadius: number };

/** Throws a message naming the bad field of a prior. */
export function validatePrior(p: LatentPrior): void {
  const bad = (what: string) => {
    throw new RangeError(`latent prior ${JSON.stringify(p)}: ${what}`);
  };
  if (p.kind === "uniform" && !(p.low < p.high)) bad(`low ${p.low} must be below high ${p.high}`);
  if (p.kind === "sphere" && !(p.radius > 0)) bad(`radius ${p.radius} must be > 0`);
  if (p.kind === "uniform-radius" && !(p.maxRadius > 0)) bad(`maxRadius ${p.maxRadius} must be > 0`);
}

/** n draws of p(z) in dimension d: [n, d] row-major. */
export function sampleLatent(prior: LatentPrior, rng: Rng, n: number, d: number): Float64Array {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`latent dimension must be an integer ≥ 1, got ${d}`);
  switch (prior.kind) {
    case "normal":
      return rng.normalArray(n * d);
    case "uniform":
      return rng.uniformArray(n * d, prior.low, prior.high);
    case "sphere":
    case "uniform-radius": {
      const out = rng.normalArray(n * d);
      for (let i = 0; i < n; i++) {
        let sq = 0;
        for (let j = 0; j < d; j++) sq += out[i * d + j] ** 2;
        const r = prior.kind === "sphere" ? prior.radius : prior.maxRadius * rng.uniform();
        const scale = r / Math.sqrt(sq);
        for (let j = 0; j < d; j++) out[i * d + j] *= scale;
      }
      return out;
    }
  }
}

/** The range a plot of the first latent coordinate should span: most of p(z)'s mass. */
export function latentPlotRange(prior: LatentPrior): [number, number] {
  switch (prior.kind) {
    case "normal":
      return [-2.5, 2.5];
    case "uniform":
      return [prior.low, prior.high];
    case "sphere":
      return [-prior.radius, prior.radius];
    case "uniform-radius":
      return [-prior.maxRadius, prior.maxRadius];
  }
}
