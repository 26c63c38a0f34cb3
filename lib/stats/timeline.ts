/**
 * Values recorded at increasing positions (training steps, seconds of wall-clock time) read at
 * any position in between: the linear interpolation between the two neighbouring records,
 *
 *   y(x) = y_i + (x − x_i)·(y_{i+1} − y_i)/(x_{i+1} − x_i)   for x_i ≤ x ≤ x_{i+1},
 *
 * so two runs recorded on different grids (a GAN that takes 3× longer per iteration) can be
 * compared at the same time. Outside [x_0, x_last] there is no value: an error, not an
 * extrapolation.
 */

/** y at x by linear interpolation between the records (xs strictly increasing). */
export function interpolateAt(xs: readonly number[], ys: readonly number[], x: number): number {
  if (xs.length !== ys.length || xs.length === 0) throw new RangeError(`interpolateAt: ${xs.length} positions and ${ys.length} values (need equal, non-zero lengths)`);
  for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1])) throw new RangeError(`interpolateAt: positions must increase strictly, got ${xs[i - 1]} then ${xs[i]} at index ${i}`);
  if (!(x >= xs[0] && x <= xs[xs.length - 1])) throw new RangeError(`interpolateAt: x = ${x} outside the recorded range [${xs[0]}, ${xs[xs.length - 1]}]`);
  let i = 0;
  while (i < xs.length - 1 && xs[i + 1] < x) i++;
  if (i === xs.length - 1 || xs[i] === x) return ys[i];
  return ys[i] + ((x - xs[i]) * (ys[i + 1] - ys[i])) / (xs[i + 1] - xs[i]);
}
