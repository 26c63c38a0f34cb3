/**
 * Composite Simpson's rule for a definite integral of a smooth function:
 *
 *   ∫_a^b g(x) dx ≈ h/3 · [g(x₀) + 4g(x₁) + 2g(x₂) + … + 4g(x_{m−1}) + g(x_m)],  h = (b − a)/m,
 *
 * m even; the error is O(h⁴ · max|g⁗|). Used for the exact angle statistics and the notebook's
 * check that the overlaid densities integrate to one.
 *
 * Written here because mathjs (already a dependency) has no numerical integration and npm has
 * no widely used, maintained quadrature package (the few that exist are downloaded a few hundred
 * times a month); the rule is ten lines and its tests check it against exact integrals.
 */
export function simpson(g: (x: number) => number, a: number, b: number, intervals: number): number {
  if (!Number.isInteger(intervals) || intervals < 2 || intervals % 2 !== 0) {
    throw new RangeError(`simpson: intervals must be an even integer ≥ 2, got ${intervals}`);
  }
  const h = (b - a) / intervals;
  let s = g(a) + g(b);
  for (let i = 1; i < intervals; i++) s += (i % 2 === 1 ? 4 : 2) * g(a + i * h);
  return (s * h) / 3;
}
