/**
 * The Fréchet distance between two Gaussians fitted to feature vectors (Heusel et al. 2017's
 * FID, here in the penultimate-layer space of a small CNN instead of Inception's):
 *
 *   FD = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½)
 *
 * with μ the mean and Σ the unbiased covariance (divisor n − 1) of each set of rows [n, d]; it is
 * the squared 2-Wasserstein distance between N(μ₁, Σ₁) and N(μ₂, Σ₂).
 *
 * The trace of the square root. Σ₁Σ₂ is not symmetric, but it is similar to the symmetric
 * positive semi-definite M = Σ₁^½ Σ₂ Σ₁^½ (Σ₁Σ₂ = Σ₁^½ M Σ₁^{−½} when Σ₁ is invertible, and by
 * continuity otherwise), so
 *
 *   Tr(Σ₁Σ₂)^½ = Σᵢ √λᵢ(M),   Σ₁^½ = V diag(√λ) Vᵀ from Σ₁ = V diag(λ) Vᵀ,
 *
 * both eigen-decompositions of symmetric matrices done by mathjs `eigs` (Jacobi rotations).
 * Unlike the Denman–Beavers iteration of mathjs `sqrtm` on Σ₁Σ₂ (which inverts its iterates),
 * this needs no regularisation when a covariance is singular: a collapsed generator whose
 * samples are all one image has Σ = 0, and features a ReLU never turns on have zero variance.
 * The tests check it against `sqrtm(Σ₁Σ₂)` on invertible cases and against closed forms.
 * Eigenvalues below zero (rounding) are clipped to 0.
 *
 * Cost: mathjs eigs is O(d⁴) in JavaScript; one FD took about 0.8 s at d = 64 and 5 s at
 * d = 128 on the 2-core machine under load, so the instruments use d = 64 features.
 */
import { eigs } from "mathjs";

/** Mean and unbiased covariance of n rows of width d. */
export interface GaussianStats {
  n: number;
  dim: number;
  /** [d] */
  mean: Float64Array;
  /** [d, d] row-major, divisor n − 1 */
  cov: Float64Array;
}

/** μ and Σ of `rows` (n·d values, row-major [n, d]) in float64. */
export function gaussianStats(rows: ArrayLike<number>, dim: number): GaussianStats {
  if (!(Number.isInteger(dim) && dim >= 1)) throw new Error(`gaussianStats: dim ${dim} is not an integer >= 1`);
  if (rows.length % dim !== 0) throw new Error(`gaussianStats: ${rows.length} values do not form rows of width ${dim}`);
  const n = rows.length / dim;
  if (n < 2) throw new Error(`gaussianStats: ${n} rows; a covariance needs at least 2`);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += rows[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= n;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) centred[j] = rows[i * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      for (let b = a; b < dim; b++) cov[a * dim + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b] / (n - 1);
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  return { n, dim, mean, cov };
}

function toRows(m: Float64Array, d: number, scale: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from(m.subarray(i * d, (i + 1) * d), (v) => v * scale));
}

/** Relative precision asked of mathjs eigs on matrices scaled to unit mean diagonal. */
const EIGS_PRECISION = 1e-10;

/** mathjs takes its symmetric (Jacobi) route only for exactly symmetric input: (R + Rᵀ)/2. */
function symmetrised(rows: number[][]): number[][] {
  const d = rows.length;
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) rows[j][i] = rows[i][j] = (rows[i][j] + rows[j][i]) / 2;
  return rows;
}

/** Eigenvalues and eigenvectors (columns of V, row-major [d, d]) of a symmetric matrix. */
function symmetricEigen(rows: number[][]): { values: number[]; vectors: Float64Array } {
  const d = rows.length;
  const { values, eigenvectors } = eigs(symmetrised(rows), { precision: EIGS_PRECISION });
  const vectors = new Float64Array(d * d);
  eigenvectors.forEach((e, k) => {
    const v = e.vector as number[];
    for (let i = 0; i < d; i++) vectors[i * d + k] = v[i];
  });
  return { values: values as number[], vectors };
}

/** C = A·B for row-major [d, d] matrices. */
function matMul(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k];
      if (aik === 0) continue;
      for (let j = 0; j < d; j++) c[i * d + j] += aik * b[k * d + j];
    }
  }
  return c;
}

function trace(m: Float64Array, d: number): number {
  let t = 0;
  for (let i = 0; i < d; i++) t += m[i * d + i];
  return t;
}

/**
 * Tr((AB)^½) for symmetric positive semi-definite A, B ([d, d] row-major), by the route of the
 * module comment. Both matrices are scaled by c = 2d / Tr(A + B) first (Tr(cA·cB)^½ = c·Tr(AB)^½)
 * so that mathjs's precision is relative.
 */
export function traceSqrtProduct(a: Float64Array, b: Float64Array, d: number): number {
  if (a.length !== d * d || b.length !== d * d) throw new Error(`traceSqrtProduct: matrices of ${a.length} and ${b.length} values for d = ${d}`);
  const total = trace(a, d) + trace(b, d);
  if (total === 0) return 0;
  const c = (2 * d) / total;
  const { values, vectors } = symmetricEigen(toRows(a, d, c));
  // Σ₁^½ = V diag(√λ⁺) Vᵀ
  const vs = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) vs[i * d + k] = vectors[i * d + k] * Math.sqrt(Math.max(values[k], 0));
  const root = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += vs[i * d + k] * vectors[j * d + k];
      root[i * d + j] = s;
      root[j * d + i] = s;
    }
  }
  const bScaled = Float64Array.from(b, (v) => v * c);
  const m = matMul(matMul(root, bScaled, d), root, d);
  const mu = eigs(symmetrised(toRows(m, d, 1)), { precision: EIGS_PRECISION, eigenvectors: false }).values as number[];
  return mu.reduce((s, v) => s + Math.sqrt(Math.max(v, 0)), 0) / c;
}

/** The three terms of FD and their sum. */
export interface FrechetParts {
  /** ‖μ₁ − μ₂‖² */
  meanTerm: number;
  /** Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½) */
  covTerm: number;
  fd: number;
}

export function frechetParts(p: GaussianStats, q: GaussianStats): FrechetParts {
  if (p.dim !== q.dim) throw new Error(`frechetDistance: feature widths ${p.dim} and ${q.dim} differ`);
  const d = p.dim;
  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (p.mean[j] - q.mean[j]) ** 2;
  const covTerm = trace(p.cov, d) + trace(q.cov, d) - 2 * traceSqrtProduct(p.cov, q.cov, d);
  return { meanTerm, covTerm, fd: meanTerm + covTerm };
}

/** FD between the Gaussians fitted to two feature sets (see the module comment). */
export function frechetDistance(p: GaussianStats, q: GaussianStats): number {
  return frechetParts(p, q).fd;
}
