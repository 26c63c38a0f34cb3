/**
 * Exact k-nearest-neighbour queries under the Euclidean distance, any dimension, on a k-d tree
 * from mnemonist (`mnemonist/kd-tree`: static, built once, one point per node, median splits
 * cycling through the axes).
 *
 * Points come as a flat row-major set [n, dim] and are copied into one Float64Array per axis.
 * Distances are computed here, from the indices the tree returns, as
 *   d(q, pᵢ) = √(Σ_d (q_d − p_{i,d})²)   summed over d = 0..dim−1 in float64,
 * the same arithmetic as a brute-force loop, so a k-th neighbour distance does not depend on
 * how the tree breaks ties between equidistant points.
 *
 * Why this library: its squared distances are bit-for-bit those of the hand-written tree it
 * replaced (checked on 20,000 2-D and 3-D Gaussian points, self and cross queries, k = 5: every
 * k-th distance equal), so the kNN KL estimates of notebook 05 do not move. Measured here:
 * about 1.3× slower on such data (217 ms vs 164 ms for 20,000 self + cross queries in 2-D), and
 * far faster when many points coincide, as they do for a collapsed generator (50,000 2-D points
 * of which half are one point: 2.4 s vs 7.4 s). kdbush and flatbush are 2-D only;
 * @thi.ng/geom-accel's k-d tree is a map keyed by the point, so duplicate points would collapse.
 */
import KDTree from "mnemonist/kd-tree";
import type { Points } from "../toy/types";

export interface Neighbour {
  index: number;
  distance: number;
}

export class KdTree {
  readonly n: number;
  readonly dim: number;
  private readonly axes: Float64Array[];
  private readonly tree: KDTree<number> | undefined;

  constructor(points: Points, dim: number) {
    if (!(Number.isInteger(dim) && dim >= 1)) throw new Error(`KdTree: dim ${dim} must be a positive integer`);
    if (points.length % dim !== 0) throw new Error(`KdTree: ${points.length} values are not a multiple of dim ${dim}`);
    this.dim = dim;
    this.n = points.length / dim;
    for (let i = 0; i < points.length; i++) {
      if (!Number.isFinite(points[i])) throw new Error(`KdTree: coordinate ${i} is ${points[i]}`);
    }
    // one Float64Array per axis, [dim][n]
    this.axes = Array.from({ length: dim }, (_, d) => Float64Array.from({ length: this.n }, (_, i) => points[i * dim + d]));
    this.tree = this.n > 0 ? KDTree.fromAxes(this.axes) : undefined;
  }

  /** ‖q − p_index‖², summed over the axes in order (as a brute-force loop does). */
  private squaredDistance(query: ArrayLike<number>, index: number): number {
    let d2 = 0;
    for (let d = 0; d < this.dim; d++) {
      const diff = query[d] - this.axes[d][index];
      d2 += diff * diff;
    }
    return d2;
  }

  /**
   * The k nearest stored points to `query` (length dim), nearest first. `exclude` is a stored
   * index to skip (the query point itself when querying a set against its own tree).
   */
  nearest(query: ArrayLike<number>, k: number, exclude = -1): Neighbour[] {
    if (!(Number.isInteger(k) && k >= 1)) throw new Error(`KdTree.nearest: k ${k} must be a positive integer`);
    if (query.length !== this.dim) throw new Error(`KdTree.nearest: query has ${query.length} coordinates, the tree ${this.dim}`);
    const skipping = exclude >= 0 && exclude < this.n;
    const available = this.n - (skipping ? 1 : 0);
    if (k > available) throw new Error(`KdTree.nearest: k ${k} exceeds the ${available} candidate points`);
    // One extra neighbour when skipping: the k nearest without `exclude` are the k + 1 nearest
    // with `exclude` removed, or, when it is not among them, their first k.
    const found = this.tree!.kNearestNeighbors(k + (skipping ? 1 : 0), Array.from(query));
    const kept = found.filter((i) => i !== exclude).slice(0, k);
    return kept
      .map((index) => ({ index, distance: Math.sqrt(this.squaredDistance(query, index)) }))
      .sort((a, b) => a.distance - b.distance);
  }
}

/**
 * Distance from each query point [m, dim] to its k-th nearest neighbour in `tree`.
 * With `self` true the queries must be the tree's own points and point i skips itself
 * (by index, so an exact duplicate elsewhere in the set still counts at distance 0).
 */
export function kthNeighbourDistances(tree: KdTree, queries: Points, k: number, self = false): Float64Array {
  const m = queries.length / tree.dim;
  if (self && m !== tree.n) throw new Error(`kthNeighbourDistances: self query with ${m} points against a tree of ${tree.n}`);
  const out = new Float64Array(m);
  const q = new Float64Array(tree.dim);
  for (let i = 0; i < m; i++) {
    for (let d = 0; d < tree.dim; d++) q[d] = queries[i * tree.dim + d];
    const nb = tree.nearest(q, k, self ? i : -1);
    out[i] = nb[k - 1].distance;
  }
  return out;
}
