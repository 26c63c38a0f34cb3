/** Central differences (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h of a float64 function f at `at`, one per coordinate. */
export function finiteDifferences(f: (v: number[]) => number, at: number[], h = 1e-6): number[] {
  return at.map((_, i) => {
    const plus = at.slice();
    const minus = at.slice();
    plus[i] += h;
    minus[i] -= h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}
