/**
 * How linear a generator's outputs are along a ray z = r·û, and how linear its first layer is.
 *
 * Least squares line through points (rᵢ, yᵢ), i = 1…m:
 *   slope b = Σ(rᵢ − r̄)(yᵢ − ȳ) / Σ(rᵢ − r̄)²,  intercept a = ȳ − b·r̄,
 *   R² = 1 − SS_res / SS_tot,  SS_res = Σ(yᵢ − a − b·rᵢ)²,  SS_tot = Σ(yᵢ − ȳ)²
 * (R² = 1 for a straight line; for a constant y, SS_tot = 0 and the line fits exactly: R² = 1).
 *
 * A ReLU network with biases is piecewise linear in r along a ray: G(r·û) = A_k·r + c_k on each
 * interval where no unit changes sign. Without biases it is positively homogeneous (c_k = 0 and
 * one piece: G(αz) = αG(z), α > 0). With them, the pieces end at kinks; past the last kink
 * (large r, where r·W û dominates every bias) one line holds to infinity.
 *
 * Monotone: a curve is non-monotone when it both rises and falls by more than `tolerance` in
 * total between successive grid points (float32 rounding alone moves a value by ~1e−6).
 *
 * First-layer homogeneity: with G₁(z) = z·W + b,
 *   e(z, α) = ‖G₁(αz) − αG₁(z)‖ / ‖αG₁(z)‖ = |1 − α|·‖b‖ / (α‖z·W + b‖),
 * 0 for a linear layer (b = 0) at every α, growing with the bias for an affine one.
 */

export interface LineFit {
  slope: number;
  intercept: number;
  r2: number;
}

/** Least squares line y ≈ intercept + slope·x with its R² (module comment). Needs ≥ 2 distinct x. */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const m = x.length;
  if (y.length !== m || m < 2) throw new RangeError(`linearFit: needs as many y as x and at least 2 points, got ${m} x and ${y.length} y`);
  let sx = 0, sy = 0;
  for (let i = 0; i < m; i++) { sx += x[i]; sy += y[i]; }
  const mx = sx / m, my = sy / m;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0) throw new RangeError("linearFit: all x are equal; a slope needs two distinct x");
  const slope = sxy / sxx, intercept = my - slope * mx;
  let res = 0;
  for (let i = 0; i < m; i++) res += (y[i] - intercept - slope * x[i]) ** 2;
  return { slope, intercept, r2: syy === 0 ? 1 : 1 - res / syy };
}

/** R² of the line fitted to the points with lo ≤ rᵢ ≤ hi (at least 3 of them). */
export function r2OnInterval(radii: readonly number[], curve: ArrayLike<number>, lo: number, hi: number): number {
  if (curve.length !== radii.length) throw new RangeError(`r2OnInterval: ${curve.length} values for ${radii.length} radii`);
  const idx = radii.flatMap((r, i) => (r >= lo && r <= hi ? [i] : []));
  if (idx.length < 3) throw new RangeError(`r2OnInterval: [${lo}, ${hi}] holds ${idx.length} radii of the grid; needs at least 3`);
  return linearFit(idx.map((i) => radii[i]), idx.map((i) => curve[i])).r2;
}

/** Default tolerance of {@link isMonotone}, in the curve's units (pre-tanh values are O(1–10)). */
export const MONOTONE_TOLERANCE = 1e-4;

/** True unless the curve both rises and falls by more than `tolerance` (total of each). */
export function isMonotone(values: ArrayLike<number>, tolerance = MONOTONE_TOLERANCE): boolean {
  let rise = 0, fall = 0;
  for (let i = 1; i < values.length; i++) {
    const d = values[i] - values[i - 1];
    if (d > 0) rise += d;
    else fall -= d;
  }
  return rise <= tolerance || fall <= tolerance;
}

/**
 * Curves of `outputs` [rays·radii, width] (ray w's radius i at row w·radii + i): the values of
 * column `unit` along ray `ray` → [radii].
 */
export function rayCurve(outputs: ArrayLike<number>, width: number, radii: number, ray: number, unit: number): Float64Array {
  if (!(unit >= 0 && unit < width) || (ray + 1) * radii * width > outputs.length) throw new RangeError(`rayCurve: ray ${ray}, unit ${unit} outside ${outputs.length / (radii * width)} rays × ${width} units`);
  return Float64Array.from({ length: radii }, (_, i) => outputs[(ray * radii + i) * width + unit]);
}

/** e(z, α) per row from G₁(z) and G₁(αz), each [n, width] (module comment) → [n]. */
export function homogeneityErrors(g1z: ArrayLike<number>, g1az: ArrayLike<number>, alpha: number, width: number): Float64Array {
  if (!(alpha > 0)) throw new RangeError(`homogeneityErrors: alpha must be > 0, got ${alpha}`);
  if (g1z.length !== g1az.length || g1z.length % width !== 0) throw new RangeError(`homogeneityErrors: ${g1z.length} and ${g1az.length} values, rows of ${width}`);
  const n = g1z.length / width;
  return Float64Array.from({ length: n }, (_, i) => {
    let diff = 0, ref = 0;
    for (let j = 0; j < width; j++) {
      const scaled = alpha * g1z[i * width + j];
      diff += (g1az[i * width + j] - scaled) ** 2;
      ref += scaled ** 2;
    }
    if (ref === 0) throw new RangeError(`homogeneityErrors: row ${i} has G₁(z) = 0`);
    return Math.sqrt(diff / ref);
  });
}
