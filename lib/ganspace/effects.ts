/**
 * What an edit does, in numbers: the factor reader's readings (lib/eval/factor-reader.ts) of an
 * edited image against the same start's other steps.
 *
 * Factor change between images i and j, each in units of the TYPICAL difference of that factor
 * between two independent sprites of the data (lib/data/sprites.ts draws every factor uniformly):
 *
 *   shape     total variation ½Σ|pᵢ − pⱼ| of the shape probabilities; two random sprites differ
 *             in shape with probability 3/4
 *   scale     ŝⱼ − ŝᵢ; E|a − b| = (hi − lo)/3 for a, b ~ U[lo, hi]: 4/3 px
 *   x, y      x̂ⱼ − x̂ᵢ; 12/3 = 4 px
 *   rotation  ‖r̂ⱼ − r̂ᵢ‖ of the read (cos kθ, sin kθ); two uniform angles: E|2 sin(Δ/2)| = 4/π
 *
 * so 1 means "as much as swapping in a random sprite". The effect of an edit per σ at one start
 * is the change between its steps at x = a and x = b divided by |b − a| (x in σ units).
 *
 * Purity of an effect vector e (one value per factor): max e / Σ e, between 1/5 (spread evenly)
 * and 1 (one factor only); its argmax is the component's main factor.
 */
import type { FactorEstimates } from "../eval/factor-reader";

export const FACTORS = ["shape", "scale", "x", "y", "rotation"] as const;
export type FactorName = (typeof FACTORS)[number];
export const FACTOR_COUNT = FACTORS.length;

/** E|f(a) − f(b)| for two independent data sprites (see the module comment). */
export const TYPICAL_DIFFERENCE: Readonly<Record<FactorName, number>> = { shape: 3 / 4, scale: 4 / 3, x: 4, y: 4, rotation: 4 / Math.PI };

/** Factors that have a sign (a direction of change). */
export const SIGNED_FACTORS: readonly FactorName[] = ["scale", "x", "y"];

const SHAPES = 4;

/** Normalised change from image i to image j: magnitudes [5] and signed values [5] (NaN for shape and rotation). */
export function factorChange(est: FactorEstimates, i: number, j: number): { magnitude: number[]; signed: number[] } {
  let tv = 0;
  for (let c = 0; c < SHAPES; c++) tv += Math.abs(est.shapeProbabilities[j * SHAPES + c] - est.shapeProbabilities[i * SHAPES + c]);
  const scale = (est.scale[j] - est.scale[i]) / TYPICAL_DIFFERENCE.scale;
  const x = (est.x[j] - est.x[i]) / TYPICAL_DIFFERENCE.x;
  const y = (est.y[j] - est.y[i]) / TYPICAL_DIFFERENCE.y;
  const rot = Math.hypot(est.rotationVector[2 * j] - est.rotationVector[2 * i], est.rotationVector[2 * j + 1] - est.rotationVector[2 * i + 1]) / TYPICAL_DIFFERENCE.rotation;
  const shape = tv / 2 / TYPICAL_DIFFERENCE.shape;
  return { magnitude: [shape, Math.abs(scale), Math.abs(x), Math.abs(y), rot], signed: [NaN, scale, x, y, NaN] };
}

/** Per-start effects of one edit: [S, 5] magnitudes and signed values (row-major). */
export interface EditEffects {
  starts: number;
  magnitude: Float64Array;
  signed: Float64Array;
}

/**
 * Effects per σ of an edit read from `est`, whose images are start-major [S·T] (start s at step
 * xs[i] is image s·T + i, as lib/ganspace/edits.ts makes them): the change from step `from` to
 * step `to` (indices into xs), divided by |xs[to] − xs[from]|.
 */
export function editEffects(est: FactorEstimates, xs: readonly number[], from: number, to: number, offset = 0, starts?: number): EditEffects {
  const t = xs.length;
  const span = Math.abs(xs[to] - xs[from]);
  if (!(span > 0)) throw new RangeError(`editEffects: steps ${from} and ${to} are the same x (${xs[from]})`);
  const s = starts ?? (est.shape.length - offset) / t;
  if (!Number.isInteger(s) || s < 1) throw new RangeError(`editEffects: ${est.shape.length - offset} readings do not form starts of ${t} steps`);
  const magnitude = new Float64Array(s * FACTOR_COUNT);
  const signed = new Float64Array(s * FACTOR_COUNT);
  for (let i = 0; i < s; i++) {
    const c = factorChange(est, offset + i * t + from, offset + i * t + to);
    for (let f = 0; f < FACTOR_COUNT; f++) {
      magnitude[i * FACTOR_COUNT + f] = c.magnitude[f] / span;
      signed[i * FACTOR_COUNT + f] = c.signed[f] / span;
    }
  }
  return { starts: s, magnitude, signed };
}

/** Column f of [S, 5] rows. */
export function factorColumn(rows: Float64Array, f: number): number[] {
  const s = rows.length / FACTOR_COUNT;
  return Array.from({ length: s }, (_, i) => rows[i * FACTOR_COUNT + f]);
}

/** Mean over starts of each factor's magnitude → [5]. */
export function meanEffect(e: EditEffects): number[] {
  return FACTORS.map((_, f) => factorColumn(e.magnitude, f).reduce((a, b) => a + b, 0) / e.starts);
}

/** max e / Σ e and the argmax (the main factor). */
export function purity(effect: readonly number[]): { purity: number; main: number } {
  const total = effect.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { purity: NaN, main: -1 };
  let main = 0;
  effect.forEach((v, f) => (v > effect[main] ? (main = f) : 0));
  return { purity: effect[main] / total, main };
}

/**
 * The largest |x| an edit tolerates at each start: `errors` [S·T] start-major (the re-rendering
 * error of each edited image), `xs` the steps (σ units, both signs). Tolerated = the largest
 * |x| such that every step with |x'| ≤ |x| has error ≤ `threshold`; 0 if even the smallest
 * nonzero |x| fails; the largest |x| of the grid if none fails (censored there).
 */
export function toleratedSteps(errors: ArrayLike<number>, xs: readonly number[], threshold: number): number[] {
  const t = xs.length;
  if (errors.length % t !== 0) throw new RangeError(`toleratedSteps: ${errors.length} errors do not form starts of ${t} steps`);
  const sizes = [...new Set(xs.map(Math.abs).filter((v) => v > 0))].sort((a, b) => a - b);
  return Array.from({ length: errors.length / t }, (_, s) => {
    let ok = 0;
    for (const size of sizes) {
      const fails = xs.some((x, i) => Math.abs(x) <= size && errors[s * t + i] > threshold);
      if (fails) break;
      ok = size;
    }
    return ok;
  });
}

/** Spread of a signed effect over starts: mean, sd, coefficient of variation sd/|mean| and the share of starts with the mean's sign. */
export function startSpread(values: readonly number[]): { mean: number; sd: number; cv: number; signAgreement: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const sign = Math.sign(mean);
  return { mean, sd, cv: sd / Math.abs(mean), signAgreement: values.filter((v) => Math.sign(v) === sign && sign !== 0).length / n };
}

/** Ranks 1..n, ties given their mean rank. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let q = i; q <= j; q++) r[order[q][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation: Pearson's correlation of the ranks (ties: mean ranks). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length < 2) throw new RangeError(`spearman: needs two series of equal length >= 2, got ${a.length} and ${b.length}`);
  const ra = ranks(a), rb = ranks(b);
  const n = a.length, ma = ra.reduce((s, v) => s + v, 0) / n, mb = rb.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Root-mean-square pixel change per σ between steps `from` and `to` of each start ([S·T, 784] start-major) → [S]. */
export function imageChange(images: ArrayLike<number>, xs: readonly number[], from: number, to: number): number[] {
  const t = xs.length, px = 784;
  const s = images.length / (t * px);
  const span = Math.abs(xs[to] - xs[from]);
  return Array.from({ length: s }, (_, i) => {
    let sum = 0;
    const a = (i * t + from) * px, b = (i * t + to) * px;
    for (let p = 0; p < px; p++) sum += (images[b + p] - images[a + p]) ** 2;
    return Math.sqrt(sum / px) / span;
  });
}
