/**
 * A k-d tree for exact k-nearest-neighbour queries under the Euclidean distance, any dimension.
 *
 * Built once over a flat row-major point set [n, dim] (the points are copied): each inner node
 * splits its slice of the index permutation at the median of the coordinate with the largest
 * spread; slices of at most LEAF_SIZE points are leaves. A query descends the near side first
 * and visits the far side only while the squared distance to the splitting plane is below the
 * current k-th best. Build O(n log n) expected, a query in low dimension O(log n + k) typical.
 */
import type { Points } from "../toy/types";

/** Leaves this small are scanned linearly: cheaper than more tree levels. */
const LEAF_SIZE = 8;

export interface Neighbour {
  index: number;
  distance: number;
}

export class KdTree {
  readonly n: number;
  readonly dim: number;
  private readonly pts: Float64Array;
  private readonly perm: Int32Array;
  // Node arrays; node 0 is the root. Leaves have splitDim = −1.
  private lo: number[] = [];
  private hi: number[] = [];
  private splitDim: number[] = [];
  private splitVal: number[] = [];
  private left: number[] = [];
  private right: number[] = [];

  constructor(points: Points, dim: number) {
    if (!(Number.isInteger(dim) && dim >= 1)) throw new Error(`KdTree: dim ${dim} must be a positive integer`);
    if (points.length % dim !== 0) throw new Error(`KdTree: ${points.length} values are not a multiple of dim ${dim}`);
    this.dim = dim;
    this.n = points.length / dim;
    this.pts = Float64Array.from(points);
    for (let i = 0; i < this.pts.length; i++) {
      if (!Number.isFinite(this.pts[i])) throw new Error(`KdTree: coordinate ${i} is ${this.pts[i]}`);
    }
    this.perm = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) this.perm[i] = i;
    if (this.n > 0) this.build(0, this.n);
  }

  private coord(i: number, d: number): number {
    return this.pts[i * this.dim + d];
  }

  private build(lo: number, hi: number): number {
    const node = this.lo.length;
    this.lo.push(lo);
    this.hi.push(hi);
    this.splitDim.push(-1);
    this.splitVal.push(0);
    this.left.push(-1);
    this.right.push(-1);
    if (hi - lo <= LEAF_SIZE) return node;
    let bestDim = 0;
    let bestSpread = -1;
    for (let d = 0; d < this.dim; d++) {
      let mn = Infinity;
      let mx = -Infinity;
      for (let j = lo; j < hi; j++) {
        const v = this.coord(this.perm[j], d);
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      if (mx - mn > bestSpread) {
        bestSpread = mx - mn;
        bestDim = d;
      }
    }
    if (bestSpread === 0) return node; // all points equal: keep as one leaf
    const mid = (lo + hi) >> 1;
    this.select(lo, hi, mid, bestDim);
    this.splitDim[node] = bestDim;
    this.splitVal[node] = this.coord(this.perm[mid], bestDim);
    this.left[node] = this.build(lo, mid);
    this.right[node] = this.build(mid, hi);
    return node;
  }

  /** Quickselect: rearranges perm[lo, hi) so perm[k] holds the k-th smallest along d. */
  private select(lo: number, hi: number, k: number, d: number): void {
    const p = this.perm;
    let a = lo;
    let b = hi - 1;
    while (a < b) {
      const pivot = this.coord(p[(a + b) >> 1], d);
      let i = a;
      let j = b;
      while (i <= j) {
        while (this.coord(p[i], d) < pivot) i++;
        while (this.coord(p[j], d) > pivot) j--;
        if (i <= j) {
          const t = p[i];
          p[i] = p[j];
          p[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) b = j;
      else if (k >= i) a = i;
      else return;
    }
  }

  /**
   * The k nearest stored points to `query` (length dim), nearest first. `exclude` is a stored
   * index to skip (the query point itself when querying a set against its own tree).
   */
  nearest(query: ArrayLike<number>, k: number, exclude = -1): Neighbour[] {
    if (!(Number.isInteger(k) && k >= 1)) throw new Error(`KdTree.nearest: k ${k} must be a positive integer`);
    const available = this.n - (exclude >= 0 && exclude < this.n ? 1 : 0);
    if (k > available) throw new Error(`KdTree.nearest: k ${k} exceeds the ${available} candidate points`);
    // Sorted ascending by squared distance, length ≤ k.
    const bestD: number[] = [];
    const bestI: number[] = [];
    const visit = (node: number): void => {
      const sd = this.splitDim[node];
      if (sd < 0) {
        for (let j = this.lo[node]; j < this.hi[node]; j++) {
          const idx = this.perm[j];
          if (idx === exclude) continue;
          let d2 = 0;
          for (let d = 0; d < this.dim; d++) {
            const diff = query[d] - this.pts[idx * this.dim + d];
            d2 += diff * diff;
          }
          if (bestD.length < k || d2 < bestD[bestD.length - 1]) {
            let pos = bestD.length;
            while (pos > 0 && bestD[pos - 1] > d2) pos--;
            bestD.splice(pos, 0, d2);
            bestI.splice(pos, 0, idx);
            if (bestD.length > k) {
              bestD.pop();
              bestI.pop();
            }
          }
        }
        return;
      }
      const diff = query[sd] - this.splitVal[node];
      const near = diff < 0 ? this.left[node] : this.right[node];
      const far = diff < 0 ? this.right[node] : this.left[node];
      visit(near);
      if (bestD.length < k || diff * diff < bestD[bestD.length - 1]) visit(far);
    };
    visit(0);
    return bestD.map((d2, j) => ({ index: bestI[j], distance: Math.sqrt(d2) }));
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
