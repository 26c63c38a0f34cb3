/**
 * Shared types of the 2-D toy datasets.
 *
 * Point sets are flat row-major arrays: a set of n points in d dimensions is a
 * `Float64Array` of length n·d, point i at [i·d, i·d + d).  Toy sets are 2-D: [n, 2].
 */

/** The part of `Rng` (lib/util/rng.ts) a sampler needs; any seeded `Rng` satisfies it. */
export interface RandomSource {
  /** U[0, 1) */
  uniform(): number;
  /** N(0, 1) */
  normal(): number;
  /** uniform on {0, …, n−1} */
  int(n: number): number;
}

/** Flat row-major point set [n, dim]. */
export type Points = Float64Array | Float32Array | number[];

export type ToyName =
  | "gaussian"
  | "eight-gaussians"
  | "spiral"
  | "wgan-8gaussians"
  | "wgan-25gaussians"
  | "wgan-swissroll";

export interface ToyDataset {
  name: ToyName;
  /** One-line formula, for captions. */
  formula: string;
  /** Plots use the square [−axis, axis]². */
  axis: number;
  /** n samples, [n, 2] row-major. */
  sample(n: number, rng: RandomSource): Float64Array;
  /** Mode centres, [modes][2]; empty for a set without isolated modes (spiral, swiss roll). */
  modes: readonly (readonly [number, number])[];
  /** Standard deviation of each isotropic mode (mixtures); undefined otherwise. */
  modeStd?: number;
  /** log p(x, y) in closed form where one exists; −Infinity off the support. */
  logDensity?: (x: number, y: number) => number;
}

/** Labelled 2-D toy data: points [n, 2] with the index of the mode each came from. */
export interface LabelledToy {
  name: string;
  classes: number;
  /** Mode centres, [classes][2]: class k is drawn around centres[k]. */
  centres: readonly (readonly [number, number])[];
  axis: number;
  sample(n: number, rng: RandomSource): Float64Array;
  sampleLabelled(n: number, rng: RandomSource): { x: Float64Array; labels: Int32Array };
}
