/**
 * The quantile-function view of a 1-D GAN: if U ~ U[−1, 1] then f(U) ~ N(0, 1) for
 *
 *   f(u) = Φ⁻¹((u + 1)/2)                (increasing; the normal quantile function)
 *
 * and equally for its mirror f(−u) (decreasing), the only two monotone maps that push U[−1, 1]
 * to N(0, 1). A generator G: [−1, 1] → ℝ trained on N(0, 1) should learn one of them.
 *
 * Error measures:
 * - RMSE between G and f on the midpoint grid uᵢ = −1 + (2i − 1)/M, i = 1..M (the grid avoids
 *   the endpoints where f is infinite), against whichever of f(u), f(−u) is closer;
 * - the Wasserstein-1 distance between the empirical distribution of samples x₁…xₙ and N(0, 1),
 *   computed exactly: W₁ = ∫₀¹ |F̂⁻¹(t) − Φ⁻¹(t)| dt = Σᵢ ∫_{(i−1)/n}^{i/n} |x₍ᵢ₎ − Φ⁻¹(t)| dt with
 *   x₍ᵢ₎ sorted and ∫ₐᵇ Φ⁻¹(t) dt = φ(Φ⁻¹(a)) − φ(Φ⁻¹(b)); each interval is split at t = Φ(x₍ᵢ₎).
 */
import { normalCdf, normalPdf, normalQuantile } from "./normal";

/** The increasing map f(u) = Φ⁻¹((u + 1)/2), u ∈ [−1, 1]. */
export function uniformToNormal(u: number): number {
  return normalQuantile((u + 1) / 2);
}

/** Midpoint grid of M points on [−1, 1]: uᵢ = −1 + (2i − 1)/M. */
export function uGrid(m: number): Float64Array {
  if (!(Number.isInteger(m) && m >= 1)) throw new Error(`uGrid: M ${m} must be a positive integer`);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = -1 + (2 * i + 1) / m;
  return out;
}

export interface QuantileMapError {
  /** RMSE against the closer of the two true maps. */
  rmse: number;
  /** Largest absolute difference against that map. */
  maxAbs: number;
  /** Which map was closer. */
  orientation: "increasing" | "decreasing";
}

/** Error of learned values g[i] = G(u[i]) against the true monotone map. */
export function quantileMapError(u: ArrayLike<number>, g: ArrayLike<number>): QuantileMapError {
  if (u.length !== g.length || u.length === 0) throw new Error(`quantileMapError: ${u.length} grid points, ${g.length} values`);
  const score = (sign: number) => {
    let s2 = 0;
    let mx = 0;
    for (let i = 0; i < u.length; i++) {
      const d = g[i] - uniformToNormal(sign * u[i]);
      s2 += d * d;
      mx = Math.max(mx, Math.abs(d));
    }
    return { rmse: Math.sqrt(s2 / u.length), maxAbs: mx };
  };
  const inc = score(1);
  const dec = score(-1);
  return inc.rmse <= dec.rmse ? { ...inc, orientation: "increasing" } : { ...dec, orientation: "decreasing" };
}

/** φ(Φ⁻¹(t)), with the limits 0 at t = 0 and t = 1. */
function pdfAtQuantile(t: number): number {
  return t <= 0 || t >= 1 ? 0 : normalPdf(normalQuantile(t));
}

/** Exact W₁ between the empirical distribution of `samples` and N(0, 1). */
export function wasserstein1ToNormal(samples: ArrayLike<number>): number {
  const xs = Float64Array.from(samples).sort();
  const n = xs.length;
  if (n === 0) throw new Error("wasserstein1ToNormal: no samples");
  let total = 0;
  let a = 0;
  let pa = 0; // φ(Φ⁻¹(a))
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (!Number.isFinite(x)) return Infinity;
    const b = (i + 1) / n;
    const pb = pdfAtQuantile(b);
    // Φ⁻¹ < x on [a, t*), > x on (t*, b].
    const tStar = Math.min(b, Math.max(a, normalCdf(x)));
    const ps = tStar === a ? pa : tStar === b ? pb : normalPdf(x);
    total += x * (tStar - a) - (pa - ps) + (ps - pb) - x * (b - tStar);
    a = b;
    pa = pb;
  }
  return total;
}
