/**
 * GANSpace's route for generators without a w space (BigGAN): principal components of an early
 * layer's activations y, carried back to latent directions by linear regression.
 *
 *   whitened coordinates   aⱼ = diag(1/σ) Vᵀ(yⱼ − μ)   [k] for sample j, σₖ = √λₖ
 *   regression             M = argmin_M ‖A·M − Z‖²_F   (A [N, k], Z [N, m]; no intercept)
 *                          = (AᵀA)⁻¹ AᵀZ               (normal equations: mathjs lup, lusolve)
 *   latent direction k     uₖ = M[k, :] / ‖M[k, :]‖    (row k: the z that moves coordinate k by 1)
 *
 * The fit's R² is 1 − ‖A·M − Z‖²_F / ‖Z‖²_F, taken about 0 because the model has no intercept
 * (z has mean 0, so this is close to the centred R²). It says how much of z a linear function of
 * the k whitened coordinates recovers; the reading notes' doubt is exactly whether such a linear
 * map can stand in for the non-linear map z → y.
 */
import { flatten, lup, lusolve } from "mathjs";
import { projectRows, type Pca } from "./pca";

/** aⱼ = Vᵀ(yⱼ − μ)/σ on the first k components → [n, k]. */
export function whitenedCoordinates(p: Pca, rows: ArrayLike<number>, k: number): Float64Array {
  const coords = projectRows(p, rows, k);
  const sd = Array.from(p.variances.subarray(0, k), (v, q) => {
    if (!(v > 0)) throw new RangeError(`whitenedCoordinates: component ${q} has variance ${v}; it cannot be whitened`);
    return Math.sqrt(v);
  });
  for (let i = 0; i < coords.length; i++) coords[i] /= sd[i % k];
  return coords;
}

export interface LeastSquaresFit {
  /** M [k, m] row-major */
  coefficients: Float64Array;
  k: number;
  m: number;
  /** 1 − ‖AM − Z‖²/‖Z‖² (uncentred; see the module comment) */
  r2: number;
}

/** min_M ‖A·M − Z‖²_F for A [n, k] and Z [n, m] (row-major), no intercept. */
export function leastSquares(a: ArrayLike<number>, k: number, z: ArrayLike<number>, m: number): LeastSquaresFit {
  if (a.length % k !== 0 || z.length % m !== 0 || a.length / k !== z.length / m) {
    throw new RangeError(`leastSquares: A has ${a.length} values (width ${k}) and Z ${z.length} (width ${m}); they need the same number of rows`);
  }
  const n = a.length / k;
  if (n < k) throw new RangeError(`leastSquares: ${n} rows for ${k} unknowns per column`);
  const ata = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const atz = Array.from({ length: k }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const ap = a[i * k + p];
      for (let q = p; q < k; q++) ata[p][q] += ap * a[i * k + q];
      for (let c = 0; c < m; c++) atz[p][c] += ap * z[i * m + c];
    }
  }
  for (let p = 0; p < k; p++) for (let q = 0; q < p; q++) ata[p][q] = ata[q][p];
  const factors = lup(ata); // one LU factorisation, one solve per column of Z
  const coefficients = new Float64Array(k * m);
  for (let c = 0; c < m; c++) {
    // an LU result gives a DenseMatrix [k, 1]; flatten() reads its values in order
    const column = flatten(lusolve(factors, atz.map((row) => row[c]))).valueOf() as number[];
    for (let p = 0; p < k; p++) coefficients[p * m + c] = column[p];
  }
  let residual = 0, total = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      let fit = 0;
      for (let p = 0; p < k; p++) fit += a[i * k + p] * coefficients[p * m + c];
      residual += (z[i * m + c] - fit) ** 2;
      total += z[i * m + c] ** 2;
    }
  }
  return { coefficients, k, m, r2: 1 - residual / total };
}

/** Row q of M normalised: the unit latent direction of component q → [k, m] rows. */
export function latentDirections(fit: LeastSquaresFit): Float64Array {
  const { k, m } = fit;
  const out = new Float64Array(k * m);
  for (let q = 0; q < k; q++) {
    const row = fit.coefficients.subarray(q * m, (q + 1) * m);
    const norm = Math.hypot(...row);
    if (!(norm > 0)) throw new RangeError(`latentDirections: row ${q} of M is zero`);
    for (let c = 0; c < m; c++) out[q * m + c] = row[c] / norm;
  }
  return out;
}
