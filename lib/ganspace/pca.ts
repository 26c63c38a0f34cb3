/**
 * Principal component analysis as GANSpace (Härkönen et al. 2020) uses it: the principal axes of
 * N samples of a latent code (w of a style-based generator, or an early layer's activations),
 *
 *   C = 1/(N − 1) · Σⱼ (xⱼ − μ)(xⱼ − μ)ᵀ = V Λ Vᵀ,   λ₁ ≥ λ₂ ≥ … ≥ λ_d ≥ 0,
 *
 * components vₖ = the k-th column of V (unit norm), explained-variance ratio λₖ / Tr C.
 *
 * Two routes, neither with an eigen-solver of its own:
 *
 * - {@link pcaFromCovariance}: the whole spectrum of C by mathjs `eigs` (Jacobi rotations on the
 *   exactly symmetric matrix). For d up to ~100 (w, z): cheap, exact to rounding. The
 *   covariance is accumulated in float64 chunk by chunk ({@link CovarianceAccumulator}), so N can
 *   be 10⁶ (the reference's published setting) without holding the samples: the result is the
 *   exact PCA of all N samples (the reference's incremental PCA only approximates it).
 * - {@link randomizedPca}: the top k components for large d (an early layer's 7·7·C activations),
 *   the randomized range finder of Halko, Martinsson & Tropp (2011, algorithms 4.4 and 5.3; the
 *   reference code offers the same method, fbpca, as one of its estimators):
 *     Y = C^(2q+1)·Ω (Ω [d, k + p] standard normal; re-orthonormalised by QR between the
 *     products), Q = qr(Y) [d, k + p], B = Qᵀ C Q [k + p, k + p] = U M Uᵀ by mathjs `eigs`,
 *     components Q·U, variances M.
 *   The products C·Y = Xcᵀ(Xc·Y)/(N − 1) are float32 matrix products of the centred samples
 *   Xc [N, d] (TensorFlow.js) and the QR is tf.linalg.qr; B is formed and decomposed in float64.
 *   Its error is ~(λ_{k+p+1}/λ_k)^(2q+1) relative: tiny once the spectrum has fallen by k + p.
 *
 * Signs: an eigenvector is defined up to its sign; each component is flipped so that its
 * largest-magnitude coordinate is positive, which makes results reproducible across runs.
 */
import * as tf from "@tensorflow/tfjs";
import { eigs } from "mathjs";
import type { Rng } from "../util/rng";

/** Mean and covariance (divisor n − 1) of n rows of width `dim`, float64. */
export interface CovarianceStats {
  n: number;
  dim: number;
  /** [d] */
  mean: Float64Array;
  /** [d, d] row-major */
  cov: Float64Array;
}

/**
 * Streaming float64 mean and covariance: rows are added in chunks. Sums are taken about a shift
 * s (the first row), Σ(x − s) and Σ(x − s)(x − s)ᵀ, so a large common offset costs no precision:
 *   μ = s + m,  C = (Σ(x − s)(x − s)ᵀ − n·m mᵀ)/(n − 1),  m = Σ(x − s)/n.
 */
export class CovarianceAccumulator {
  readonly dim: number;
  private count = 0;
  private shift: Float64Array | undefined;
  private readonly sum: Float64Array;
  /** upper triangle of Σ(x − s)(x − s)ᵀ, row-major [d, d] */
  private readonly outer: Float64Array;

  constructor(dim: number) {
    if (!(Number.isInteger(dim) && dim >= 1)) throw new RangeError(`CovarianceAccumulator: dim ${dim} is not an integer >= 1`);
    this.dim = dim;
    this.sum = new Float64Array(dim);
    this.outer = new Float64Array(dim * dim);
  }

  get n(): number {
    return this.count;
  }

  /** Adds rows (a multiple of `dim` values, row-major). */
  add(rows: ArrayLike<number>): void {
    const d = this.dim;
    if (rows.length % d !== 0) throw new RangeError(`CovarianceAccumulator.add: ${rows.length} values do not form rows of width ${d}`);
    const n = rows.length / d;
    if (n === 0) return;
    if (this.shift === undefined) this.shift = Float64Array.from({ length: d }, (_, j) => rows[j]);
    const s = this.shift;
    const c = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) c[j] = rows[i * d + j] - s[j];
      for (let a = 0; a < d; a++) {
        const ca = c[a];
        this.sum[a] += ca;
        if (ca === 0) continue;
        const row = a * d;
        for (let b = a; b < d; b++) this.outer[row + b] += ca * c[b];
      }
    }
    this.count += n;
  }

  result(): CovarianceStats {
    const d = this.dim, n = this.count;
    if (n < 2 || this.shift === undefined) throw new RangeError(`CovarianceAccumulator: ${n} rows; a covariance needs at least 2`);
    const m = Float64Array.from(this.sum, (v) => v / n);
    const cov = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const v = (this.outer[a * d + b] - n * m[a] * m[b]) / (n - 1);
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
    }
    const shift = this.shift;
    return { n, dim: d, mean: Float64Array.from(m, (v, j) => v + shift[j]), cov };
  }
}

/** The principal axes of a sample. */
export interface Pca {
  /** Width d of the data and number of samples N. */
  dim: number;
  n: number;
  /** μ [d] */
  mean: Float64Array;
  /** k components as rows [k, d], unit norm, by decreasing variance. */
  components: Float64Array;
  /** λ₁ ≥ … ≥ λ_k, the variances along the components [k]. */
  variances: Float64Array;
  /** Tr C, the total variance over all d dimensions. */
  totalVariance: number;
}

/** Number of components held. */
export function componentCount(p: Pca): number {
  return p.variances.length;
}

/** Component k (0-based) as a copy [d]. */
export function component(p: Pca, k: number): Float64Array {
  if (!(Number.isInteger(k) && k >= 0 && k < componentCount(p))) throw new RangeError(`component: k ${k} not in 0..${componentCount(p) - 1}`);
  return p.components.slice(k * p.dim, (k + 1) * p.dim);
}

/** λₖ / Tr C for the components held. */
export function explainedVarianceRatio(p: Pca): number[] {
  return Array.from(p.variances, (v) => v / p.totalVariance);
}

/** Flips v in place so that its largest-magnitude entry is positive. */
function fixSign(v: Float64Array): void {
  let at = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[at])) at = i;
  if (v[at] < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
}

/** mathjs takes its symmetric (Jacobi) route only for exactly symmetric input. */
function symmetricRows(m: ArrayLike<number>, d: number): number[][] {
  const rows = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => m[i * d + j]));
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) rows[j][i] = rows[i][j] = (rows[i][j] + rows[j][i]) / 2;
  return rows;
}

/** Relative precision asked of mathjs eigs (matrices are scaled to unit mean diagonal first). */
const EIGS_PRECISION = 1e-12;

/** Eigenpairs of a symmetric [d, d] matrix by mathjs eigs, by decreasing eigenvalue; vectors as rows [d, d]. */
export function symmetricEigenpairs(m: ArrayLike<number>, d: number): { values: Float64Array; vectors: Float64Array } {
  if (m.length !== d * d) throw new RangeError(`symmetricEigenpairs: ${m.length} values for a [${d}, ${d}] matrix`);
  let trace = 0;
  for (let i = 0; i < d; i++) trace += m[i * d + i];
  const scale = trace > 0 ? d / trace : 1;
  const rows = symmetricRows(Array.from(m, (v) => v * scale), d);
  const { eigenvectors } = eigs(rows, { precision: EIGS_PRECISION });
  const pairs = eigenvectors.map((e) => ({ value: (e.value as number) / scale, vector: Float64Array.from(e.vector as number[]) }));
  pairs.sort((a, b) => b.value - a.value);
  const vectors = new Float64Array(d * d);
  pairs.forEach((p, k) => {
    fixSign(p.vector);
    vectors.set(p.vector, k * d);
  });
  return { values: Float64Array.from(pairs, (p) => p.value), vectors };
}

/** PCA from a covariance (all d components, or the first k). */
export function pcaFromCovariance(stats: CovarianceStats, k = stats.dim): Pca {
  const d = stats.dim;
  if (!(Number.isInteger(k) && k >= 1 && k <= d)) throw new RangeError(`pcaFromCovariance: k ${k} not in 1..${d}`);
  const { values, vectors } = symmetricEigenpairs(stats.cov, d);
  let total = 0;
  for (let i = 0; i < d; i++) total += stats.cov[i * d + i];
  return { dim: d, n: stats.n, mean: stats.mean, components: vectors.slice(0, k * d), variances: Float64Array.from(values.subarray(0, k), (v) => Math.max(v, 0)), totalVariance: total };
}

/** Exact PCA of `rows` ([n, dim] row-major). */
export function pca(rows: ArrayLike<number>, dim: number, k = dim): Pca {
  const acc = new CovarianceAccumulator(dim);
  acc.add(rows);
  return pcaFromCovariance(acc.result(), k);
}

/** Coordinates Vᵀ(x − μ) of `rows` on the first k components → [n, k]. */
export function projectRows(p: Pca, rows: ArrayLike<number>, k = componentCount(p)): Float64Array {
  const d = p.dim;
  if (rows.length % d !== 0) throw new RangeError(`projectRows: ${rows.length} values do not form rows of width ${d}`);
  if (!(Number.isInteger(k) && k >= 1 && k <= componentCount(p))) throw new RangeError(`projectRows: k ${k} not in 1..${componentCount(p)}`);
  const n = rows.length / d;
  const out = new Float64Array(n * k);
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) c[j] = rows[i * d + j] - p.mean[j];
    for (let q = 0; q < k; q++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += p.components[q * d + j] * c[j];
      out[i * k + q] = s;
    }
  }
  return out;
}

export interface RandomizedPcaOptions {
  /** Extra columns p of the sketch beyond k (default 10). */
  oversample?: number;
  /** Power iterations q (default 2). */
  powerIterations?: number;
}

/** Orthonormal basis of the columns of y [d, l] (tf.linalg.qr, reduced). */
function orthonormal(y: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.linalg.qr(y, false)[0] as tf.Tensor2D);
}

/**
 * The top k principal axes of `rows` ([n, dim] row-major) by the randomized range finder (see
 * the module comment); `rng` draws the sketch Ω. The total variance is exact (float64).
 */
export function randomizedPca(rows: Float32Array, dim: number, k: number, rng: Rng, opts: RandomizedPcaOptions = {}): Pca {
  const d = dim;
  if (rows.length % d !== 0) throw new RangeError(`randomizedPca: ${rows.length} values do not form rows of width ${d}`);
  const n = rows.length / d;
  if (n < 2) throw new RangeError(`randomizedPca: ${n} rows; a covariance needs at least 2`);
  const l = Math.min(d, k + (opts.oversample ?? 10));
  const q = opts.powerIterations ?? 2;
  if (!(Number.isInteger(k) && k >= 1 && k <= l)) throw new RangeError(`randomizedPca: k ${k} not in 1..${Math.min(d, n)}`);
  if (!(Number.isInteger(q) && q >= 0)) throw new RangeError(`randomizedPca: powerIterations ${q} is not an integer >= 0`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) total += (rows[i * d + j] - mean[j]) ** 2;
  total /= n - 1;

  const xc = tf.tidy(() => tf.sub(tf.tensor2d(rows, [n, d]), tf.tensor2d(Float32Array.from(mean), [1, d])) as tf.Tensor2D);
  /** C·y = Xcᵀ(Xc·y)/(n − 1) */
  const times = (y: tf.Tensor2D) => tf.tidy(() => tf.div(tf.matMul(xc, tf.matMul(xc, y), true, false), n - 1) as tf.Tensor2D);
  let basis = orthonormal(tf.tidy(() => times(tf.tensor2d(Float32Array.from(rng.normalArray(d * l)), [d, l]))));
  for (let it = 0; it < q; it++) {
    const next = tf.tidy(() => orthonormal(times(basis)));
    basis.dispose();
    basis = next;
  }
  // B = Qᵀ C Q = (Xc Q)ᵀ (Xc Q)/(n − 1), formed in float64
  const t = tf.tidy(() => tf.matMul(xc, basis));
  const tv = t.dataSync();
  const qv = basis.dataSync();
  tf.dispose([t, basis, xc]);
  const b = new Float64Array(l * l);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < l; a++) {
      const ta = tv[i * l + a];
      for (let c = a; c < l; c++) b[a * l + c] += ta * tv[i * l + c];
    }
  }
  for (let a = 0; a < l; a++) for (let c = a; c < l; c++) b[c * l + a] = b[a * l + c] /= n - 1;
  const { values, vectors } = symmetricEigenpairs(b, l);
  const components = new Float64Array(k * d);
  for (let m = 0; m < k; m++) {
    const v = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += qv[j * l + a] * vectors[m * l + a];
      v[j] = s;
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += v[j] * v[j];
    norm = Math.sqrt(norm);
    for (let j = 0; j < d; j++) v[j] /= norm;
    fixSign(v);
    components.set(v, m * d);
  }
  return { dim: d, n, mean, components, variances: Float64Array.from(values.subarray(0, k), (v) => Math.max(v, 0)), totalVariance: total };
}
