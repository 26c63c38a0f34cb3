/**
 * Numerical Fenchel conjugates, the oracle for the closed forms of lib/stats/f-divergence.ts.
 *
 *   f*(t)  = sup_{u ∈ dom f}  (u·t − f(u)),
 *   f**(u) = sup_{t ∈ dom f*} (t·u − f*(t)),
 *
 * and for a closed convex f, f** = f (Fenchel–Moreau). For a convex f the objective
 * u ↦ u·t − f(u) is concave, so it has one maximum and a golden-section search finds it. The
 * domain (an open interval, possibly unbounded) is reached through a monotone map of a search
 * variable s ∈ [−S, S]:
 *
 *   (−∞, ∞): x = sinh s      (lo, ∞): x = lo + eˢ      (−∞, hi): x = hi − eˢ
 *   (lo, hi): x = lo + (hi − lo)/(1 + e⁻ˢ)
 *
 * A monotone map keeps a single maximum, and it reaches |x| up to sinh(S) or distances eˢ from
 * a finite end, so suprema at very large u or very close to an end of the domain are found.
 * When the maximiser sits at the edge of the search range, the supremum is approached at an
 * end of the domain or at infinity (it may be +∞: then t lies outside dom f*): the result says
 * so in `atSearchEdge`.
 */

/** The open interval (lo, hi); ±Infinity for an unbounded end. */
export interface Interval {
  lo: number;
  hi: number;
}

export const REAL_LINE: Interval = { lo: -Infinity, hi: Infinity };
export const POSITIVE_REALS: Interval = { lo: 0, hi: Infinity };

/** Whether lo < x < hi. */
export function inInterval(x: number, i: Interval): boolean {
  return x > i.lo && x < i.hi;
}

export interface NumericalSup {
  /** the largest value of the objective found */
  value: number;
  /** where it was found */
  argmax: number;
  /** the maximiser is at the edge of the search range: the supremum lies at an end of the domain (possibly +∞) */
  atSearchEdge: boolean;
}

/** Half-width S of the search range of s: sinh(40) ≈ 1.2·10¹⁷, e⁻⁴⁰ ≈ 4·10⁻¹⁸. */
export const SEARCH_HALF_WIDTH = 40;
const GOLDEN_ITERATIONS = 200;
/** a maximiser this close to ±S counts as "at the edge" */
const EDGE_MARGIN = 0.5;

function domainMap(domain: Interval): (s: number) => number {
  const { lo, hi } = domain;
  if (!(lo < hi)) throw new RangeError(`interval (${lo}, ${hi}) is empty: lo must be < hi`);
  const loFinite = Number.isFinite(lo), hiFinite = Number.isFinite(hi);
  if (!loFinite && !hiFinite) return Math.sinh;
  if (loFinite && !hiFinite) return (s) => lo + Math.exp(s);
  if (!loFinite && hiFinite) return (s) => hi - Math.exp(s);
  return (s) => lo + (hi - lo) / (1 + Math.exp(-s));
}

/**
 * sup of a concave (or single-peaked) objective over an open interval by golden-section search
 * on the mapped variable. NaN values of the objective count as −∞.
 */
export function supOverInterval(objective: (x: number) => number, domain: Interval): NumericalSup {
  const x = domainMap(domain);
  const phi = (s: number) => {
    const v = objective(x(s));
    return Number.isNaN(v) ? -Infinity : v;
  };
  const r = (Math.sqrt(5) - 1) / 2;
  let a = -SEARCH_HALF_WIDTH, b = SEARCH_HALF_WIDTH;
  let c = b - r * (b - a), d = a + r * (b - a);
  let fc = phi(c), fd = phi(d);
  for (let i = 0; i < GOLDEN_ITERATIONS && b - a > 1e-15 * (1 + Math.abs(a)); i++) {
    if (fc < fd) {
      a = c; c = d; fc = fd;
      d = a + r * (b - a); fd = phi(d);
    } else {
      b = d; d = c; fd = fc;
      c = b - r * (b - a); fc = phi(c);
    }
  }
  const s = fc >= fd ? c : d;
  return { value: Math.max(fc, fd), argmax: x(s), atSearchEdge: Math.abs(s) > SEARCH_HALF_WIDTH - EDGE_MARGIN };
}

/** f*(t) = sup_{u ∈ uDomain} (u·t − f(u)), numerically. */
export function numericalConjugate(f: (u: number) => number, t: number, uDomain: Interval): NumericalSup {
  return supOverInterval((u) => u * t - f(u), uDomain);
}

/** f**(u) = sup_{t ∈ dom f*} (t·u − f*(t)), numerically, from a (closed-form) conjugate. */
export function numericalBiconjugate(conjugate: (t: number) => number, u: number, conjugateDomain: Interval): NumericalSup {
  return supOverInterval((t) => t * u - conjugate(t), conjugateDomain);
}

/**
 * max over the grid of |f**(u) − f(u)|, f** computed numerically from `conjugate`: ≈ 0 (to the
 * search's precision) exactly when `conjugate` is the conjugate of f on the grid's range.
 */
export function biconjugateGap(f: (u: number) => number, conjugate: (t: number) => number, conjugateDomain: Interval, us: readonly number[]): number {
  let worst = 0;
  for (const u of us) worst = Math.max(worst, Math.abs(numericalBiconjugate(conjugate, u, conjugateDomain).value - f(u)));
  return worst;
}

/** max over the grid of |conjugate(t) − sup_u (u·t − f(u))|, the closed form against the numerical sup. */
export function conjugateGap(f: (u: number) => number, conjugate: (t: number) => number, uDomain: Interval, ts: readonly number[]): number {
  let worst = 0;
  for (const t of ts) worst = Math.max(worst, Math.abs(conjugate(t) - numericalConjugate(f, t, uDomain).value));
  return worst;
}

/**
 * The most negative second difference f(u − h) − 2f(u) + f(u + h) over the grid, divided by
 * h² (≈ min f″): ≥ 0, up to rounding, for a convex f. `h` is relative to u (h = step·u for
 * u > 0 grids, so it stays inside (0, ∞)).
 */
export function minSecondDifference(f: (u: number) => number, us: readonly number[], relativeStep = 1e-3): number {
  let worst = Infinity;
  for (const u of us) {
    const h = relativeStep * Math.max(Math.abs(u), 1e-3);
    worst = Math.min(worst, (f(u - h) - 2 * f(u) + f(u + h)) / (h * h));
  }
  return worst;
}
